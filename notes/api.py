from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from agreements.models import Agreement
from core.bounds import (
    DATE_OUT_OF_RANGE,
    EARLIEST_DATE,
    LATEST_DATE,
    BoundedDateField,
    BoundedModelSerializer,
)
from core.filters import ALWAYS_KNOWN, refuse_unknown_parameters
from matters.access import object_for_user
from matters.api_access import MatterAccess, MatterScopedMixin, VisibleMatterField
from notes import facility_services, services
from notes.interest import CONVENTIONS_TEXT, cents
from notes.models import Note, NoteTransaction, ScheduleKind, ScheduleMethod
from notes.schedule import MAX_ROWS, read_table
from notes.selectors import (
    lender_positions,
    note_position,
    rate_explanation,
    schedule_lines,
    yield_of,
)
from parties.models import Party


class MatterAgreementField(serializers.PrimaryKeyRelatedField):
    """Only the agreements of the note's own matter: another matter's id reads as nonexistent."""

    def get_queryset(self):  # type: ignore[no-untyped-def]
        serializer = self.parent
        if serializer.instance is not None and isinstance(serializer.instance, Note):
            matter_id = serializer.instance.matter_id
        else:
            matter_id = getattr(serializer, "initial_data", {}).get("matter")
        return Agreement.objects.filter(matter_id=matter_id) if str(matter_id).isdigit() else Agreement.objects.none()


class NoteSerializer(BoundedModelSerializer):
    matter = VisibleMatterField()
    agreement = MatterAgreementField(required=False, allow_null=True)
    interest_rate = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True,
        help_text='Percent per annum as a decimal string: "8.25" is 8.25%.',
    )
    original_issue_discount = serializers.SerializerMethodField()
    effective_annual_yield = serializers.SerializerMethodField()
    review_flag = serializers.SerializerMethodField()

    class Meta:
        model = Note
        fields = [
            "id", "matter", "agreement", "title", "issuer", "holder", "principal", "purchase_price",
            "original_issue_discount", "currency", "issue_date", "maturity_date", "interest_rate",
            "day_count", "default_rate", "default_spread", "payment_terms", "payment_frequency_months", "secured",
            "collateral_summary", "status", "effective_annual_yield", "review_flag", "facility", "commitment",
            "availability_end", "commitment_fee_rate", "fee_day_count", "rate_index", "spread", "rate_floor", "rate_cap", "compounding_months", "compounding_anchor",
            "interest_anchor", "business_day_convention", "accrue_to_adjusted", "rate_reset", "lookback_days",
            "pik", "annual_fee", "prepayment_premium", "late_charge_percent", "late_charge_grace_days", "payment_order",
        ]
        read_only_fields = ["status"]
        extra_kwargs = {"day_count": {"help_text": CONVENTIONS_TEXT}}

    def get_original_issue_discount(self, note: Note) -> str | None:
        return None if note.purchase_price is None else str(note.principal - note.purchase_price)

    def get_effective_annual_yield(self, note: Note) -> str | None:
        value = yield_of(note).effective_annual_yield
        return None if value is None else str(value)

    def get_review_flag(self, note: Note) -> str:
        return yield_of(note).usury_flag

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for field in ("principal", "purchase_price", "commitment"):
            value = attrs.get(field)
            if value is not None and value <= 0:
                raise ValidationError({field: "Must be greater than zero."})
        issue = attrs.get("issue_date", getattr(self.instance, "issue_date", None))
        maturity = attrs.get("maturity_date", getattr(self.instance, "maturity_date", None))
        if issue and maturity and maturity <= issue:
            raise ValidationError({"maturity_date": "The maturity date must be after the issue date."})
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Note:
        matter = validated_data.pop("matter")
        self.context["view"].check_matter_writable(matter)
        return services.note_create(matter=matter, data=validated_data, by=self.context["request"].user)

    def update(self, instance: Note, validated_data: dict[str, Any]) -> Note:
        validated_data.pop("matter", None)
        return services.note_update(note=instance, data=validated_data, by=self.context["request"].user)


