from django.urls import path

from agents import views

app_name = "agents"

urlpatterns = [
    path("next/", views.home_next, name="home_next"),
    path("next/sessions/<int:session_id>/", views.result_next, name="result_next"),
]
