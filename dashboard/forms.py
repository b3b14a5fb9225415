from datetime import timedelta

from django import forms
from django.utils import timezone

from attribution.analytics import MODELS

MODEL_LABELS = {
    "first_touch": "First touch",
    "last_touch": "Last touch",
    "linear": "Linear",
    "time_decay": "Time decay",
    "position_based": "Position based (40/20/40)",
}
DEFAULT_WEEKS = 12


class KFactorFilterForm(forms.Form):
    start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    model = forms.ChoiceField(choices=[(model, MODEL_LABELS[model]) for model in MODELS])
    kind = forms.ChoiceField(
        choices=[("signup", "Sign-ups"), ("first_practice", "First practices")]
    )
    lookback_days = forms.IntegerField(min_value=1, max_value=365, label="Lookback (days)")
    half_life_days = forms.FloatField(min_value=0.1, max_value=365, label="Half-life (days)")

    @classmethod
    def with_defaults(cls, query: dict) -> "KFactorFilterForm":
        """A bound form: the query's values over the defaults (the last 12 weeks, linear)."""
        end = timezone.localdate()
        defaults = {
            "start": (end - timedelta(weeks=DEFAULT_WEEKS)).isoformat(),
            "end": end.isoformat(),
            "model": "linear",
            "kind": "signup",
            "lookback_days": "30",
            "half_life_days": "7",
        }
        return cls({**defaults, **{key: value for key, value in query.items() if value}})

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("The start date must be on or before the end date.")
        return data
