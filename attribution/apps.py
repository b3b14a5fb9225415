from django.apps import AppConfig


class AttributionConfig(AppConfig):
    name = "attribution"
    verbose_name = "Attribution"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from attribution import receivers
        from attribution.aggregates import register_sqlite_median

        receivers.connect()
        connection_created.connect(register_sqlite_median, dispatch_uid="attribution.median")