class TransactionSerializer(BoundedModelSerializer):
    class Meta:
        model = NoteTransaction
        fields = [
            "id", "kind", "date", "amount", "fee_type", "rate", "interest_paid", "principal_paid", "fees_paid",
            "late_charges_paid", "costs_paid", "premium_paid", "new_holder", "from_lender", "share",
            "consent_evidence", "reference", "memo", "voided_at", "created_at",
        ]
        read_only_fields = ["interest_paid", "principal_paid", "fees_paid", "late_charges_paid", "costs_paid",
                            "premium_paid", "voided_at", "created_at"]


class LenderPositionSerializer(serializers.Serializer):
    party = serializers.IntegerField(source="party.pk")
    share = serializers.DecimalField(max_digits=9, decimal_places=6, help_text="Percent of the facility on the as-of date")
    principal_outstanding = serializers.DecimalField(max_digits=18, decimal_places=2)
    accrued_interest = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    accrued_fees = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)


class NotePositionSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    principal_outstanding = serializers.DecimalField(max_digits=18, decimal_places=2)
    accrued_interest = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    payoff_amount = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    commitment = serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True,
        help_text="Revolving and delayed-draw facilities: the commitment after its reductions; null for a term note.",
    )
    available = serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True,
        help_text="What may still be advanced on the as-of date; null for a term note.",
    )
    current_rate = serializers.DecimalField(
        max_digits=9, decimal_places=6, allow_null=True, help_text="Percent a year in effect on the as-of date.",
    )
    accrued_fees = serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True,
        help_text="Unpaid fees: commitment fee and fees charged (in the payoff amount); null when the note has none.",
    )
    late_charges = serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True,
        help_text="Unpaid late charges (in the payoff amount); null when the note charges none.",
    )
    costs = serializers.DecimalField(max_digits=18, decimal_places=2, help_text="Unpaid costs charged (in the payoff amount).")
    prepayment_premium = serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True,
        help_text="The premium a payoff on the as-of date bears (in the payoff amount); null when the note has none.",
    )
    scheduled_principal_past_due = serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True,
        help_text="Scheduled principal due by the as-of date and not repaid; null when the note has no schedule.",
    )
    capitalized_interest = serializers.DecimalField(
        max_digits=18, decimal_places=2, help_text="Interest added to principal by compounding, in all.",
    )
    lenders = LenderPositionSerializer(
        many=True, help_text="A syndicate's lenders; each figure's cents add up to the facility's (largest remainder).",
    )
    rate_explanation = serializers.CharField(help_text='e.g. "Prime (WSJ) 7.25% - 1.00% = 6.25%".')


class NoteViewSet(MatterScopedMixin, viewsets.ModelViewSet):
    serializer_class = NoteSerializer
    queryset = Note.objects.select_related("agreement__parent").order_by("id")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    filterset_fields = ["matter", "status", "holder", "issuer"]

    @extend_schema(
        parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE, description="Default: today")],
        responses=NotePositionSerializer, description=CONVENTIONS_TEXT,
    )
    @action(detail=True, methods=["get"])
    def position(self, request: Request, pk: str | None = None) -> Response:
        note = self.get_object()
        as_of = _as_of(request)
        pos = note_position(note, as_of)
        accrued = None if pos.accrued_interest is None else cents(pos.accrued_interest)
        return Response(NotePositionSerializer({
            "as_of": as_of, "principal_outstanding": pos.principal_outstanding, "accrued_interest": accrued,
            "payoff_amount": pos.payoff_amount, "currency": pos.currency, "commitment": pos.commitment,
            "available": pos.available, "current_rate": pos.current_rate,
            "accrued_fees": None if pos.accrued_fees is None else cents(pos.accrued_fees),
            "capitalized_interest": pos.capitalized_interest, "lenders": lender_positions(note, as_of),
            "late_charges": None if pos.late_charges is None else cents(pos.late_charges), "costs": cents(pos.costs),
            "prepayment_premium": pos.prepayment_premium,
            "scheduled_principal_past_due": pos.scheduled_principal_past_due,
            "rate_explanation": rate_explanation(note, as_of),
        }).data)


