import sys
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from agents import personalization
from agents.exceptions import UnknownUser
from agents.models import AgentRun
from agents.personalization import (
    REVIEW_AFTER_DAYS,
    TARGET_BAND,
    Personalization,
    RewordUnavailable,
    UnknownSubject,
)
from tests.learning.conftest import right_answer, wrong_answer
from tests.learning.factories import NumericQuestionFactory, SkillFactory
from veltutor.learning import services as learning_services
from veltutor.learning.models import SkillMastery

# For a 1000-rated student, questions rated 700–920 give 85 %–61 % success: the band sits
# inside that spread, so a set of 8 can be chosen with a mean success in the band.
IN_BAND = [700 + 20 * step for step in range(12)]
TOO_HARD = [1300 + 20 * step for step in range(8)]


def make_skill(subject, slug, *, position, ratings=IN_BAND, prerequisites=()):
    skill = SkillFactory(
        subject=subject, slug=slug, name=slug.replace("-", " ").title(), position=position
    )
    for rating in ratings:
        NumericQuestionFactory(skill=skill, difficulty_rating=rating)
    skill.prerequisites.set(prerequisites)
    return skill


def practised(user, skill, *, rating=1000.0, attempts=10, correct=7, days_ago=1):
    return SkillMastery.objects.create(
        user=user,
        skill=skill,
        rating=rating,
        attempts=attempts,
        correct=correct,
        last_practiced_at=timezone.now() - timedelta(days=days_ago),
    )


def recommend(user, subject="math", **kwargs):
    return Personalization().get_recommendations(user_id=user.pk, subject_id=subject, **kwargs)


def test_practice_recommends_skills_with_a_set_in_the_target_band_only(student, subject):
    started = make_skill(subject, "counting", position=0)
    make_skill(subject, "in-band", position=1)
    make_skill(subject, "too-hard", position=2, ratings=TOO_HARD)
    practised(student, started)

    items = recommend(student)

    practice = {item.skill: item for item in items if item.kind == "practice"}
    assert set(practice) == {"counting", "in-band"}
    assert all(TARGET_BAND[0] <= item.predicted_success <= TARGET_BAND[1] for item in items)


def test_practice_prefers_the_weakest_reachable_skill(student, subject):
    strong = make_skill(subject, "strong", position=0, ratings=[*IN_BAND, 900, 950, 1000])
    weak = make_skill(subject, "weak", position=1)
    practised(student, strong, rating=1080.0)
    practised(student, weak, rating=960.0)

    assert [item.skill for item in recommend(student)] == ["weak", "strong"]


def test_a_skill_not_practised_for_review_after_days_is_offered_for_review(student, subject):
    stale = make_skill(subject, "percentages", position=0, ratings=TOO_HARD)
    practised(student, stale, days_ago=REVIEW_AFTER_DAYS + 2)

    (item,) = recommend(student)

    assert (item.kind, item.skill) == ("review", "percentages")
    assert item.reason == (
        "You haven't practised Percentages for 9 days: a quick review keeps it fresh."
    )


def test_a_skill_practised_recently_is_not_offered_for_review(student, subject):
    recent = make_skill(subject, "percentages", position=0, ratings=TOO_HARD)
    practised(student, recent, days_ago=REVIEW_AFTER_DAYS - 1)

    assert recommend(student) == []


def test_a_new_student_gets_foundation_skills_without_prerequisites_first(student, subject):
    later = make_skill(subject, "later", position=2)
    make_skill(subject, "depends", position=0, prerequisites=[later])
    make_skill(subject, "first", position=1)

    items = recommend(student)

    assert [(item.kind, item.skill) for item in items] == [
        ("foundation", "first"),
        ("foundation", "later"),
    ]
    assert items[0].reason.startswith("Start here: First needs nothing before it")


def test_a_skill_whose_prerequisite_is_not_mastered_never_appears(student, subject):
    basics = make_skill(subject, "basics", position=0, ratings=TOO_HARD)
    make_skill(subject, "fractions", position=1, prerequisites=[basics])
    practised(student, basics, rating=990.0, attempts=4, correct=4, days_ago=REVIEW_AFTER_DAYS)

    assert "fractions" not in {item.skill for item in recommend(student)}


def test_a_skill_opens_once_its_prerequisite_is_mastered_and_says_so(student, subject):
    basics = make_skill(subject, "multiplication", position=0, ratings=TOO_HARD)
    make_skill(subject, "fractions", position=1, prerequisites=[basics])
    practised(student, basics, rating=1100.0, attempts=12, correct=10)

    (item,) = recommend(student)

    assert item.skill == "fractions"
    assert item.reason.startswith("Builds on Multiplication, which you've mastered.")


def test_skills_without_active_questions_are_never_recommended(student, subject):
    empty = make_skill(subject, "empty", position=0)
    empty.questions.update(is_active=False)

    assert recommend(student) == []


