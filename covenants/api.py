"""Covenants, their tests and compliance certificates under /api/v1/, through the matters access rule.
Certificates may be recorded by the finance users of the matter's client (`can_report_figures`)."""

from typing import Any

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from core.bounds import BoundedModelSerializer
from covenants import services
from covenants.models import (
    ComplianceCertificate,
    Covenant,
    CovenantConsent,
    CovenantTest,
    ThresholdStep,
)
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


class ConsentSerializer(BoundedModelSerializer):
    class Meta:
        model = CovenantConsent
        fields = ["id", "description", "from_whom", "due_date", "obtained_on", "evidence"]


class CovenantSerializer(BoundedModelSerializer):
    matter = VisibleMatterField()
    agreement = VisibleAgreementField()
    delivered_after = VisibleRecordField(queryset=Covenant.objects.all(), required=False, allow_null=True,
                                         help_text="Another reporting covenant this report is dated from")
    responsible_people = PeopleField()
    steps = StepSerializer(many=True, read_only=True)
    consents = ConsentSerializer(many=True, read_only=True, help_text="Consents it names (post-closing), each an obligation")
    requirement = serializers.SerializerMethodField(help_text="The test in words")

    class Meta:
        model = Covenant
        fields = ["id", "matter", "agreement", "kind", "title", "clause", "text", "party", "mutual", "status", "metric",
                  "operator", "threshold", "unit", "currency", "basis", "frequency", "first_period_end",
                  "last_period_end", "deliverable", "days_after_period", "days_after_year_end", "delivered_after",
                  "days_after_delivery", "cure_days", "cure_business_days", "cure_from", "cure_clause",
                  "responsible_people", "steps", "consents", "requirement"]

    def get_requirement(self, covenant: Covenant) -> str:
        return requirement_words(covenant) if covenant.kind == "financial" else ""

    def create(self, validated_data: dict[str, Any]) -> Covenant:
        matter = validated_data.pop("matter")
        self.context["view"].check_matter_writable(matter)
        return services.covenant_create(matter=matter, data=validated_data, by=self.context["request"].user)

    def update(self, instance: Covenant, validated_data: dict[str, Any]) -> Covenant:
        if validated_data.pop("matter", instance.matter) != instance.matter:
            raise serializers.ValidationError({"matter": services.AGREEMENT_FIXED})
        return services.covenant_update(covenant=instance, data=validated_data)


class CovenantFilter(django_filters.FilterSet):
    class Meta:
        model = Covenant
        fields = ["matter", "agreement", "kind"]


class CovenantViewSet(MatterScopedMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                      viewsets.ReadOnlyModelViewSet):
    serializer_class = CovenantSerializer
    queryset = Covenant.objects.prefetch_related("steps", "responsible_people", "consents").order_by("id")
    filterset_class = CovenantFilter
    search_fields = ["title", "metric", "clause"]

    @extend_schema(request=ConsentSerializer, responses={201: ConsentSerializer},
                   description="A consent a post-closing covenant names, tracked as an obligation due on its date.")
    @action(detail=True, methods=["post"], serializer_class=ConsentSerializer)
    def consents(self, request: Request, pk: str | None = None) -> Response:
        covenant = self.get_object()
        data = ConsentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = services.covenant_consent_add(covenant=covenant, data=data.validated_data)
        return Response(ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)


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
