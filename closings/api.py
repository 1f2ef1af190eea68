from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from closings import services
from closings.models import Closing, Deliverable
from matters.access import visible_matters
from matters.api_access import MatterScopedMixin, VisibleMatterField


class ClosingSerializer(serializers.ModelSerializer):
    matter = VisibleMatterField()

    class Meta:
        model = Closing
        fields = ["id", "matter", "agreements", "scheduled_at", "time_zone", "place", "status",
                  "simultaneous_with_signing", "closed_on", "clause"]
        read_only_fields = ["status"]
        extra_kwargs = {"agreements": {"required": False}}

    def create(self, validated_data: dict[str, Any]) -> Closing:
        matter = validated_data.pop("matter")
        agreements = validated_data.pop("agreements", [])
        self.context["view"].check_matter_writable(matter)
        validated_data.pop("closed_on", None)
        return services.closing_create(matter=matter, data=validated_data, agreements=agreements)

    def update(self, instance: Closing, validated_data: dict[str, Any]) -> Closing:
        request = self.context["request"]
        closing = services.closing_move(closing=instance, by=request.user, scheduled_at=validated_data.pop("scheduled_at", None),
                                        closed_on=validated_data.pop("closed_on", None))
        for field in ("place", "time_zone", "simultaneous_with_signing", "clause"):
            if field in validated_data:
                setattr(closing, field, validated_data[field])
        closing.save()
        if "agreements" in validated_data:
            closing.agreements.set(validated_data["agreements"])
        return closing


class CloseSerializer(serializers.Serializer):
    closed_on = serializers.DateField()


class ClosingViewSet(MatterScopedMixin, viewsets.ModelViewSet):
    serializer_class = ClosingSerializer
    queryset = Closing.objects.prefetch_related("agreements").order_by("id")
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["matter", "status"]

    @action(detail=True, methods=["post"], serializer_class=CloseSerializer)
    def close(self, request: Request, pk: str | None = None) -> Response:
        closing = self.get_object()
        data = CloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            closed = services.closing_close(closing=closing, closed_on=data.validated_data["closed_on"], by=request.user)
        except services.ClosingBlocked as blocked:
            return Response({"detail": blocked.messages[0], "outstanding": [
                {"id": d.pk, "description": d.description, "from_party": d.from_party_id} for d in blocked.outstanding
            ]}, status=status.HTTP_409_CONFLICT)
        return Response(ClosingSerializer(closed, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=ClosingSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        try:
            reopened = services.closing_reopen(closing=self.get_object(), by=request.user)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        return Response(ClosingSerializer(reopened, context=self.get_serializer_context()).data)


class VisibleClosingField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Closing.objects.filter(matter__in=visible_matters(self.context["request"].user))


class DeliverableSerializer(serializers.ModelSerializer):
    closing = VisibleClosingField()
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Deliverable
        fields = ["id", "closing", "description", "kind", "from_party", "to_party", "amount", "currency", "wire_reference",
                  "note", "required", "days_after_closing", "post_closing", "clause", "status", "waiver_reason",
                  "evidence_text", "comments", "version"]
        read_only_fields = ["post_closing"]

    def create(self, validated_data: dict[str, Any]) -> Deliverable:
        closing = validated_data.pop("closing")
        self.context["view"].check_matter_writable(closing.matter)
        validated_data.pop("version", None)
        return services.deliverable_create(closing=closing, data=validated_data)

    def update(self, instance: Deliverable, validated_data: dict[str, Any]) -> Deliverable:
        version = validated_data.pop("version", None)
        if version is None:
            raise serializers.ValidationError({"version": "Send the version you are changing."})
        validated_data.pop("closing", None)
        return services.deliverable_update(deliverable=instance, data=validated_data, version=version,
                                           by=self.context["request"].user)


class DeliverableViewSet(MatterScopedMixin, viewsets.ModelViewSet):
    serializer_class = DeliverableSerializer
    queryset = Deliverable.objects.select_related("closing").order_by("position", "id")
    matter_lookup = "closing__matter"
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["closing", "status"]

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            return super().update(request, *args, **kwargs)
        except services.StaleVersion as stale:
            current = DeliverableSerializer(stale.current, context=self.get_serializer_context()).data
            return Response({"detail": str(stale), "current": current}, status=status.HTTP_409_CONFLICT)


def register(router: BaseRouter) -> None:
    router.register("closings", ClosingViewSet, basename="closing")
    router.register("deliverables", DeliverableViewSet, basename="deliverable")
