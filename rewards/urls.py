from django.urls import path

from rewards import views

app_name = "rewards"

urlpatterns = [
    path("", views.index, name="index"),
    path("claim/<int:entry_id>/", views.claim, name="claim"),
    path("claim-all/", views.claim_all, name="claim_all"),
    path("redeem/<slug:reward_code>/", views.redeem, name="redeem"),
    path("sessions/<int:session_id>/slot/", views.result_slot, name="result_slot"),
]
