from django.apps import AppConfig


class AgentsConfig(AppConfig):
    name = "agents"
    verbose_name = "Agents"

    def ready(self) -> None:
        import agents.checks  # noqa: F401 - registers the system checks
        from agents import receivers

        receivers.connect()
