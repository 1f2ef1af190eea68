from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from agreements.models import Agreement
from closings import services
from closings.models import Closing, Deliverable
from core.bounds import BoundedDateField, BoundedModelSerializer
from matters.api_access import MatterScopedMixin, VisibleMatterField, VisibleRecordField
from notes.models import Note

MATTER_FIXED = "A closing stays in its matter."
MOVE_NOT_ALLOWED = "A deliverable stays on its closing; add it to the other closing instead."


class ClosingSerializer(BoundedModelSerializer):
    matter = VisibleMatterField()
    agreements = VisibleRecordField(many=True, queryset=Agreement.objects.all(), required=False)

    class Meta:
        model = Closing
        fields = ["id", "matter", "agreements", "scheduled_at", "time_zone", "place", "status",
                  "simultaneous_with_signing", "closed_on", "clause"]
        read_only_fields = ["status"]

    def create(self, validated_data: dict[str, Any]) -> Closing:
        matter = validated_data.pop("matter")
        agreements = validated_data.pop("agreements", [])
        self.context["view"].check_matter_writable(matter)
        validated_data.pop("closed_on", None)
        return services.closing_create(matter=matter, data=validated_data, agreements=agreements)

    def update(self, instance: Closing, validated_data: dict[str, Any]) -> Closing:
        if validated_data.pop("matter", instance.matter) != instance.matter:
            raise serializers.ValidationError({"matter": MATTER_FIXED})
        agreements = validated_data.pop("agreements", None)
        return services.closing_update(closing=instance, data=validated_data, agreements=agreements,
                                       by=self.context["request"].user)


class CloseSerializer(serializers.Serializer):
    closed_on = BoundedDateField()


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why the closing is reopened; kept in its history.")


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

    @extend_schema(request=ReopenSerializer, responses=ClosingSerializer)
    @action(detail=True, methods=["post"], serializer_class=ReopenSerializer)
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        closing = self.get_object()
        if not getattr(request.user, "is_admin", False):
            raise PermissionDenied(services.ONLY_ADMINS_REOPEN)
        data = ReopenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reopened = services.closing_reopen(closing=closing, by=request.user, reason=data.validated_data["reason"])
        return Response(ClosingSerializer(reopened, context=self.get_serializer_context()).data)


class DeliverableSerializer(BoundedModelSerializer):
    closing = VisibleRecordField(queryset=Closing.objects.all())
    note = VisibleRecordField(queryset=Note.objects.all(), required=False, allow_null=True)
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
        if validated_data.pop("closing", instance.closing) != instance.closing:
            raise serializers.ValidationError({"closing": MOVE_NOT_ALLOWED})
        return services.deliverable_update(deliverable=instance, data=validated_data, version=version,
                                           by=self.context["request"].user)


class DeliverableViewSet(MatterScopedMixin, viewsets.ModelViewSet):
    serializer_class = DeliverableSerializer
    queryset = Deliverable.objects.select_related("closing").order_by("position", "id")
    matter_lookup = "closing__matter"
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["closing", "status"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            return super().create(request, *args, **kwargs)
        except services.ClosingClosed as closed:
            return Response({"detail": str(closed)}, status=status.HTTP_409_CONFLICT)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            return super().update(request, *args, **kwargs)
        except services.ClosingClosed as closed:
            return Response({"detail": str(closed)}, status=status.HTTP_409_CONFLICT)
        except services.StaleVersion as stale:
            current = DeliverableSerializer(stale.current, context=self.get_serializer_context()).data
            return Response({"detail": str(stale), "current": current}, status=status.HTTP_409_CONFLICT)


def register(router: BaseRouter) -> None:
    router.register("closings", ClosingViewSet, basename="closing")
    router.register("deliverables", DeliverableViewSet, basename="deliverable")
