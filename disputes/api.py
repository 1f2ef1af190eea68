"""Disputes under /api/v1/disputes/, through the matters access rule. The stage changes only by the
actions: negotiation (date the period), arbitration (record the demand), resolution."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from core.bounds import BoundedDateField, BoundedModelSerializer
from disputes import services
from disputes.models import Dispute
from matters.api_access import MatterScopedMixin, VisibleMatterField, VisibleRecordField
from notices.api import VisibleAgreementField
from notices.models import Notice


class DisputeSerializer(BoundedModelSerializer):
    matter = VisibleMatterField()
    agreement = VisibleAgreementField()
    notice = VisibleRecordField(queryset=Notice.objects.all(), required=False, allow_null=True,
                                help_text="The written notice of the dispute (kind: notice of dispute)")
    notice_given_on = BoundedDateField(required=False, help_text="Empty: the day the notice is deemed given")

    class Meta:
        model = Dispute
        fields = ["id", "matter", "agreement", "clause", "title", "description", "raised_by", "other_party", "notice",
                  "notice_given_on", "stage", "negotiation_ends_on", "arbitration_demanded_on", "forum",
                  "successor_forum", "costs", "resolved_on", "resolution", "created_at"]
        read_only_fields = ["stage", "negotiation_ends_on", "arbitration_demanded_on", "resolved_on", "resolution",
                            "created_at"]

    def create(self, validated_data: dict[str, Any]) -> Dispute:
        matter = validated_data.pop("matter")
        self.context["view"].check_matter_writable(matter)
        return services.dispute_open(matter=matter, data=validated_data, by=self.context["request"].user)


class NegotiationSerializer(serializers.Serializer):
    ends_on = BoundedDateField(help_text='The end of "a reasonable time" after the notice, as counsel dates it')


class ArbitrationSerializer(serializers.Serializer):
    on = BoundedDateField(help_text="The day arbitration was demanded")


class ResolutionSerializer(serializers.Serializer):
    on = BoundedDateField()
    resolution = serializers.CharField(max_length=4000)


class DisputeViewSet(MatterScopedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = DisputeSerializer
    queryset = Dispute.objects.order_by("id")
    filterset_fields = ["matter", "agreement", "stage"]

    def _step(self, request: Request, serializer_class: type[serializers.Serializer], service: Any) -> Response:
        dispute = self.get_object()
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(DisputeSerializer(service(dispute=dispute, **data.validated_data),
                                          context=self.get_serializer_context()).data)

    @extend_schema(request=NegotiationSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"], serializer_class=NegotiationSerializer)
    def negotiation(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, NegotiationSerializer, services.dispute_negotiation_set)

    @extend_schema(request=ArbitrationSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"], serializer_class=ArbitrationSerializer)
    def arbitration(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, ArbitrationSerializer, services.dispute_arbitration_demand)

    @extend_schema(request=ResolutionSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"], serializer_class=ResolutionSerializer)
    def resolution(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, ResolutionSerializer, services.dispute_resolve)


def register(router: BaseRouter) -> None:
    router.register("disputes", DisputeViewSet, basename="dispute")
