from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "veltutor.learning"
    label = "learning"
    verbose_name = "Learning"
