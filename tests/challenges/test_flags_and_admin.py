from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from waffle.models import Flag

from challenges.models import BuddyChallenge


def test_the_flags_exist_after_migrating(db):
    assert set(Flag.objects.values_list("name", flat=True)) >= {
        "buddy_challenge",
        "results_rally",
        "phase2_dashboard",
    }


def test_sync_flags_sets_the_flags_from_the_environment(db, settings):
    settings.FEATURE_RESULTS_RALLY = False

    call_command("sync_flags", stdout=StringIO())

    assert Flag.objects.get(name="results_rally").everyone is False
    assert Flag.objects.get(name="buddy_challenge").everyone is True


def test_sync_flags_dry_run_changes_nothing(db, settings):
    settings.FEATURE_BUDDY_CHALLENGE = False
    out = StringIO()

    call_command("sync_flags", "--dry-run", stdout=out)

    assert Flag.objects.get(name="buddy_challenge").everyone is True
    assert "buddy_challenge" in out.getvalue() and "Dry run" in out.getvalue()


@pytest.mark.parametrize(
    "name",
    [
        "admin:challenges_buddychallenge_changelist",
        "admin:challenges_rally_changelist",
        "admin:challenges_challengedeck_changelist",
        "admin:challenges_challengesession_changelist",
    ],
)
def test_staff_can_browse_the_loops(client_as, staff, challenge, name):
    assert client_as(staff).get(reverse(name), {"q": "sam"}).status_code == 200


def test_staff_revoke_a_challenge_and_its_page_closes(client_as, staff, client, challenge):
    client_as(staff).post(
        reverse("admin:challenges_buddychallenge_changelist"),
        {"action": "revoke", "_selected_action": [challenge.pk]},
    )

    assert BuddyChallenge.objects.get().status == "revoked"
    assert client.get(f"/challenge/{challenge.token}").status_code == 404
