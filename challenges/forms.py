from django import forms

from veltutor.learning.models import Question


class PlayStartForm(forms.Form):
    display_name = forms.CharField(
        max_length=40,
        required=False,
        label="Your name (shown on the leaderboard)",
        widget=forms.TextInput(attrs={"placeholder": "e.g. Alex", "autocomplete": "nickname"}),
    )


class PlayAnswerForm(forms.Form):
    position = forms.IntegerField(min_value=1, max_value=1000, widget=forms.HiddenInput)
    response = forms.CharField(max_length=200, required=False, strip=True)

    def __init__(self, *args, question: Question | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if question is not None and question.kind == Question.Kind.NUMERIC:
            self.fields["response"].widget = forms.TextInput(
                attrs={
                    "inputmode": "decimal",
                    "autocomplete": "off",
                    "autofocus": True,
                    "placeholder": "Your answer",
                    "aria-label": "Your answer",
                }
            )
