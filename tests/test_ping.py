from django.urls import reverse


def test_ping_answers_pong_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("ping"))

    assert response.status_code == 200
    assert response.content == b"pong"
    assert response["Content-Type"].startswith("text/plain")


def test_ping_answers_get_only(client, db):
    assert client.post(reverse("ping")).status_code == 405