class ScheduleLineSerializer(serializers.Serializer):
    due_date = serializers.DateField()
    kind = serializers.ChoiceField(choices=[*ScheduleKind.choices, ("interest", "Interest payment date"),
                                            ("maturity", "Maturity")])
    principal = serializers.DecimalField(max_digits=18, decimal_places=2)
    interest = serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True,
        help_text="Future dates: the interest projected for that date if every earlier scheduled payment is made.",
    )
    status = serializers.ChoiceField(choices=["paid", "past_due", "scheduled"])
    fees = serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True,
        help_text="Future dates: fees projected due (commitment fee, fees charged); null when the note has none.",
    )


class ScheduleWriteSerializer(serializers.Serializer):
    """Either `rows` (an annex's table: one `date,amount` per line) or `method` with its figures."""

    rows = serializers.CharField(required=False, max_length=100_000, help_text="One `date,amount` per line")
    kind = serializers.ChoiceField(choices=ScheduleKind.choices, default=ScheduleKind.AMORTIZATION)
    annex = serializers.CharField(required=False, max_length=100, default="", help_text='Where the table comes from, e.g. "Annex A"')
    method = serializers.ChoiceField(choices=ScheduleMethod.choices, required=False)
    first_date = BoundedDateField(required=False)
    months = serializers.ChoiceField(choices=[1, 3, 6, 12], required=False)
    count = serializers.IntegerField(min_value=1, max_value=MAX_ROWS, required=False)
    amortize_over = serializers.IntegerField(min_value=2, max_value=MAX_ROWS, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "rows" in attrs:
            rows, errors = read_table(attrs["rows"])
            if errors:
                raise ValidationError({"rows": errors})
            attrs["parsed"] = rows
        elif "method" in attrs:
            missing = {f: ["This field is required to generate a schedule."] for f in ("first_date", "months", "count")
                       if f not in attrs}
            if missing:
                raise ValidationError(missing)
        else:
            raise ValidationError({"rows": ["Send the schedule's rows, or a method to generate it."]})
        return attrs


def _schedule_response(note: Note, request: Request) -> Response:
    return Response(ScheduleLineSerializer(schedule_lines(note, _as_of(request)), many=True).data)


def _as_of(request: Request) -> date:
    raw = request.query_params.get("as_of")
    if not raw:
        return timezone.localdate()
    try:
        day = date.fromisoformat(raw)
    except ValueError as exc:
        raise ValidationError({"as_of": ["Use a date as YYYY-MM-DD."]}) from exc
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError({"as_of": [DATE_OUT_OF_RANGE]})
    return day


class LenderShareSerializer(serializers.Serializer):
    lender = serializers.PrimaryKeyRelatedField(queryset=Party.objects.all())
    share = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=Decimal("0.000001"),
                                     max_value=Decimal(100), help_text="Percent of the facility at issue")


class NoteChildMixin(viewsets.GenericViewSet):
    """For endpoints under `/api/v1/notes/{note}/`: the note, through the matter access rule."""

    def note(self, *, write: bool = False) -> Note:
        return object_for_user(self.request.user, Note.objects.all(), self.kwargs["note_pk"], write=write)


