from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from core.bounds import BoundedDateField, BoundedModelSerializer
from matters.api_access import MatterScopedMixin, VisibleMatterField
from notices.api import VisibleAgreementField
from registration_rights import services
from registration_rights.models import EventKind, RegistrationEvent, RegistrationRights
from registration_rights.position import __doc__ as RULES
from registration_rights.selectors import rights_position


class RightsSerializer(BoundedModelSerializer):
    matter = VisibleMatterField()
    agreement = VisibleAgreementField(required=False, allow_null=True)

    class Meta:
        model = RegistrationRights
        fields = [
            "id", "matter", "agreement", "holders", "registrable_securities", "closing_date", "purchase_price",
            "filing_deadline_days", "filing_deadline_date", "effectiveness_deadline_days",
            "effectiveness_deadline_days_if_reviewed", "effectiveness_counted_from", "business_day_convention",
            "maintenance_period", "suspension_days_per_period", "suspension_days_per_year",
            "liquidated_damages_rate", "liquidated_damages_period_days", "liquidated_damages_cap", "damages_payable",
        ]
        extra_kwargs = {"holders": {"required": False}}

    def create(self, validated_data: dict[str, Any]) -> RegistrationRights:
        matter = validated_data.pop("matter")
        holders = validated_data.pop("holders", [])
        self.context["view"].check_matter_writable(matter)
        return services.rights_create(matter=matter, data=validated_data, holders=holders)

    def update(self, instance: RegistrationRights, validated_data: dict[str, Any]) -> RegistrationRights:
        validated_data.pop("matter", None)
        holders = validated_data.pop("holders", None)
        return services.rights_update(rights=instance, data=validated_data, holders=holders)


class EventSerializer(BoundedModelSerializer):
    kind = serializers.ChoiceField(choices=EventKind.choices)

    class Meta:
        model = RegistrationEvent
        fields = ["id", "kind", "date", "memo"]


class RegistrationPositionSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    filing_deadline = serializers.DateField(allow_null=True)
    effectiveness_deadline = serializers.DateField(allow_null=True)
    filed_on = serializers.DateField(allow_null=True)
    effective_on = serializers.DateField(allow_null=True)
    reviewed = serializers.BooleanField()
    days_in_default = serializers.IntegerField()
    liquidated_damages_accrued = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    cap_amount = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    cap_remaining = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    suspended_days = serializers.IntegerField(help_text="Days suspended (blackout) after effectiveness, to the as-of date.")
    suspension_days_in_excess = serializers.IntegerField(
        help_text="Suspended days beyond the allowed days per suspension or per 365 days; each is a day in default.")
    default_began = serializers.DateField(allow_null=True, help_text="The first day in default, if any.")
    formula = serializers.CharField()


class AsOfQuery(serializers.Serializer):
    as_of = BoundedDateField(required=False)


class RightsViewSet(MatterScopedMixin, viewsets.ModelViewSet):
    serializer_class = RightsSerializer
    queryset = RegistrationRights.objects.select_related("matter").prefetch_related("events", "holders").order_by("id")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    filterset_fields = ["matter"]

    @extend_schema(request=EventSerializer, responses={201: EventSerializer})
    @action(detail=True, methods=["post"], serializer_class=EventSerializer)
    def events(self, request: Request, pk: str | None = None) -> Response:
        rights = self.get_object()
        data = EventSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.event_record(rights=rights, kind=data.validated_data["kind"], on=data.validated_data["date"],
                                      memo=data.validated_data.get("memo", ""))
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE)], responses=RegistrationPositionSerializer, description=RULES)
    @action(detail=True, methods=["get"])
    def position(self, request: Request, pk: str | None = None) -> Response:
        rights = self.get_object()
        query = AsOfQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or timezone.localdate()
        return Response(RegistrationPositionSerializer(rights_position(rights, as_of)).data)


def register(router: BaseRouter) -> None:
    router.register("registration-rights", RightsViewSet, basename="registration-rights")
