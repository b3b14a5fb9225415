from django import forms

from veltutor.learning.models import Question


class AnswerForm(forms.Form):
    """Shape of an answer; whether it parses and is right is the service's job."""

    position = forms.IntegerField(min_value=1, max_value=1000, widget=forms.HiddenInput)
    response = forms.CharField(max_length=200, required=False, strip=True)

    def __init__(self, *args, question: Question | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
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


class PracticeStartForm(forms.Form):
    skill = forms.IntegerField(min_value=1)
