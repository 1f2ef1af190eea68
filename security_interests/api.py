from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from agreements.models import Agreement
from core.bounds import BoundedModelSerializer
from core.filters import ALWAYS_KNOWN, refuse_unknown_parameters
from matters import access
from matters.api_access import MatterScopedMixin, VisibleMatterField
from notes.models import Note
from security_interests import services, ucc
from security_interests.models import (
    AmendmentKind,
    FinancingStatement,
    FinancingStatementAmendment,
    FinancingStatementStatus,
    SecurityInterest,
)
from security_interests.selectors import STATEMENT_LOOKUP

# The statement's dates after an amendment, repeated at the top of the amendment's response.
WINDOW_FIELDS = ("lapse_date", "continuation_window_opens", "continuation_window_closes", "status")


class _ScopedField(serializers.PrimaryKeyRelatedField):
    """A related record the requesting user may see (through its matter)."""

    def __init__(self, *, model: Any, lookup: str = "matter", **kwargs: Any) -> None:
        self.model, self.lookup = model, lookup
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return access.scope(self.context["request"].user, self.model.objects.all(), self.lookup)


class SecurityInterestSerializer(BoundedModelSerializer):
    matter = VisibleMatterField()
    notes = _ScopedField(model=Note, many=True, required=False)
    granting_agreement = _ScopedField(model=Agreement, required=False, allow_null=True)
    financing_statements = serializers.PrimaryKeyRelatedField(many=True, read_only=True)  # type: ignore[var-annotated]

    class Meta:
        model = SecurityInterest
        fields = [
            "id", "matter", "debtor", "secured_party", "notes", "collateral", "all_assets",
            "granting_agreement", "granting_clause", "clause_reference", "granted_on", "priority", "status",
            "paid_off_on", "termination_demanded_on", "financing_statements", "created_at", "updated_at",
        ]
        read_only_fields = ["paid_off_on", "termination_demanded_on", "created_at", "updated_at"]
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None and attrs.get("matter", self.instance.matter) != self.instance.matter:
            raise serializers.ValidationError({"matter": "A security interest cannot move to another matter."})
        return attrs

    def create(self, validated_data: dict[str, Any]) -> SecurityInterest:
        matter = validated_data.pop("matter")
        return services.security_interest_create(matter=matter, data=validated_data)

    def update(self, instance: SecurityInterest, validated_data: dict[str, Any]) -> SecurityInterest:
        validated_data.pop("matter", None)
        return services.security_interest_update(security_interest=instance, data=validated_data)


class SecurityInterestViewSet(MatterScopedMixin, viewsets.ModelViewSet):  # type: ignore[misc]
    serializer_class = SecurityInterestSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    filterset_fields = ["matter", "debtor", "secured_party", "status", "all_assets"]
    search_fields = ["collateral", "debtor__legal_name", "secured_party__legal_name"]
    queryset = SecurityInterest.objects.prefetch_related("notes", "financing_statements").order_by("id")

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        self.check_matter_writable(serializer.validated_data["matter"])
        serializer.save()


class AmendmentSerializer(BoundedModelSerializer):
    kind = serializers.ChoiceField(choices=AmendmentKind.choices)

    class Meta:
        model = FinancingStatementAmendment
        fields = [
            "id", "kind", "filing_date", "file_number", "details", "lapse_date_before", "lapse_date_after",
            "created_at",
        ]
        read_only_fields = ["lapse_date_before", "lapse_date_after", "created_at"]


