from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from rewards import selectors, services


class LedgerEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    points = serializers.IntegerField()
    action = serializers.CharField()
    reason = serializers.CharField()
    status = serializers.CharField()
    reward_code = serializers.CharField(source="reward.code", allow_null=True, default=None)
    inserted_at = serializers.DateTimeField()
    claimed_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)


class RewardBalanceApi(APIView):
    @extend_schema_serializer(component_name="RewardBalanceOutput")
    class OutputSerializer(serializers.Serializer):
        balance = serializers.IntegerField()
        unclaimed_points = serializers.IntegerField()
        history = LedgerEntrySerializer(many=True)

    @extend_schema(responses=OutputSerializer, summary="Balance and recent ledger entries")
    def get(self, request: Request) -> Response:
        user_id = request.user.pk
        data = {
            "balance": selectors.balance_get(user_id=user_id),
            "unclaimed_points": selectors.unclaimed_points_for_user(user_id=user_id),
            "history": selectors.ledger_list_for_user(user_id=user_id, limit=100),
        }
        return Response(self.OutputSerializer(data).data)


class RewardClaimApi(APIView):
    @extend_schema_serializer(component_name="RewardClaimOutput")
    class OutputSerializer(serializers.Serializer):
        entry = LedgerEntrySerializer()
        balance = serializers.IntegerField()
        newly_claimed = serializers.BooleanField()

    @extend_schema(request=None, responses=OutputSerializer, summary="Claim an available grant")
    def post(self, request: Request, entry_id: int) -> Response:
        result = services.reward_claim(user_id=request.user.pk, entry_id=entry_id)
        return Response(self.OutputSerializer(result).data)


class RewardRedeemApi(APIView):
    @extend_schema_serializer(component_name="RewardRedeemInput")
    class InputSerializer(serializers.Serializer):
        reward_code = serializers.SlugField(max_length=60)
        idempotency_key = serializers.CharField(max_length=64, required=False)

    @extend_schema_serializer(component_name="RewardRedeemOutput")
    class OutputSerializer(serializers.Serializer):
        entry = LedgerEntrySerializer()
        balance = serializers.IntegerField()
        created = serializers.BooleanField()

    @extend_schema(
        request=InputSerializer, responses=OutputSerializer, summary="Spend points on a reward"
    )
    def post(self, request: Request) -> Response:
        payload = self.InputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = services.reward_redeem(
            user_id=request.user.pk,
            reward_code=payload.validated_data["reward_code"],
            idempotency_key=payload.validated_data.get("idempotency_key"),
        )
        return Response(
            self.OutputSerializer(result).data,
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )


class RewardCatalogApi(APIView):
    @extend_schema_serializer(component_name="RewardCatalogOutput")
    class OutputSerializer(serializers.Serializer):
        code = serializers.CharField(source="reward.code")
        name = serializers.CharField(source="reward.name")
        description = serializers.CharField(source="reward.description")
        kind = serializers.CharField(source="reward.kind")
        cost_points = serializers.IntegerField(source="reward.cost_points")
        stock = serializers.IntegerField(source="reward.stock", allow_null=True)
        can_redeem = serializers.BooleanField()
        blocked_reason = serializers.CharField()

    @extend_schema(responses=OutputSerializer(many=True), summary="The catalog, for this user")
    def get(self, request: Request) -> Response:
        items = selectors.catalog_list_for_user(user_id=request.user.pk)
        return Response(self.OutputSerializer(items, many=True).data)
