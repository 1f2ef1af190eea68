"""The representations register under /api/v1/, through the matters access rule; a breach is
flagged with POST /api/v1/representations/{id}/flag-breach/."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from core.bounds import BoundedModelSerializer
from matters.api_access import MatterScopedMixin, VisibleMatterField
from notices.api import VisibleAgreementField
from representations import services
from representations.models import BreachFlag, Representation


class BreachFlagSerializer(serializers.ModelSerializer):
    class Meta:
        model = BreachFlag
        fields = ["id", "representation", "description", "flagged_at", "flagged_by", "notice_sender", "notice_recipient",
                  "notice_subject", "notice_body"]
        read_only_fields = [f for f in fields if f != "description"]


class RepresentationSerializer(BoundedModelSerializer):
    matter = VisibleMatterField()
    agreement = VisibleAgreementField()
    survival_words = serializers.CharField(read_only=True, help_text='The survival as stated, or "not stated"')
    breaches = BreachFlagSerializer(many=True, read_only=True)

    class Meta:
        model = Representation
        fields = ["id", "matter", "agreement", "clause", "party", "given_to", "title", "text", "survival",
                  "survival_words", "brought_down_by_certificate", "status", "breaches"]
        read_only_fields = ["status"]
        validators: list[Any] = []

    def create(self, validated_data: dict[str, Any]) -> Representation:
        matter = validated_data.pop("matter")
        self.context["view"].check_matter_writable(matter)
        return services.representation_create(matter=matter, data=validated_data)

    def update(self, instance: Representation, validated_data: dict[str, Any]) -> Representation:
        if validated_data.pop("matter", instance.matter) != instance.matter:
            raise serializers.ValidationError({"matter": services.AGREEMENT_FIXED})
        return services.representation_update(representation=instance, data=validated_data)


class RepresentationViewSet(MatterScopedMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                            viewsets.ReadOnlyModelViewSet):
    serializer_class = RepresentationSerializer
    queryset = Representation.objects.prefetch_related("breaches").order_by("id")
    filterset_fields = ["matter", "agreement", "party", "status"]
    search_fields = ["title", "clause", "text"]

    @extend_schema(request=BreachFlagSerializer, responses={201: BreachFlagSerializer},
                   description="Flag a breach: drafts the notice of breach (to the party that gave the representation, "
                               "citing its section) and a deadline to give it; send the draft through Notices.")
    @action(detail=True, methods=["post"], url_path="flag-breach", serializer_class=BreachFlagSerializer)
    def flag_breach(self, request: Request, pk: str | None = None) -> Response:
        representation = self.get_object()
        data = BreachFlagSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        flag = services.representation_breach_flag(representation=representation,
                                                   description=data.validated_data["description"], by=request.user)
        return Response(BreachFlagSerializer(flag).data, status=status.HTTP_201_CREATED)


def register(router: BaseRouter) -> None:
    router.register("representations", RepresentationViewSet, basename="representation")
