"""The deployment checklist's SQL, verbatim, against our tables (PostgreSQL)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.postgres

STEP_4_2 = """SELECT
  (SELECT COUNT(*) FROM rewards) as rewards,
  (SELECT COUNT(*) FROM user_rewards) as user_rewards,
  (SELECT COUNT(*) FROM challenge_decks) as challenge_decks,
  (SELECT COUNT(*) FROM challenge_sessions) as challenge_sessions,
  (SELECT COUNT(*) FROM cohorts) as cohorts,
  (SELECT COUNT(*) FROM attribution_touchpoints) as attribution_touchpoints;"""

HOURS_1_6 = """SELECT
    (SELECT COUNT(*) FROM challenge_sessions WHERE inserted_at > NOW() - INTERVAL '6 hours') as challenges,
    (SELECT COUNT(*) FROM user_rewards WHERE inserted_at > NOW() - INTERVAL '6 hours') as rewards,
    (SELECT COUNT(*) FROM attribution_touchpoints WHERE inserted_at > NOW() - INTERVAL '6 hours') as touchpoints;"""  # noqa: E501


def run(sql: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        columns = [column.name for column in cursor.description]
        return dict(zip(columns, cursor.fetchone(), strict=True))


def test_the_hour_1_to_6_activity_query_counts_recent_loop_rows(challenge, client):
    client.get(f"/challenge/{challenge.token}")

    counts = run(HOURS_1_6)

    assert counts["touchpoints"] >= 1
    assert counts["challenges"] == 0
    assert counts["rewards"] >= 1  # the practice behind the challenge paid its reward


def test_the_step_4_2_row_count_query_runs_on_every_phase2_table(db):
    counts = run(STEP_4_2)

    assert counts["rewards"] == 5  # the starter catalog
    assert counts["challenge_decks"] == counts["challenge_sessions"] == counts["cohorts"] == 0
