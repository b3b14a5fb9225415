"""Helpers for answering sessions in tests; the shared fixtures live in tests/conftest.py."""

from veltutor.learning import services


def right_answer(item) -> str:
    question = item.question
    if question.kind == "multiple_choice":
        return str(question.choices.index(question.correct_answer))
    return question.correct_answer


def wrong_answer(item) -> str:
    question = item.question
    if question.kind == "multiple_choice":
        right = question.choices.index(question.correct_answer)
        return str((right + 1) % len(question.choices))
    return str(int(question.correct_answer) + 1)


def answer_all(session, *, correct: bool = True) -> None:
    for item in session.items.select_related("question").order_by("position"):
        services.session_answer(
            user=session.user,
            session_id=session.pk,
            position=item.position,
            response=right_answer(item) if correct else wrong_answer(item),
        )
