from django.urls import path

from agents.api import RewardQuoteApi
from rewards import api

urlpatterns = [
    path("balance", api.RewardBalanceApi.as_view(), name="api-rewards-balance"),
    path("catalog", api.RewardCatalogApi.as_view(), name="api-rewards-catalog"),
    path("grants/<int:entry_id>/claim", api.RewardClaimApi.as_view(), name="api-rewards-claim"),
    path("redeem", api.RewardRedeemApi.as_view(), name="api-rewards-redeem"),
    path("quote", RewardQuoteApi.as_view(), name="api-rewards-quote"),
]
