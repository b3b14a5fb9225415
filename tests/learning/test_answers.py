from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from veltutor.learning.answers import is_correct, parse_number
from veltutor.learning.models import Question


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("42", Decimal(42)),
        (" -3 ", Decimal(-3)),
        ("0.75", Decimal("0.75")),
        ("3/4", Decimal("0.75")),
        ("1,250", Decimal(1250)),
        ("\u22125", Decimal(-5)),
    ],
)
def test_numbers_are_read_in_the_forms_students_type(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["", "ten", "1/0", "NaN", "inf", "1.2.3", "9" * 50])
def test_malformed_numbers_are_refused_with_a_message(raw):
    with pytest.raises(ValidationError) as error:
        parse_number(raw)

    assert error.value.messages[0]


def test_a_numeric_answer_within_tolerance_counts_as_right():
    question = Question(kind="numeric", correct_answer="3.14", tolerance=Decimal("0.01"))

    assert is_correct(question, "3.15") is True
    assert is_correct(question, "3.16") is False


def test_a_fraction_equal_to_the_answer_counts_as_right():
    question = Question(kind="numeric", correct_answer="0.875", tolerance=Decimal(0))

    assert is_correct(question, "7/8") is True


def test_a_choice_is_right_when_its_text_is_the_answer():
    question = Question(kind="multiple_choice", choices=["a", "b", "c"], correct_answer="b")

    assert is_correct(question, "1") is True
    assert is_correct(question, "2") is False
