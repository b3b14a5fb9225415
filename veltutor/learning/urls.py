from django.urls import path

from veltutor.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.home, name="home"),
    path("subjects/<slug:subject_slug>/", views.subject_detail, name="subject"),
    path(
        "subjects/<slug:subject_slug>/diagnostic/",
        views.diagnostic_start,
        name="diagnostic_start",
    ),
    path("practice/start/", views.practice_start, name="practice_start"),
    path("sessions/<int:session_id>/", views.session_play, name="session_play"),
    path("sessions/<int:session_id>/answer/", views.session_answer, name="session_answer"),
    path("sessions/<int:session_id>/result/", views.session_result, name="session_result"),
]
