from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.routers import BaseRouter

from agreements.models import Agreement, NoticeMethod
from core.bounds import BoundedModelSerializer
from matters.access import visible_matters
from matters.api_access import MatterScopedMixin
from notices import services
from notices.models import Notice


class VisibleAgreementField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Agreement.objects.filter(matter__in=visible_matters(self.context["request"].user))


class NoticeSerializer(BoundedModelSerializer):
    agreement = VisibleAgreementField()
    method = serializers.ChoiceField(choices=NoticeMethod.choices)
    deemed_given_local = serializers.SerializerMethodField(
        help_text="The deemed-given moment in the recipient's zone (deemed_given_at is in the firm's)")

    class Meta:
        model = Notice
        fields = [
            "id", "matter", "agreement", "sender", "recipient", "kind", "method", "subject", "body", "copy_to",
            "dispatched_at", "delivered_at", "evidence_kind", "evidence", "address_lines", "deemed_given_at",
            "deemed_given_rule", "period_days", "period_business_days", "business_day_convention", "time_zone", "new_address",
            "copy_parties", "confirmation_method", "deemed_given_on", "deemed_given_local", "deemed_given_parts", "defects",
            "recipient_time_zone",
        ]
        read_only_fields = ["matter", "address_lines", "deemed_given_at", "deemed_given_rule", "deemed_given_on",
                            "deemed_given_parts", "defects", "recipient_time_zone"]

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_deemed_given_local(self, notice: Notice) -> str | None:
        local = notice.deemed_given_local
        return local.isoformat() if local else None

    def create(self, validated_data: dict[str, Any]) -> Notice:
        agreement = validated_data.pop("agreement")
        self.context["view"].check_matter_writable(agreement.matter)
        return services.notice_dispatch(matter=agreement.matter, agreement=agreement, data=validated_data,
                                        by=self.context["request"].user)

    def update(self, instance: Notice, validated_data: dict[str, Any]) -> Notice:
        delivered_at = validated_data.get("delivered_at")
        if delivered_at is None:
            raise serializers.ValidationError({"delivered_at": "Only the delivery (delivered_at and evidence) can be recorded after dispatch."})
        return services.notice_record_delivery(notice=instance, delivered_at=delivered_at,
                                               evidence_kind=validated_data.get("evidence_kind", ""),
                                               evidence=validated_data.get("evidence", ""))


class NoticeViewSet(MatterScopedMixin, viewsets.ModelViewSet):
    serializer_class = NoticeSerializer
    queryset = Notice.objects.select_related("agreement").prefetch_related("copy_parties").order_by("-dispatched_at", "id")
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["matter", "agreement", "kind", "method"]


def register(router: BaseRouter) -> None:
    router.register("notices", NoticeViewSet, basename="notice")
