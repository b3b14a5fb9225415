from django.urls import path

from challenges import views

app_name = "challenges"

urlpatterns = [
    path("challenges/", views.my_links, name="mine"),
    path("loops/sessions/<int:session_id>/prompt/", views.result_prompt, name="result_prompt"),
]
# The checklist's public paths, exactly: /challenge/<token> and /rally/<token>.
for loop in ("challenge", "rally"):
    kwargs = {"loop": loop}
    urlpatterns += [
        path(f"{loop}/new", views.link_create, kwargs, name=f"{loop}_create"),
        path(f"{loop}/<str:token>", views.link_landing, kwargs, name=f"{loop}_landing"),
        path(f"{loop}/<str:token>/share", views.link_share, kwargs, name=f"{loop}_share"),
        path(f"{loop}/<str:token>/start", views.play_start, kwargs, name=f"{loop}_start"),
        path(f"{loop}/<str:token>/play", views.play_page, kwargs, name=f"{loop}_play"),
        path(f"{loop}/<str:token>/answer", views.play_answer, kwargs, name=f"{loop}_answer"),
        path(f"{loop}/<str:token>/result", views.play_result, kwargs, name=f"{loop}_result"),
    ]
