import time
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from operations.models import Deployment


def record(**extra) -> Deployment:
    call_command(
        "record_deployment",
        "--kind",
        "deploy",
        "--status",
        "succeeded",
        "--started-at",
        str(int(time.time()) - 90),
        "--commit",
        "abc123def",
        "--smoke",
        "passed",
        *extra.get("args", []),
        stdout=StringIO(),
    )
    return Deployment.objects.get()


def test_a_script_run_is_recorded_with_its_duration(db, tmp_path):
    migrations = tmp_path / "migrations.txt"
    migrations.write_text("rewards.0001_create_rewards\nrewards.0002_create_user_rewards\n")

    deployment = record(args=["--migrations-file", str(migrations)])

    assert deployment.succeeded and deployment.smoke_result == "passed"
    assert 89 <= deployment.duration_seconds < 120
    assert deployment.migrations_applied.splitlines() == [
        "rewards.0001_create_rewards",
        "rewards.0002_create_user_rewards",
    ]


def test_the_last_successful_deploy_commit_is_printed(db):
    record()
    out = StringIO()

    call_command("record_deployment", "--last-commit", stdout=out)

    assert out.getvalue().strip() == "abc123def"


def test_staff_sign_off_the_24_hour_review_in_admin(client_as, staff):
    deployment = record()
    url = reverse("admin:operations_deployment_change", args=[deployment.pk])

    client_as(staff).post(url, {"review_24h": "No 5xx, agents Running.", "post_mortem": ""})

    deployment.refresh_from_db()
    assert deployment.review_24h == "No 5xx, agents Running."
    assert deployment.reviewed_by == staff and deployment.reviewed_at is not None
    assert deployment.commit == "abc123def"  # run fields stay read-only


def test_the_api_docs_page_uses_local_static_files(client, db):
    content = client.get("/api/docs/").content.decode()

    assert "/static/drf_spectacular_sidecar/" in content
    assert "cdn" not in content.lower()
