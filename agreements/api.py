from typing import Any

from rest_framework import serializers, viewsets
from rest_framework.routers import BaseRouter

from agreements import services
from agreements.models import Agreement, AgreementParty, NoticeRule
from core.bounds import BoundedModelSerializer
from matters.api_access import MatterScopedMixin, VisibleMatterField, VisibleRecordField

MATTER_FIXED = "An agreement stays in its matter."


class AgreementPartySerializer(BoundedModelSerializer):
    class Meta:
        model = AgreementParty
        fields = ["party", "role", "defined_term"]
        validators: list[Any] = []


class NoticeRuleSerializer(BoundedModelSerializer):
    class Meta:
        model = NoticeRule
        fields = ["method", "deemed_given", "offset_days", "business_days", "cutoff_time", "clause"]
        validators: list[Any] = []


class AgreementSerializer(BoundedModelSerializer):
    matter = VisibleMatterField()
    # A declared field named "parent" (DRF pops it from the class, so it does not shadow Field.parent).
    parent = VisibleRecordField(queryset=Agreement.objects.all(), required=False, allow_null=True)  # type: ignore[assignment]
    parties = AgreementPartySerializer(many=True, required=False, source="agreement_parties")
    notice_rules = NoticeRuleSerializer(many=True, required=False)
    exhibits = serializers.PrimaryKeyRelatedField(many=True, read_only=True)  # type: ignore[var-annotated]

    class Meta:
        model = Agreement
        fields = [
            "id", "matter", "kind", "title", "dated_as_of", "status", "governing_law",
            "governing_law_clause", "dispute_resolution", "forum", "arbitration_rules",
            "successor_forum", "assignment_requires_consent", "amendments_require_writing", "parent",
            "exhibit_label", "exhibits", "notice_clause_ref", "notice_clause_text", "parties",
            "notice_rules", "created_at", "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def create(self, validated_data: dict[str, Any]) -> Agreement:
        parties = validated_data.pop("agreement_parties", [])
        rules = validated_data.pop("notice_rules", [])
        matter = validated_data.pop("matter")
        self.context["view"].check_matter_writable(matter)
        return services.agreement_create(matter=matter, data=validated_data, parties=parties, notice_rules=rules)

    def update(self, instance: Agreement, validated_data: dict[str, Any]) -> Agreement:
        parties = validated_data.pop("agreement_parties", None)
        rules = validated_data.pop("notice_rules", None)
        if validated_data.pop("matter", instance.matter) != instance.matter:
            raise serializers.ValidationError({"matter": MATTER_FIXED})
        return services.agreement_update(agreement=instance, data=validated_data, parties=parties, notice_rules=rules)


class AgreementViewSet(MatterScopedMixin, viewsets.ModelViewSet):
    serializer_class = AgreementSerializer
    queryset = Agreement.objects.prefetch_related("agreement_parties", "notice_rules", "exhibits").order_by("id")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    search_fields = ["title", "agreement_parties__party__legal_name", "agreement_parties__defined_term"]
    filterset_fields = ["matter", "kind", "status"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return super().get_queryset().distinct()


def register(router: BaseRouter) -> None:
    router.register("agreements", AgreementViewSet, basename="agreement")
