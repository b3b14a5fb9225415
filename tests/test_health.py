from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse

from veltutor import settings as project_settings


def test_health_reports_ok_with_a_connected_database(client, db):
    response = client.get(reverse("health"))

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["database"] == "connected"
    assert body["version"] == project_settings.VERSION
    assert body["timestamp"]


def test_health_is_503_when_the_database_is_unreachable(client, db, monkeypatch):
    def refuse(self):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
        response = client.get(reverse("health"))

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "unreachable"


def test_health_answers_get_only(client, db):
    assert client.post(reverse("health")).status_code == 405
