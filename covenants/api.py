"""Covenants, their tests and compliance certificates under /api/v1/, through the matters access rule.
Certificates may be recorded by the finance users of the matter's client (`can_report_figures`)."""

from typing import Any

import django_filters
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.routers import BaseRouter

from core.bounds import BoundedModelSerializer
from covenants import services
from covenants.models import ComplianceCertificate, Covenant, CovenantTest, ThresholdStep
from covenants.selectors import requirement_words
from deadlines.api import PeopleField
from matters import access
from matters.api_access import (
    MatterScopedMixin,
    ReportingAccess,
    VisibleMatterField,
    VisibleRecordField,
)
from notices.api import VisibleAgreementField


class StepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ThresholdStep
        fields = ["effective_from", "threshold"]


class CovenantSerializer(BoundedModelSerializer):
    matter = VisibleMatterField()
    agreement = VisibleAgreementField()
    delivered_after = VisibleRecordField(queryset=Covenant.objects.all(), required=False, allow_null=True,
                                         help_text="Another reporting covenant this report is dated from")
    responsible_people = PeopleField()
    steps = StepSerializer(many=True, read_only=True)
    requirement = serializers.SerializerMethodField(help_text="The test in words")

    class Meta:
        model = Covenant
        fields = ["id", "matter", "agreement", "kind", "title", "clause", "text", "party", "mutual", "status", "metric",
                  "operator", "threshold", "unit", "currency", "basis", "frequency", "first_period_end",
                  "last_period_end", "deliverable", "days_after_period", "days_after_year_end", "delivered_after",
                  "days_after_delivery", "cure_days", "cure_business_days", "cure_from", "cure_clause",
                  "responsible_people", "steps", "requirement"]

    def get_requirement(self, covenant: Covenant) -> str:
        return requirement_words(covenant) if covenant.kind == "financial" else ""

    def create(self, validated_data: dict[str, Any]) -> Covenant:
        matter = validated_data.pop("matter")
        self.context["view"].check_matter_writable(matter)
        return services.covenant_create(matter=matter, data=validated_data, by=self.context["request"].user)


class CovenantFilter(django_filters.FilterSet):
    class Meta:
        model = Covenant
        fields = ["matter", "agreement", "kind"]


class CovenantViewSet(MatterScopedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CovenantSerializer
    queryset = Covenant.objects.prefetch_related("steps", "responsible_people").order_by("id")
    filterset_class = CovenantFilter
    search_fields = ["title", "metric", "clause"]


class CovenantTestSerializer(serializers.ModelSerializer):
    period_end = serializers.DateField(source="certificate.period_end", read_only=True)

    class Meta:
        model = CovenantTest
        fields = ["id", "certificate", "covenant", "period_end", "reported_value", "threshold", "result", "headroom",
                  "headroom_percent", "notice_sender", "notice_recipient", "notice_subject", "notice_body"]


class CovenantTestFilter(django_filters.FilterSet):
    matter = django_filters.NumberFilter(field_name="certificate__matter")

    class Meta:
        model = CovenantTest
        fields = ["matter", "covenant", "certificate", "result"]


class CovenantTestViewSet(MatterScopedMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CovenantTestSerializer
    queryset = CovenantTest.objects.select_related("certificate").order_by("id")
    matter_lookup = "certificate__matter"
    filterset_class = CovenantTestFilter


class FigureSerializer(serializers.Serializer):
    covenant = VisibleRecordField(queryset=Covenant.objects.all())
    value = serializers.DecimalField(max_digits=24, decimal_places=4)


class CertificateSerializer(BoundedModelSerializer):
    agreement = VisibleAgreementField()
    figures = FigureSerializer(many=True, write_only=True, help_text="The reported figure of each financial covenant")
    tests = CovenantTestSerializer(many=True, read_only=True)

    class Meta:
        model = ComplianceCertificate
        fields = ["id", "matter", "agreement", "period_end", "delivered_on", "signed_by", "notes", "figures", "tests",
                  "recorded_at"]
        read_only_fields = ["matter"]

    def create(self, validated_data: dict[str, Any]) -> ComplianceCertificate:
        figures = [(f["covenant"], f["value"]) for f in validated_data.pop("figures")]
        matter = validated_data["agreement"].matter
        if not access.can_report_figures(self.context["request"].user, matter):
            raise PermissionDenied(access.READ_ONLY)
        return services.certificate_record(matter=matter, data=validated_data, figures=figures,
                                           by=self.context["request"].user)


class CertificateViewSet(MatterScopedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The certificate's document is uploaded on its page; the API records the figures."""

    serializer_class = CertificateSerializer
    queryset = ComplianceCertificate.objects.prefetch_related("tests__certificate").order_by("-period_end", "id")
    permission_classes = [ReportingAccess]
    filterset_fields = ["matter", "agreement"]


def register(router: BaseRouter) -> None:
    router.register("covenants", CovenantViewSet, basename="covenant")
    router.register("covenant-tests", CovenantTestViewSet, basename="covenant-test")
    router.register("compliance-certificates", CertificateViewSet, basename="compliance-certificate")
