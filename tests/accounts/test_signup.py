import pytest
from django.urls import reverse

from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from veltutor.accounts.models import User
from veltutor.accounts.signals import user_signed_up

SIGNUP = {
    "username": "newkid",
    "display_name": "New Kid",
    "email": "newkid@example.com",
    "password": "a-long-unusual-passphrase",
}


def test_signing_up_creates_the_account_and_logs_in(client, db):
    response = client.post(reverse("accounts:signup"), SIGNUP)

    user = User.objects.get(username="newkid")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.public_name == "New Kid"


def test_signing_up_announces_user_signed_up_after_commit(
    client, db, django_capture_on_commit_callbacks
):
    received = []

    def listener(sender, user, request, **kwargs):
        received.append((user.username, request is not None))

    user_signed_up.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("accounts:signup"), SIGNUP)
    finally:
        user_signed_up.disconnect(listener)

    assert received == [("newkid", True)]


def test_signing_up_follows_a_safe_next_url(client, db):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "next": "/subjects/math/"})

    assert response.url == "/subjects/math/"


def test_signing_up_ignores_an_offsite_next_url(client, db):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "next": "https://evil.test/"})

    assert response.url == reverse("learning:home")


def test_a_taken_username_is_a_form_error(client, db):
    UserFactory(username="NewKid")

    response = client.post(reverse("accounts:signup"), SIGNUP)

    assert response.status_code == 200
    assert "That username is taken" in response.content.decode()
    assert User.objects.count() == 1


def test_a_taken_email_is_a_form_error_whatever_its_case(client, db):
    UserFactory(username="someone", email="NEWKID@example.com")

    response = client.post(reverse("accounts:signup"), SIGNUP)

    assert "already exists" in response.content.decode()


@pytest.mark.parametrize("password", ["short", "password123", "12345678901"])
def test_a_weak_password_is_a_form_error(client, db, password):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "password": password})

    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    assert not User.objects.filter(username="newkid").exists()


def test_logging_in_and_out(client, student):
    response = client.post(
        reverse("accounts:login"), {"username": "sam", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(student.pk)

    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_shows_an_error(client, student):
    response = client.post(reverse("accounts:login"), {"username": "sam", "password": "nope"})

    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


def test_the_signup_and_login_pages_render(client, db):
    assert client.get(reverse("accounts:signup")).status_code == 200
    assert client.get(reverse("accounts:login")).status_code == 200
