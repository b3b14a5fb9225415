import pytest
from waffle.testutils import override_flag

from agents.models import AgentRun
from agents.orchestrator import Orchestrator, Refused, Routed
from tests.learning.conftest import answer_all
from veltutor.learning import services as learning_services


@pytest.fixture
def strong_practice(student, skill):
    session = learning_services.practice_start(user=student, skill=skill, question_count=4)
    answer_all(session, correct=True)
    session.refresh_from_db()
    return session


@pytest.fixture
def weak_practice(student, skill):
    session = learning_services.practice_start(user=student, skill=skill, question_count=4)
    answer_all(session, correct=False)
    session.refresh_from_db()
    return session


def test_a_student_with_a_finished_practice_is_routed_to_buddy_challenge(student, strong_practice):
    decision = Orchestrator().route_loop("buddy_challenge", {"user_id": student.pk})

    assert decision == Routed(loop="buddy_challenge")


def test_an_unknown_loop_is_refused(student):
    decision = Orchestrator().route_loop("chain_letter", {"user_id": student.pk})

    assert isinstance(decision, Refused) and decision.reason == "unknown_loop"


def test_a_loop_whose_flag_is_off_is_refused(student, strong_practice):
    with override_flag("buddy_challenge", active=False):
        decision = Orchestrator().route_loop("buddy_challenge", {"user_id": student.pk})

    assert decision.reason == "loop_disabled"


def test_a_student_without_a_finished_session_is_not_eligible(student):
    decision = Orchestrator().route_loop("buddy_challenge", {"user_id": student.pk})

    assert decision.reason == "not_eligible"


def test_a_weak_score_cannot_start_a_rally(student, weak_practice):
    decision = Orchestrator().route_loop(
        "results_rally", {"user_id": student.pk, "session_id": weak_practice.pk}
    )

    assert decision.reason == "not_eligible"


def test_past_the_daily_invite_limit_loops_are_rate_limited(student, strong_practice, settings):
    settings.LOOP_DAILY_INVITE_LIMIT = 0

    decision = Orchestrator().route_loop("buddy_challenge", {"user_id": student.pk})

    assert decision.reason == "rate_limited"


def test_a_strong_result_gets_a_rally_prompt_with_the_quotes(student, strong_practice):
    prompt = Orchestrator().result_prompt(user=student, session=strong_practice)

    assert prompt.loop == "results_rally"
    assert prompt.invite_points == 30  # challenge_sent: 10 + first-time bonus 20
    assert prompt.friend_points in {50, 100, 200}


def test_a_middling_result_gets_a_challenge_prompt(student, skill):
    session = learning_services.practice_start(user=student, skill=skill, question_count=4)
    items = list(session.items.select_related("question").order_by("position"))
    for index, item in enumerate(items):
        learning_services.session_answer(
            user=student,
            session_id=session.pk,
            position=item.position,
            response=item.question.correct_answer if index < 2 else "-1",
        )
    session.refresh_from_db()

    prompt = Orchestrator().result_prompt(user=student, session=session)

    assert prompt.loop == "buddy_challenge"


def test_a_poor_result_gets_no_prompt(student, weak_practice):
    assert Orchestrator().result_prompt(user=student, session=weak_practice) is None


def test_every_decision_is_recorded_as_an_agent_run(student, strong_practice):
    Orchestrator().route_loop("buddy_challenge", {"user_id": student.pk})
    Orchestrator().route_loop("nope", {"user_id": student.pk})

    assert AgentRun.objects.filter(agent="Orchestrator", operation="route_loop").count() == 2
