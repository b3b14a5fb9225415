from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "veltutor.accounts"
    label = "accounts"
    verbose_name = "Accounts"
