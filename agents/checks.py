"""System checks for the agents app."""

from django.conf import settings
from django.core.checks import Warning, register

NO_ANTHROPIC_KEY = "veltutor.W001"


@register()
def anthropic_key_check(app_configs, **kwargs) -> list[Warning]:
    """Without a key the site still works: Personalization keeps its own wording."""
    if settings.ANTHROPIC_API_KEY:
        return []
    return [
        Warning(
            "ANTHROPIC_API_KEY is not set: Personalization words its reasons without Claude.",
            hint="Set ANTHROPIC_API_KEY, or SILENCED_SYSTEM_CHECKS=veltutor.W001 to run without.",
            id=NO_ANTHROPIC_KEY,
        )
    ]
