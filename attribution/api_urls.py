from django.urls import path

from attribution import api

urlpatterns = [
    path("k-factor", api.KFactorApi.as_view(), name="api-analytics-k-factor"),
    path("attribution", api.AttributionApi.as_view(), name="api-analytics-attribution"),
]
