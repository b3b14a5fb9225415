from datetime import timedelta

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAdminUser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from attribution import analytics, selectors
from attribution.models import Cohort

DEFAULT_WEEKS = 12


class DateRangeSerializer(serializers.Serializer):
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, data: dict) -> dict:
        data["end"] = data.get("end") or timezone.localdate()
        data["start"] = data.get("start") or data["end"] - timedelta(weeks=DEFAULT_WEEKS)
        if data["start"] > data["end"]:
            raise ValidationError({"start": "The start date must be on or before the end date."})
        return data


class KFactorApi(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema_serializer(component_name="KFactorInput")
    class InputSerializer(DateRangeSerializer):
        loop = serializers.ChoiceField(
            choices=[loop for loop, _ in Cohort.LOOP_CHOICES], required=False
        )

    @extend_schema_serializer(component_name="KFactorOutput")
    class OutputSerializer(serializers.Serializer):
        week_start = serializers.DateField()
        loop = serializers.CharField()
        size = serializers.IntegerField()
        inviters = serializers.IntegerField()
        invites_sent = serializers.IntegerField()
        links_opened = serializers.IntegerField()
        plays_completed = serializers.IntegerField()
        invitees_converted = serializers.IntegerField()
        conversion_rate = serializers.FloatField(allow_null=True)
        k_factor = serializers.FloatField(allow_null=True)
        cycle_time_days = serializers.FloatField(allow_null=True)
        amplification = serializers.FloatField(allow_null=True)
        computed_at = serializers.DateTimeField()

    @extend_schema(
        parameters=[InputSerializer],
        responses=OutputSerializer(many=True),
        summary="K-factor per weekly cohort and loop (staff)",
    )
    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        cohorts = selectors.cohort_list(
            start=params.validated_data["start"],
            end=params.validated_data["end"],
            loop=params.validated_data.get("loop"),
        )
        return Response(self.OutputSerializer(cohorts, many=True).data)


class AttributionApi(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema_serializer(component_name="AttributionInput")
    class InputSerializer(DateRangeSerializer):
        model = serializers.ChoiceField(choices=analytics.MODELS)
        kind = serializers.ChoiceField(choices=analytics.KINDS, default="signup")
        lookback_days = serializers.IntegerField(min_value=1, max_value=365, default=30)
        half_life_days = serializers.FloatField(min_value=0.1, max_value=365, default=7.0)

    @extend_schema_serializer(component_name="AttributionCredit")
    class CreditSerializer(serializers.Serializer):
        key = serializers.CharField()
        credit = serializers.FloatField()
        conversions = serializers.IntegerField()

    @extend_schema_serializer(component_name="AttributionOutput")
    class OutputSerializer(serializers.Serializer):
        start = serializers.DateField()
        end = serializers.DateField()
        model = serializers.CharField()
        kind = serializers.CharField()
        lookback_days = serializers.IntegerField()
        half_life_days = serializers.FloatField()
        conversions = serializers.IntegerField()
        attributed = serializers.IntegerField()
        total_credit = serializers.FloatField()
        by_loop = serializers.ListField(child=serializers.DictField())
        by_inviter = serializers.ListField(child=serializers.DictField())
        by_channel = serializers.ListField(child=serializers.DictField())

    @extend_schema(
        parameters=[
            InputSerializer,
            OpenApiParameter("model", str, required=True, enum=list(analytics.MODELS)),
        ],
        responses=OutputSerializer,
        summary="Credit per loop, inviter and channel for conversions in a date range (staff)",
    )
    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        try:
            report = analytics.attribution_report(**params.validated_data)
        except ValueError as error:
            raise ValidationError({"detail": str(error)}) from error
        credits = self.CreditSerializer
        data = {
            **{
                field: getattr(report, field)
                for field in (
                    "start",
                    "end",
                    "model",
                    "kind",
                    "lookback_days",
                    "half_life_days",
                    "conversions",
                    "attributed",
                    "total_credit",
                )
            },
            "by_loop": credits(report.by_loop, many=True).data,
            "by_inviter": credits(report.by_inviter, many=True).data,
            "by_channel": credits(report.by_channel, many=True).data,
        }
        return Response(self.OutputSerializer(data).data)
