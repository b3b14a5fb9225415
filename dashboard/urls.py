from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("phase2", views.phase2, name="phase2"),
    path("k-factor", views.k_factor, name="k_factor"),
    path("k-factor/attribution", views.attribution_table, name="attribution"),
    path("k-factor/attribution.csv", views.attribution_csv, name="attribution_csv"),
]