class LendersWriteSerializer(serializers.Serializer):
    lenders = LenderShareSerializer(many=True, allow_empty=False)

    def validate_lenders(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(rows) > 50:
            raise ValidationError("A facility has at most 50 lenders here.")
        return rows


class NoteLendersViewSet(NoteChildMixin):
    """`/api/v1/notes/{note}/lenders/`: the syndicate's lenders and shares at issue; POST replaces
    them (shares add up to 100; assignments between lenders are ledger entries)."""

    permission_classes = [MatterAccess]
    serializer_class = LendersWriteSerializer
    queryset = Note.objects.none()
    pagination_class = None  # a syndicate's few lenders, answered whole

    @extend_schema(responses=LenderShareSerializer(many=True))
    def list(self, request: Request, note_pk: str | None = None) -> Response:
        refuse_unknown_parameters(request, set(ALWAYS_KNOWN))
        rows = self.note().lenders.all()
        return Response(LenderShareSerializer([{"lender": r.lender, "share": r.share} for r in rows], many=True).data)

    @extend_schema(request=LendersWriteSerializer, responses={201: LenderShareSerializer(many=True)})
    def create(self, request: Request, note_pk: str | None = None) -> Response:
        note = self.note(write=True)
        serializer = LendersWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rows = facility_services.lenders_set(
            note=note, shares=[(r["lender"], r["share"]) for r in serializer.validated_data["lenders"]], by=request.user)
        return Response(LenderShareSerializer([{"lender": r.lender, "share": r.share} for r in rows], many=True).data,
                        status=201)


class NoteScheduleViewSet(NoteChildMixin):
    """`/api/v1/notes/{note}/schedule/`: the amortization schedule; POST replaces it."""

    permission_classes = [MatterAccess]
    serializer_class = ScheduleWriteSerializer
    queryset = Note.objects.none()
    pagination_class = None  # every future date at once: the schedule is read as a whole

    @extend_schema(parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE, description="Default: today")],
                   responses=ScheduleLineSerializer(many=True))
    def list(self, request: Request, note_pk: str | None = None) -> Response:
        refuse_unknown_parameters(request, set(ALWAYS_KNOWN) | {"as_of"})
        return _schedule_response(self.note(), request)

    @extend_schema(request=ScheduleWriteSerializer, responses={201: ScheduleLineSerializer(many=True)})
    def create(self, request: Request, note_pk: str | None = None) -> Response:
        note = self.note(write=True)
        serializer = ScheduleWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "parsed" in data:
            facility_services.schedule_replace(note=note, rows=data["parsed"], kind=data["kind"], source=data["annex"],
                                      by=request.user)
        else:
            facility_services.schedule_generate(note=note, method=data["method"], first_date=data["first_date"],
                                       months=data["months"], count=data["count"],
                                       amortize_over=data.get("amortize_over"), by=request.user)
        response = _schedule_response(note, request)
        response.status_code = 201
        return response


class NoteTransactionViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, NoteChildMixin):
    """`/api/v1/notes/{note}/transactions/`: the note's ledger; POST records a transaction."""

    serializer_class = TransactionSerializer
    permission_classes = [MatterAccess]
    queryset = NoteTransaction.objects.none()  # the schema's model; requests use get_queryset


    def get_queryset(self):  # type: ignore[no-untyped-def]
        if getattr(self, "swagger_fake_view", False):
            return NoteTransaction.objects.none()
        return self.note().transactions.order_by("date", "id")

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        note = self.note(write=True)
        data = dict(serializer.validated_data)
        serializer.instance = services.note_transaction_record(
            note=note, kind=data.pop("kind"), date=data.pop("date"), amount=data.pop("amount", None),
            rate=data.pop("rate", None), by=self.request.user, **data,
        )


def register(router: BaseRouter) -> None:
    router.register("notes", NoteViewSet, basename="note")
    router.register(r"notes/(?P<note_pk>\d+)/lenders", NoteLendersViewSet, basename="note-lenders")
    router.register(r"notes/(?P<note_pk>\d+)/schedule", NoteScheduleViewSet, basename="note-schedule")
    from notes.api_margins import (  # they build on this module
        NoteMarginGridViewSet,
        NoteMarginRatioViewSet,
    )

    router.register(r"notes/(?P<note_pk>\d+)/margin-grid", NoteMarginGridViewSet, basename="note-margin-grid")
    router.register(r"notes/(?P<note_pk>\d+)/margin-ratios", NoteMarginRatioViewSet, basename="note-margin-ratios")
    router.register(r"notes/(?P<note_pk>\d+)/transactions", NoteTransactionViewSet, basename="note-transaction")
