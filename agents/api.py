from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agents.incentives import IncentivesEconomy
from agents.personalization import Personalization


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


class RecommendationListApi(APIView):
    @extend_schema_serializer(component_name="RecommendationListInput")
    class InputSerializer(serializers.Serializer):
        subject = serializers.SlugField(max_length=50)

    @extend_schema_serializer(component_name="RecommendationOutput")
    class OutputSerializer(serializers.Serializer):
        content_id = serializers.CharField()
        kind = serializers.CharField()
        skill = serializers.CharField()
        skill_name = serializers.CharField()
        subject_id = serializers.CharField()
        predicted_success = serializers.FloatField()
        reason = serializers.CharField()
        worded_by = serializers.CharField()

    @extend_schema(
        parameters=[OpenApiParameter("subject", str, required=True)],
        responses=OutputSerializer(many=True),
        summary="What to practise next in a subject, and why (Personalization)",
    )
    def get(self, request: Request) -> Response:
        payload = self.InputSerializer(data=request.query_params)
        payload.is_valid(raise_exception=True)
        recommendations = Personalization().get_recommendations(
            user_id=request.user.pk, subject_id=payload.validated_data["subject"]
        )
        return Response(self.OutputSerializer(recommendations, many=True).data)
