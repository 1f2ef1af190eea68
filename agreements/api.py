from typing import Any

import django_filters
from rest_framework import serializers, viewsets
from rest_framework.routers import BaseRouter

from agreements import services
from agreements.models import Agreement, AgreementParty, Clause, NoticeCopyTo, NoticeRule, Signatory
from core.bounds import BoundedModelSerializer
from deadlines import catalog
from matters.api_access import MatterScopedMixin, VisibleMatterField, VisibleRecordField


class CalendarsField(serializers.ListField):
    """Calendar keys ("NY_BANKS", "GB-ENG", "US-MN"): a business day is open on every one."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.CharField(max_length=24), max_length=12, **kwargs)

    def to_internal_value(self, data: Any) -> list[str]:
        keys = super().to_internal_value(data)
        unknown = [key for key in keys if not catalog.is_known(key)]
        if unknown:
            raise serializers.ValidationError([catalog.UNKNOWN_CALENDAR.format(key=key) for key in unknown])
        return list(keys)

MATTER_FIXED = "An agreement stays in its matter."
AGREEMENT_FIXED = "It stays on its agreement."


class AgreementPartySerializer(BoundedModelSerializer):
    class Meta:
        model = AgreementParty
        fields = ["party", "role", "defined_term"]
        validators: list[Any] = []


class NoticeRuleSerializer(BoundedModelSerializer):
    reads_as = serializers.CharField(read_only=True, help_text="The rule as a sentence close to the clause")
    calendars = CalendarsField(required=False, help_text="Business days for this rule; none: the agreement's")

    class Meta:
        model = NoticeRule
        fields = ["method", "method_words", "deemed_given", "offset_days", "business_days", "combine",
                  "also_deemed_given", "also_offset_days", "also_business_days", "cutoff_time", "calendars",
                  "only_outside_us", "confirming_copy", "recipient_party", "scope", "clause", "reads_as"]
        validators: list[Any] = []


class NoticeCopySerializer(BoundedModelSerializer):
    class Meta:
        model = NoticeCopyTo
        fields = ["party", "copy_party", "attention", "clause"]
        validators: list[Any] = []


class AgreementSerializer(BoundedModelSerializer):
    matter = VisibleMatterField()
    # A declared field named "parent" (DRF pops it from the class, so it does not shadow Field.parent).
    parent = VisibleRecordField(queryset=Agreement.objects.all(), required=False, allow_null=True)  # type: ignore[assignment]
    parties = AgreementPartySerializer(many=True, required=False, source="agreement_parties")
    notice_rules = NoticeRuleSerializer(many=True, required=False)
    notice_copies = NoticeCopySerializer(many=True, required=False, help_text='The clause\'s "with a copy to" recipients')
    business_day_calendars = CalendarsField(required=False, help_text="A business day is open on every one; none: the matter's")
    notice_clause_reads_as = serializers.SerializerMethodField()
    exhibits = serializers.PrimaryKeyRelatedField(many=True, read_only=True)  # type: ignore[var-annotated]

    class Meta:
        model = Agreement
        fields = [
            "id", "matter", "kind", "title", "dated_as_of", "status", "governing_law",
            "governing_law_clause", "dispute_resolution", "forum", "arbitration_rules",
            "successor_forum", "arbitration_costs", "assignment_requires_consent", "amendments_require_writing", "parent",
            "exhibit_label", "exhibits", "notice_clause_ref", "notice_clause_text", "parties",
            "notice_rules", "notice_copies", "business_day_calendars", "notice_clause_reads_as", "created_at", "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_notice_clause_reads_as(self, agreement: Agreement) -> list[str]:
        return [rule.reads_as() for rule in agreement.notice_rules.all()]

    def create(self, validated_data: dict[str, Any]) -> Agreement:
        parties = validated_data.pop("agreement_parties", [])
        rules = validated_data.pop("notice_rules", [])
        copies = validated_data.pop("notice_copies", [])
        matter = validated_data.pop("matter")
        self.context["view"].check_matter_writable(matter)
        return services.agreement_create(matter=matter, data=validated_data, parties=parties, notice_rules=rules,
                                         notice_copies=copies)

    def update(self, instance: Agreement, validated_data: dict[str, Any]) -> Agreement:
        parties = validated_data.pop("agreement_parties", None)
        rules = validated_data.pop("notice_rules", None)
        copies = validated_data.pop("notice_copies", None)
        if validated_data.pop("matter", instance.matter) != instance.matter:
            raise serializers.ValidationError({"matter": MATTER_FIXED})
        return services.agreement_update(agreement=instance, data=validated_data, parties=parties, notice_rules=rules,
                                         notice_copies=copies)


class AgreementViewSet(MatterScopedMixin, viewsets.ModelViewSet):
    serializer_class = AgreementSerializer
    queryset = Agreement.objects.prefetch_related("agreement_parties", "notice_rules__recipient_party", "notice_copies",
                                                 "exhibits").order_by("id")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    search_fields = ["title", "agreement_parties__party__legal_name", "agreement_parties__defined_term"]
    filterset_fields = ["matter", "kind", "status"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return super().get_queryset().distinct()


class SignatoryFilter(django_filters.FilterSet):
    matter = django_filters.NumberFilter(field_name="agreement__matter")

    class Meta:
        model = Signatory
        fields = ["matter", "agreement", "party"]


class ClauseFilter(django_filters.FilterSet):
    matter = django_filters.NumberFilter(field_name="agreement__matter")

    class Meta:
        model = Clause
        fields = ["matter", "agreement", "kind"]


class AgreementPartMixin:
    """Create, update and remove a part of an agreement (a signatory, a clause) through its service."""

    matter_lookup = "agreement__matter"
    remove: Any = None

    def perform_destroy(self, instance: Any) -> None:
        type(self).remove(instance)


class SignatorySerializer(BoundedModelSerializer):
    agreement = VisibleRecordField(queryset=Agreement.objects.all(), lookup="matter")
    title = serializers.CharField(read_only=True, help_text="As signed, else the person's title in the directory")

    class Meta:
        model = Signatory
        fields = ["id", "agreement", "party", "person", "title_as_signed", "title"]
        validators: list[Any] = []

    def create(self, validated_data: dict[str, Any]) -> Signatory:
        agreement = validated_data.pop("agreement")
        self.context["view"].check_matter_writable(agreement.matter)
        return services.signatory_add(agreement=agreement, data=validated_data)

    def update(self, instance: Signatory, validated_data: dict[str, Any]) -> Signatory:
        if validated_data.pop("agreement", instance.agreement) != instance.agreement:
            raise serializers.ValidationError({"agreement": AGREEMENT_FIXED})
        return services.signatory_update(signatory=instance, data=validated_data)


class SignatoryViewSet(AgreementPartMixin, MatterScopedMixin, viewsets.ModelViewSet):
    """Who signed each agreement, for which party, with the title in the signature block."""

    serializer_class = SignatorySerializer
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    queryset = Signatory.objects.select_related("person").order_by("id")
    filterset_class = SignatoryFilter
    remove = staticmethod(lambda instance: services.signatory_remove(signatory=instance))


class ClauseSerializer(BoundedModelSerializer):
    agreement = VisibleRecordField(queryset=Agreement.objects.all(), lookup="matter")

    class Meta:
        model = Clause
        fields = ["id", "agreement", "kind", "clause", "heading", "text"]
        validators: list[Any] = []

    def create(self, validated_data: dict[str, Any]) -> Clause:
        agreement = validated_data.pop("agreement")
        self.context["view"].check_matter_writable(agreement.matter)
        return services.clause_add(agreement=agreement, data=validated_data)

    def update(self, instance: Clause, validated_data: dict[str, Any]) -> Clause:
        if validated_data.pop("agreement", instance.agreement) != instance.agreement:
            raise serializers.ValidationError({"agreement": AGREEMENT_FIXED})
        return services.clause_update(clause=instance, data=validated_data)


class ClauseViewSet(AgreementPartMixin, MatterScopedMixin, viewsets.ModelViewSet):
    """An agreement's standard clauses (binding effect, entire agreement, headings...) as typed records."""

    serializer_class = ClauseSerializer
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    queryset = Clause.objects.order_by("id")
    filterset_class = ClauseFilter
    remove = staticmethod(lambda instance: services.clause_remove(clause=instance))


def register(router: BaseRouter) -> None:
    router.register("agreements", AgreementViewSet, basename="agreement")
    router.register("signatories", SignatoryViewSet, basename="signatory")
    router.register("agreement-clauses", ClauseViewSet, basename="agreement-clause")
