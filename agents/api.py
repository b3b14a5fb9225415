from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agents.incentives import IncentivesEconomy


class RewardQuoteApi(APIView):
    @extend_schema_serializer(component_name="RewardQuoteInput")
    class InputSerializer(serializers.Serializer):
        action = serializers.SlugField(max_length=40)

    @extend_schema_serializer(component_name="RewardQuoteOutput")
    class OutputSerializer(serializers.Serializer):
        action = serializers.CharField()
        points = serializers.IntegerField()
        reason = serializers.CharField()

    @extend_schema(
        parameters=[OpenApiParameter("action", str, required=True)],
        responses=OutputSerializer,
        summary="What an action would earn you now (IncentivesEconomy.calculate_reward)",
    )
    def get(self, request: Request) -> Response:
        payload = self.InputSerializer(data=request.query_params)
        payload.is_valid(raise_exception=True)
        quote = IncentivesEconomy().calculate_reward(
            action=payload.validated_data["action"], user_id=request.user.pk
        )
        return Response(self.OutputSerializer(quote).data)
