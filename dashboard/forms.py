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
    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    model = forms.ChoiceField(
        choices=[(model, MODEL_LABELS[model]) for model in MODELS], required=False
    )
    kind = forms.ChoiceField(
        choices=[("signup", "Sign-ups"), ("first_practice", "First practices")], required=False
    )
    lookback_days = forms.IntegerField(min_value=1, max_value=365, required=False)
    half_life_days = forms.FloatField(min_value=0.1, max_value=365, required=False)

    def clean(self) -> dict:
        data = super().clean()
        today = timezone.localdate()
        data["end"] = data.get("end") or today
        data["start"] = data.get("start") or data["end"] - timedelta(weeks=DEFAULT_WEEKS)
        if data["start"] > data["end"]:
            raise forms.ValidationError("The start date must be on or before the end date.")
        data["model"] = data.get("model") or "linear"
        data["kind"] = data.get("kind") or "signup"
        data["lookback_days"] = data.get("lookback_days") or 30
        data["half_life_days"] = data.get("half_life_days") or 7.0
        return data