class FinancingStatementSerializer(BoundedModelSerializer):
    security_interest = _ScopedField(model=SecurityInterest)
    filing_office = serializers.CharField(
        max_length=100, required=False, allow_blank=True,
        help_text="Defaults to the debtor's state of organization (UCC 9-307(e), 9-501(a)(2)).",
    )
    status = serializers.SerializerMethodField(help_text="As of today: lapsed once past the lapse date (UCC 9-515(c)).")
    continuation_window_opens = serializers.SerializerMethodField()
    continuation_window_closes = serializers.SerializerMethodField()
    filing_office_warning = serializers.SerializerMethodField()
    amendments = AmendmentSerializer(many=True, read_only=True)

    class Meta:
        model = FinancingStatement
        fields = [
            "id", "security_interest", "filing_office", "file_number", "filing_date", "lapse_date",
            "continuation_window_opens", "continuation_window_closes", "status", "filing_office_warning",
            "amendments", "created_at", "updated_at",
        ]
        read_only_fields = ["lapse_date", "status", "created_at", "updated_at"]
        validators: list[Any] = []

    @extend_schema_field(serializers.ChoiceField(choices=FinancingStatementStatus.choices))
    def get_status(self, obj: FinancingStatement) -> str:
        return ucc.status_on(stored=obj.status, lapse=obj.lapse_date, today=timezone.localdate())

    def get_continuation_window_opens(self, obj: FinancingStatement) -> str:
        return ucc.continuation_window(obj.lapse_date).opens.isoformat()

    def get_continuation_window_closes(self, obj: FinancingStatement) -> str:
        return ucc.continuation_window(obj.lapse_date).closes.isoformat()

    def get_filing_office_warning(self, obj: FinancingStatement) -> str | None:
        return services.filing_office_warning(obj)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None and attrs.get("security_interest", self.instance.security_interest) != (
            self.instance.security_interest
        ):
            raise serializers.ValidationError({"security_interest": "A financing statement cannot be moved."})
        return attrs

    def create(self, validated_data: dict[str, Any]) -> FinancingStatement:
        si = validated_data.pop("security_interest")
        return services.financing_statement_create(
            security_interest=si, data=validated_data, by=self.context["request"].user
        )

    def update(self, instance: FinancingStatement, validated_data: dict[str, Any]) -> FinancingStatement:
        validated_data.pop("security_interest", None)
        return services.financing_statement_update(statement=instance, data=validated_data)


class AmendmentRecordedSerializer(BoundedModelSerializer):
    """The answer to recording a UCC-3: the amendment, the statement's dates after it, and the statement.
    (`kind` and `status` as plain strings: their choice sets are named once, in Amendment and FinancingStatement.)"""

    kind = serializers.CharField(read_only=True)
    lapse_date = serializers.DateField(read_only=True)
    continuation_window_opens = serializers.DateField(read_only=True)
    continuation_window_closes = serializers.DateField(read_only=True)
    status = serializers.CharField(read_only=True, help_text="active, lapsed or terminated, as of today")
    financing_statement = FinancingStatementSerializer(read_only=True)

    class Meta:
        model = FinancingStatementAmendment
        fields = [*AmendmentSerializer.Meta.fields, *WINDOW_FIELDS, "financing_statement"]
        read_only_fields = fields


class FinancingStatementViewSet(MatterScopedMixin, viewsets.ModelViewSet):  # type: ignore[misc]
    serializer_class = FinancingStatementSerializer
    matter_lookup = STATEMENT_LOOKUP
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    filterset_fields = ["security_interest", "filing_office", "status", "security_interest__matter"]
    search_fields = ["file_number", "filing_office", "security_interest__debtor__legal_name"]
    ordering_fields = ["lapse_date", "filing_date", "id"]
    queryset = FinancingStatement.objects.select_related("security_interest__debtor").prefetch_related(
        Prefetch("amendments", queryset=FinancingStatementAmendment.objects.order_by("filing_date", "id"))
    ).order_by("lapse_date", "id")

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        self.check_matter_writable(serializer.validated_data["security_interest"].matter)
        serializer.save()

    @extend_schema(methods=["GET"], responses=AmendmentSerializer(many=True))
    @extend_schema(methods=["POST"], request=AmendmentSerializer, responses={201: AmendmentRecordedSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=AmendmentSerializer, pagination_class=None)
    def amendments(self, request: Request, pk: Any = None) -> Response:
        """GET: the UCC-3s on file. POST: record one; a continuation outside the window is
        refused with 400 citing UCC 9-515(d); a timely one moves the lapse date (9-515(e))."""
        statement = self.get_object()
        if request.method == "GET":
            refuse_unknown_parameters(request, set(ALWAYS_KNOWN))
            return Response(AmendmentSerializer(statement.amendments.all(), many=True).data)
        serializer = AmendmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        amendment = services.financing_statement_amend(statement=statement, by=request.user, **serializer.validated_data)
        statement = self.get_queryset().get(pk=statement.pk)
        statement_data = FinancingStatementSerializer(statement, context={"request": request}).data
        body = dict(AmendmentSerializer(amendment).data)
        body.update({name: statement_data[name] for name in WINDOW_FIELDS})
        body["financing_statement"] = statement_data
        return Response(body, status=status.HTTP_201_CREATED)


def register(router: BaseRouter) -> None:
    """Add this app's viewsets to the /api/v1/ router."""
    router.register("security-interests", SecurityInterestViewSet, basename="security-interest")
    router.register("financing-statements", FinancingStatementViewSet, basename="financing-statement")
