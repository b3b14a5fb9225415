import pytest
from django.test import Client

from tests.accounts.factories import UserFactory
from tests.learning.factories import (
    ChoiceQuestionFactory,
    NumericQuestionFactory,
    SkillFactory,
    SubjectFactory,
)
from veltutor.learning import services as learning_services


def pytest_configure(config) -> None:
    from django.conf import settings

    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items) -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL row locks (run with DATABASE_URL=postgres://...)"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def student(db):
    return UserFactory(username="sam", display_name="Sam")


@pytest.fixture
def other_student(db):
    return UserFactory(username="riley", display_name="Riley")


@pytest.fixture
def staff(db):
    return UserFactory(username="ops", is_staff=True, is_superuser=True)


@pytest.fixture
def client_as():
    def login(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return login


@pytest.fixture
def htmx_headers() -> dict:
    return {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def subject(db):
    return SubjectFactory(slug="math", name="Mathematics")


@pytest.fixture
def skill(subject):
    skill = SkillFactory(subject=subject, slug="arithmetic", name="Arithmetic")
    for offset in range(10):
        NumericQuestionFactory(skill=skill, difficulty_rating=900 + 20 * offset)
    return skill


@pytest.fixture
def second_skill(subject):
    skill = SkillFactory(subject=subject, slug="vocabulary", name="Vocabulary")
    for offset in range(6):
        ChoiceQuestionFactory(skill=skill, difficulty_rating=950 + 20 * offset)
    return skill


@pytest.fixture
def practice(student, skill):
    return learning_services.practice_start(user=student, skill=skill, question_count=4, seed=1)


@pytest.fixture
def hand_built_cohort(db):
    from tests.attribution.builders import build_hand_cohort

    build_hand_cohort()