def test_no_skill_appears_more_than_twice_and_practice_alternates_with_review(student, subject):
    for position in range(6):
        skill = make_skill(subject, f"skill-{position}", position=position)
        practised(student, skill, rating=1000.0 - position, days_ago=REVIEW_AFTER_DAYS + 1)

    items = recommend(student)

    assert max(Counter(item.skill for item in items).values()) <= 2
    assert len({item.content_id + item.kind for item in items}) == len(items) == 5
    assert [item.kind for item in items] == ["practice", "review"] * 2 + ["practice"]


def test_recommendations_are_deterministic(student, subject):
    for position in range(4):
        skill = make_skill(subject, f"skill-{position}", position=position)
        practised(student, skill, days_ago=position * 4)

    assert recommend(student) == recommend(student)


def test_the_reason_quotes_the_latest_session_score_and_when(student, subject):
    fractions = make_skill(subject, "adding-fractions", position=0)
    session = learning_services.practice_start(
        user=student, skill=fractions, question_count=5, seed=3
    )
    for item in session.items.select_related("question").order_by("position"):
        learning_services.session_answer(
            user=student,
            session_id=session.pk,
            position=item.position,
            response=right_answer(item) if item.position <= 3 else wrong_answer(item),
        )

    (item,) = recommend(student)

    assert item.reason.startswith("You got 3 of 5 on Adding Fractions today;")
    assert f"about {round(100 * item.predicted_success)} % expected" in item.reason


def test_an_unknown_subject_is_a_404_naming_it(student, subject):
    with pytest.raises(UnknownSubject) as error:
        recommend(student, subject="astrology")

    assert (error.value.code, error.value.http_status) == ("unknown_subject", 404)
    assert "astrology" in error.value.message


def test_an_unknown_user_is_refused(subject):
    with pytest.raises(UnknownUser):
        Personalization().get_recommendations(user_id=987654, subject_id="math")


def test_the_query_count_does_not_grow_with_the_number_of_skills(
    student, subject, django_assert_max_num_queries
):
    previous = None
    for position in range(12):
        skill = make_skill(
            subject,
            f"skill-{position}",
            position=position,
            prerequisites=[previous] if previous else [],
        )
        practised(student, skill, days_ago=position)
        previous = skill

    with django_assert_max_num_queries(8):
        items = recommend(student)

    assert len(items) == 5


def test_each_call_is_recorded_as_an_agent_run(student, subject):
    make_skill(subject, "counting", position=0)

    recommend(student)

    run = AgentRun.objects.get()
    assert (run.agent, run.operation, run.outcome) == (
        "Personalization",
        "get_recommendations",
        "ok",
    )


def test_claude_words_the_reasons_when_available(student, subject, settings, monkeypatch):
    settings.ANTHROPIC_API_KEY = "test-key"
    make_skill(subject, "counting", position=0)
    make_skill(subject, "shapes", position=1)
    monkeypatch.setattr(
        personalization,
        "_reword",
        lambda items, summary: [f"Try {item['skill_name']} next." for item in items],
    )

    items = recommend(student)

    assert [(item.reason, item.worded_by) for item in items] == [
        ("Try Counting next.", "claude"),
        ("Try Shapes next.", "claude"),
    ]
    assert AgentRun.objects.get().outcome == "ok"


def test_a_claude_failure_keeps_the_rule_reasons_and_records_a_fallback(
    student, subject, settings, monkeypatch
):
    settings.ANTHROPIC_API_KEY = "test-key"
    make_skill(subject, "counting", position=0)

    def fail(items, summary):
        raise RewordUnavailable("ai_timeout")

    monkeypatch.setattr(personalization, "_reword", fail)

    (item,) = recommend(student)

    assert (item.worded_by, item.reason.startswith("Start here: Counting")) == ("rules", True)
    run = AgentRun.objects.get()
    assert (run.outcome, run.error_type) == ("fallback", "ai_timeout")


def test_a_missing_llm_module_is_a_fallback_not_an_error(student, subject, settings, monkeypatch):
    settings.ANTHROPIC_API_KEY = "test-key"
    make_skill(subject, "counting", position=0)
    monkeypatch.setitem(sys.modules, "agents.llm", None)

    (item,) = recommend(student)

    assert item.worded_by == "rules"
    assert AgentRun.objects.get().error_type == "unavailable"


def test_use_ai_false_never_calls_claude(student, subject, settings, monkeypatch):
    settings.ANTHROPIC_API_KEY = "test-key"
    make_skill(subject, "counting", position=0)

    def explode(items, summary):
        raise AssertionError("Claude was called")

    monkeypatch.setattr(personalization, "_reword", explode)

    assert recommend(student, use_ai=False)[0].worded_by == "rules"


def test_as_dict_is_plain_data(student, subject):
    make_skill(subject, "counting", position=0)

    data = recommend(student)[0].as_dict()

    assert data["content_id"] == "skill:math/counting"
    assert data["kind"] == "foundation"
    assert len(data["question_ids"]) == 8
