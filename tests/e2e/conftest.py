"""Browser tests: real headless Chromium (Debian's /usr/bin/chromium) against live_server.

In CI a missing browser fails the run; elsewhere these tests skip with the install hint.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items) -> None:
    e2e = [item for item in items if "tests/e2e/" in str(item.fspath)]
    for item in e2e:
        item.add_marker(pytest.mark.e2e)
    if os.path.exists(CHROMIUM):
        return
    message = f"Chromium not found at {CHROMIUM}: install it with `make browser`."
    for item in e2e:
        if os.environ.get("CI"):
            item.add_marker(pytest.mark.usefixtures("_fail_without_browser"))
        else:
            item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(autouse=True, scope="session")
def _allow_orm_beside_playwright():
    # Playwright's sync API runs an event loop in the test thread for the whole session; the
    # ORM calls the tests make to set up, inspect and flush data are synchronous and safe.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture
def _fail_without_browser():
    pytest.fail(f"Chromium is required for browser tests in CI and is missing at {CHROMIUM}.")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def economy(transactional_db):
    """Live-server tests flush tables between tests, data migrations included: reload them."""
    from agents.defaults import economy_defaults_ensure
    from agents.models import EconomyPolicy, IncentiveRule, OfferVariant

    economy_defaults_ensure(
        rule_model=IncentiveRule, offer_model=OfferVariant, policy_model=EconomyPolicy
    )


@pytest.fixture
def loop_flags(transactional_db):
    from waffle.models import Flag

    for name in ("buddy_challenge", "results_rally", "phase2_dashboard"):
        Flag.objects.update_or_create(name=name, defaults={"everyone": True})


@pytest.fixture
def curriculum(transactional_db, economy, loop_flags):
    from tests.learning.factories import (
        ChoiceQuestionFactory,
        NumericQuestionFactory,
        SkillFactory,
        SubjectFactory,
    )

    subject = SubjectFactory(slug="math", name="Mathematics", description="Numbers and more.")
    arithmetic = SkillFactory(subject=subject, slug="arithmetic", name="Arithmetic", position=0)
    words = SkillFactory(subject=subject, slug="word-problems", name="Word problems", position=1)
    for offset in range(8):
        NumericQuestionFactory(skill=arithmetic, difficulty_rating=900 + 25 * offset)
        ChoiceQuestionFactory(skill=words, difficulty_rating=900 + 25 * offset)
    return subject
