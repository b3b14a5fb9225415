from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from agents.api import RecommendationListApi
from veltutor import health, metrics

admin.site.site_header = "Vel Tutor operations"
admin.site.site_title = "Vel Tutor admin"
admin.site.index_title = "Run the product"

urlpatterns = [
    path("api/health", health.health, name="health"),
    path("api/ping", health.ping, name="ping"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/rewards/", include("rewards.api_urls")),
    path("api/analytics/", include("attribution.api_urls")),
    path("api/recommendations", RecommendationListApi.as_view(), name="api-recommendations"),
    path("admin/", admin.site.urls),
    path("rewards/", include("rewards.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("", include("agents.urls")),
    path("", include("challenges.urls")),
    path("accounts/", include("veltutor.accounts.urls")),
    path("", include("veltutor.learning.urls")),
]
