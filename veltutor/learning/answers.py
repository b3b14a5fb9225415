"""Parsing and checking a student's response against a question's answer."""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from veltutor.learning.models import Question

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_FRACTION = re.compile(r"^([+-]?\d+)\s*/\s*(\d+)$")
MAX_RESPONSE_LENGTH = 40


def parse_number(raw: str) -> Decimal:
    text = raw.strip().replace("\u2212", "-")
    if not text:
        raise ValidationError("Type a number to answer.", code="empty")
    if len(text) > MAX_RESPONSE_LENGTH:
        raise ValidationError("That answer is too long to be a number.", code="too_long")
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    fraction = _FRACTION.match(text)
    if fraction:
        numerator, denominator = (int(part) for part in fraction.groups())
        if denominator == 0:
            raise ValidationError("A fraction cannot have 0 as its denominator.", code="zero")
        return Decimal(numerator) / Decimal(denominator)
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise ValidationError(
            "“%(value)s” is not a number. Use digits, a decimal point or a fraction like 3/4.",
            code="not_a_number",
            params={"value": raw.strip()[:MAX_RESPONSE_LENGTH]},
        ) from error
    if not value.is_finite():
        raise ValidationError("Type an ordinary number.", code="not_finite")
    return value


def parse_choice(raw: str, *, choice_count: int) -> int:
    text = raw.strip()
    if not text.isdigit() or not 0 <= int(text) < choice_count:
        raise ValidationError("Choose one of the options.", code="invalid_choice")
    return int(text)


def normalised_response(question: Question, raw: str) -> str:
    """The response as stored: the chosen option's index, or the number as typed."""
    if question.kind == Question.Kind.MULTIPLE_CHOICE:
        return str(parse_choice(raw, choice_count=len(question.choices)))
    parse_number(raw)
    return raw.strip()


def is_correct(question: Question, raw: str) -> bool:
    if question.kind == Question.Kind.MULTIPLE_CHOICE:
        index = parse_choice(raw, choice_count=len(question.choices))
        return question.choices[index] == question.correct_answer
    return abs(parse_number(raw) - Decimal(question.correct_answer)) <= question.tolerance


def response_label(question: Question, stored_response: str) -> str:
    if question.kind == Question.Kind.MULTIPLE_CHOICE and stored_response.isdigit():
        index = int(stored_response)
        if index < len(question.choices):
            return question.choices[index]
    return stored_response
