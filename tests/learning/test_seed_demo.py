from io import StringIO

from django.core.management import call_command

from veltutor.accounts.models import User
from veltutor.learning.models import LearningSession, Question, SessionItem, Skill, Subject


def counts() -> dict:
    return {
        "subjects": Subject.objects.count(),
        "skills": Skill.objects.count(),
        "questions": Question.objects.count(),
        "users": User.objects.count(),
        "sessions": LearningSession.objects.count(),
        "answers": SessionItem.objects.filter(answered_at__isnull=False).count(),
    }


def test_seed_demo_loads_content_users_and_history_and_can_run_twice(db):
    output = StringIO()
    call_command("seed_demo", "--sessions", "3", "--days", "7", stdout=output)
    first = counts()

    call_command("seed_demo", "--sessions", "3", "--days", "7", stdout=StringIO())

    assert counts() == first
    assert first["subjects"] >= 3 and first["skills"] >= 12 and first["questions"] >= 300
    assert User.objects.filter(username="staff", is_staff=True).exists()
    assert LearningSession.objects.filter(user__username="demo", status="completed").count() == 3
    assert "username: demo" in output.getvalue() and "password:" in output.getvalue()


def test_seeded_history_lies_in_the_past_weeks(db):
    call_command("seed_demo", "--sessions", "4", "--days", "21", stdout=StringIO())

    sessions = LearningSession.objects.filter(user__username="demo").order_by("started_at")
    span = sessions.last().started_at - sessions.first().started_at
    assert span.days >= 10


def test_seeded_rewards_are_dated_at_their_sessions(db, django_capture_on_commit_callbacks):
    from rewards.models import UserReward

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--sessions", "3", "--days", "14", stdout=StringIO())

    session = LearningSession.objects.filter(user__username="demo").order_by("started_at").first()
    grant = UserReward.objects.get(metadata__session_id=session.pk)
    assert grant.inserted_at == session.completed_at
