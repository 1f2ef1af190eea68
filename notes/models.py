import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from deadlines import calendars
from rates.models import validate_rate


class DayCount(models.TextChoices):
    THIRTY_360 = "30/360", "30/360 (Bond Basis, ISDA 4.16(f))"
    THIRTY_E_360 = "30E/360", "30E/360 (Eurobond Basis, ISDA 4.16(g))"
    ACT_360 = "ACT/360", "Actual/360 (ISDA 4.16(e))"
    ACT_365F = "ACT/365F", "Actual/365 Fixed (ISDA 4.16(d))"
    ACT_ACT = "ACT/ACT", "Actual/Actual ISDA (ISDA 4.16(b))"


class NoteStatus(models.TextChoices):
    PENDING = "pending", "Not yet issued"
    OUTSTANDING = "outstanding", "Outstanding"
    REPAID = "repaid", "Repaid"
    CONVERTED = "converted", "Converted"
    IN_DEFAULT = "in_default", "In default"
    WRITTEN_OFF = "written_off", "Written off"


class Facility(models.TextChoices):
    TERM = "term", "Term (funded once)"
    DELAYED_DRAW = "delayed_draw", "Delayed draw (advances until availability ends, no reborrowing)"
    REVOLVING = "revolving", "Revolving (advances, repayments and reborrowing)"


class RateReset(models.TextChoices):
    INDEX_CHANGE = "index_change", "On each change of the index (prime-style)"
    PERIOD_LOOKBACK = "period_lookback", "Fixed for each interest period from a lookback date (term SOFR-style)"


class Bucket(models.TextChoices):
    """What a payment can settle, in the order the note's agreement applies it."""

    COSTS = "costs", "costs"
    LATE_CHARGES = "late_charges", "late charges"
    FEES = "fees", "fees"
    INTEREST = "interest", "interest"
    PRINCIPAL = "principal", "principal"


def default_payment_order() -> list[str]:
    return [Bucket.COSTS, Bucket.LATE_CHARGES, Bucket.FEES, Bucket.INTEREST, Bucket.PRINCIPAL]


class PaymentTerms(models.TextChoices):
    BULLET = "bullet", "Bullet at maturity"
    PERIODIC_INTEREST = "periodic_interest", "Periodic interest, principal at maturity"
    AMORTIZING = "amortizing", "Amortizing"


STALE_ON_CHANGE = """
    UPDATE notes_notesnapshot SET stale = true
     WHERE note_id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.{column} ELSE NEW.{column} END) AND NOT stale;
    RETURN NULL;
"""


def stale_trigger(column: str) -> pgtrigger.Trigger:
    """A snapshot no write can leave wrong: any change to what it was built from marks it stale
    (the services rebuild it in the same transaction; a stale one is never read)."""
    return pgtrigger.Trigger(
        name="snapshot_stale", when=pgtrigger.After, operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        func=STALE_ON_CHANGE.format(column=column),
    )


@pghistory.track()
class Note(models.Model):
    """A promissory note. Terms the documents do not state stay empty ("not recorded")."""

    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="notes")
    agreement = models.ForeignKey(
        "agreements.Agreement", null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    title = models.CharField(max_length=255, blank=True)
    issuer = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="notes_issued")
    holder = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="notes_held")
    principal = models.DecimalField(max_digits=18, decimal_places=2)
    purchase_price = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="USD")
    issue_date = models.DateField(null=True, blank=True)
    maturity_date = models.DateField(null=True, blank=True)
    interest_rate = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True, help_text="Percent per annum: 8.25 is 8.25%"
    )
    day_count = models.CharField(max_length=8, choices=DayCount.choices, blank=True)
    default_rate = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True, help_text="Absolute default rate, % a year"
    )
    default_spread = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_rate],
        help_text="Default rate as a spread over the rate otherwise applicable: 2.00 for +2%",
    )
    facility = models.CharField(max_length=16, choices=Facility.choices, default=Facility.TERM)
    commitment = models.DecimalField(
        max_digits=18, decimal_places=2, null=True, blank=True,
        help_text="The most that may be outstanding (revolving) or advanced in all (delayed draw)",
    )
    availability_end = models.DateField(
        null=True, blank=True, help_text="Last day an advance may be made (commitment termination date); "
        "empty: the maturity date",
    )
    commitment_fee_rate = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_rate],
        help_text="Commitment (unused) fee, % a year on the daily unused commitment",
    )
    fee_day_count = models.CharField(
        max_length=8, choices=DayCount.choices, blank=True, help_text="The fee's day count; empty: the note's"
    )
    compounding_months = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=[(1, "Monthly"), (3, "Quarterly"), (6, "Semi-annually"), (12, "Annually")],
        help_text="Empty: simple interest. Otherwise unpaid interest is added to principal every period",
    )
    compounding_anchor = models.DateField(
        null=True, blank=True, help_text="The first compounding date's anchor (e.g. the 1st of a month); empty: the issue date",
    )
    interest_anchor = models.DateField(
        null=True, blank=True, help_text="The first interest payment date; empty: one period after the issue date",
    )
    business_day_convention = models.CharField(
        max_length=20, choices=calendars.Convention.CHOICES, default=calendars.Convention.FOLLOWING,
        help_text="How a payment date that is not a business day moves",
    )
    accrue_to_adjusted = models.BooleanField(
        default=False, help_text="Interest periods end on the adjusted (business-day) date rather than the scheduled date",
    )
    rate_reset = models.CharField(
        max_length=16, choices=RateReset.choices, default=RateReset.INDEX_CHANGE,
        help_text="How a floating rate resets",
    )
    lookback_days = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(30)],
        help_text="Term rates: the fixing is this many business days before each interest period starts",
    )
    # A floating rate: the index's value in effect on each day plus the spread, within floor and cap,
    # reset on each change of the index (prime-style).
    rate_index = models.ForeignKey(
        "rates.RateIndex", null=True, blank=True, on_delete=models.PROTECT, related_name="notes",
        help_text="Empty: a fixed rate (the interest rate field)",
    )
    spread = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_rate],
        help_text='Percent per annum over the index; negative for "prime minus 1%": -1.00',
    )
    rate_floor = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_rate])
    rate_cap = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_rate])
    pik = models.BooleanField(
        "Interest paid in kind (PIK)", default=False,
        help_text="On each interest payment date the unpaid interest is added to principal",
    )
    annual_fee = models.DecimalField(
        max_digits=18, decimal_places=2, null=True, blank=True,
        help_text="An annual facility fee: due on the issue date and on each anniversary before maturity",
    )
    prepayment_premium = ArrayField(
        models.DecimalField(max_digits=7, decimal_places=4), blank=True, default=list, size=30,
        help_text="Percent of the principal prepaid, by loan year from the issue date: 3, 2, 1 "
        "(3% in the first year, 2% in the second, 1% in the third, none after)",
    )
    late_charge_percent = models.DecimalField(
        max_digits=7, decimal_places=4, null=True, blank=True, validators=[validate_rate],
        help_text="A late charge: percent of an installment still unpaid after the grace period",
    )
    late_charge_grace_days = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(365)], help_text="Days after the due date before it is late",
    )
    payment_order = ArrayField(
        models.CharField(max_length=16, choices=Bucket.choices), default=default_payment_order, size=5,
        help_text="The order payments are applied in, as the agreement states it",
    )
    payment_terms = models.CharField(max_length=20, choices=PaymentTerms.choices, blank=True)
    payment_frequency_months = models.PositiveSmallIntegerField(null=True, blank=True)
    secured = models.BooleanField(default=False)
    collateral_summary = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=NoteStatus.choices, default=NoteStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["maturity_date", "id"]
        constraints = [
            models.CheckConstraint(name="note_principal_positive", condition=Q(principal__gt=0)),
            models.CheckConstraint(
                name="note_price_positive", condition=Q(purchase_price__isnull=True) | Q(purchase_price__gt=0)
            ),
            models.CheckConstraint(
                name="note_matures_after_issue",
                condition=Q(maturity_date__isnull=True) | Q(issue_date__isnull=True)
                | Q(maturity_date__gt=F("issue_date")),
            ),
            models.CheckConstraint(
                name="note_commitment_positive", condition=Q(commitment__isnull=True) | Q(commitment__gt=0)
            ),
            models.CheckConstraint(
                name="note_drawn_facility_has_commitment",
                condition=Q(facility="term") | Q(commitment__isnull=False),
            ),
            models.CheckConstraint(
                name="note_fixed_or_floating",
                condition=Q(rate_index__isnull=True) | (Q(interest_rate__isnull=True) & Q(spread__isnull=False)),
            ),
            models.CheckConstraint(
                name="note_rate_not_negative", condition=Q(interest_rate__isnull=True) | Q(interest_rate__gte=0)
            ),
        ]
        indexes = [models.Index(fields=["matter", "status"], name="note_matter_status")]
        triggers = [stale_trigger("id")]

    def __str__(self) -> str:
        return self.title or f"{self.currency} {self.principal:,.2f} note of {self.issuer}"

    def get_absolute_url(self) -> str:
        return reverse("notes:detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.facility != Facility.TERM and self.commitment is None:
            errors["commitment"] = "A revolving or delayed-draw facility needs its commitment amount."
        if self.rate_index_id is not None:
            if self.interest_rate is not None:
                errors["interest_rate"] = "A floating-rate note takes its rate from the index: leave the fixed rate empty."
            if self.spread is None:
                errors["spread"] = 'Enter the spread over the index in percent (0 if none; -1.00 for "prime minus 1%").'
        elif self.spread is not None or self.rate_floor is not None or self.rate_cap is not None:
            errors["rate_index"] = "Choose the index the spread, floor or cap applies to."
        if self.rate_floor is not None and self.rate_cap is not None and self.rate_floor > self.rate_cap:
            errors["rate_cap"] = f"The cap ({self.rate_cap}%) is below the floor ({self.rate_floor}%)."
        if self.commitment_fee_rate is not None and self.facility == Facility.TERM:
            errors["commitment_fee_rate"] = "A commitment fee is charged on the unused part of a revolving or delayed-draw facility."
        if self.rate_reset == RateReset.PERIOD_LOOKBACK:
            if self.lookback_days is None:
                errors["lookback_days"] = "Enter how many business days before each period the rate is fixed (e.g. 2)."
            if not self.payment_frequency_months:
                errors["payment_frequency_months"] = "A rate fixed per interest period needs the length of the periods."
        if sorted(self.payment_order or []) != sorted(default_payment_order()):
            words = ", ".join(Bucket(b).label for b in default_payment_order())
            errors["payment_order"] = f"Name each of {words} once, in the order the agreement applies payments."
        if any(step < 0 or step > 100 for step in self.prepayment_premium or []):
            errors["prepayment_premium"] = "Each year's premium is a percent between 0 and 100."
        if self.pik and not self.payment_frequency_months:
            errors["payment_frequency_months"] = "PIK interest is added on the interest payment dates: record how often they fall."
        if self.late_charge_percent is not None and self.late_charge_grace_days is None:
            errors["late_charge_grace_days"] = "Enter the grace period in days (0 if none)."
        if self.annual_fee is not None and self.annual_fee <= 0:
            errors["annual_fee"] = "Must be greater than zero."
        if self.availability_end and self.maturity_date and self.availability_end > self.maturity_date:
            errors["availability_end"] = "Availability cannot end after the maturity date."
        if self.availability_end and self.issue_date and self.availability_end < self.issue_date:
            errors["availability_end"] = "Availability cannot end before the issue date."
        if errors:
            raise ValidationError(errors)

    @property
    def is_drawn(self) -> bool:
        """Advanced in draws (revolving or delayed draw) rather than funded once."""
        return self.facility != Facility.TERM

    @property
    def is_floating(self) -> bool:
        return self.rate_index_id is not None



class TransactionKind(models.TextChoices):
    FUNDING = "funding", "Funding"
    PAYMENT = "payment", "Payment"
    PREPAYMENT = "prepayment", "Prepayment"
    RATE_CHANGE = "rate_change", "Rate change"
    TRANSFER = "transfer", "Transfer to a new holder"
    CONVERSION = "conversion", "Conversion"
    WRITE_OFF = "write_off", "Write-off"
    ADVANCE = "advance", "Advance (draw)"
    REPAYMENT = "repayment", "Repayment of principal"
    COMMITMENT_REDUCTION = "commitment_reduction", "Commitment reduction"
    DEFAULT = "default", "Event of default (default rate from this date)"
    CURE = "cure", "Default cured or waived (default rate ends)"
    FEE = "fee", "Fee paid (fees due)"
    ASSIGNMENT = "assignment", "Assignment of a share between lenders"
    FEE_CHARGE = "fee_charge", "Fee charged (closing, amendment, facility or other fee)"
    COST_CHARGE = "cost_charge", "Costs charged to the borrower (e.g. collection costs)"


class FeeType(models.TextChoices):
    CLOSING = "closing", "Closing fee"
    AMENDMENT = "amendment", "Amendment fee"
    FACILITY = "facility", "Facility fee"
    OTHER = "other", "Other fee"


@pghistory.track()
class NoteTransaction(models.Model):
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="transactions")
    kind = models.CharField(max_length=24, choices=TransactionKind.choices)
    date = models.DateField()
    amount = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    rate = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    interest_paid = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    principal_paid = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    # How a payment was applied beyond interest and principal (the note's order), and a prepayment's premium.
    fees_paid = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    late_charges_paid = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    costs_paid = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    premium_paid = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    fee_type = models.CharField(max_length=16, choices=FeeType.choices, blank=True, help_text="Fees charged: which fee")
    new_holder = models.ForeignKey("parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # An assignment: `share` percent of the facility from `from_lender` to `new_holder`.
    from_lender = models.ForeignKey("parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    share = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True,
                                help_text="Assignments: percent of the facility assigned")
    consent_evidence = models.TextField(blank=True)
    # What a transfer, write-off or conversion ended, so voiding it restores exactly that.
    previous_holder = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    previous_status = models.CharField(max_length=16, choices=NoteStatus.choices, blank=True, editable=False)
    reference = models.CharField(max_length=255, blank=True)
    memo = models.TextField(blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(name="transaction_amount_positive", condition=Q(amount__isnull=True) | Q(amount__gt=0)),
        ]
        indexes = [
            models.Index(fields=["note", "date"], condition=Q(voided_at__isnull=True), name="transaction_live_by_note"),
        ]
        triggers = [stale_trigger("note_id")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date}"


class ScheduleMethod(models.TextChoices):
    LEVEL_PAYMENT = "level_payment", "Level payment (annuity)"
    LEVEL_PRINCIPAL = "level_principal", "Level principal"
    BALLOON = "balloon", "Balloon"


class ScheduleKind(models.TextChoices):
    AMORTIZATION = "amortization", "Scheduled principal payment"
    SINKING_FUND = "sinking_fund", "Sinking-fund deposit"


@pghistory.track()
class ScheduledPayment(models.Model):
    """One scheduled principal amount of a note's amortization (or sinking-fund) schedule."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="scheduled_payments")
    due_date = models.DateField()
    principal = models.DecimalField(max_digits=18, decimal_places=2)
    interest = models.DecimalField(
        max_digits=18, decimal_places=2, null=True, blank=True, help_text="The interest a generated table assumes"
    )
    kind = models.CharField(max_length=16, choices=ScheduleKind.choices, default=ScheduleKind.AMORTIZATION)
    source = models.CharField(max_length=100, blank=True, help_text='e.g. "Annex A" or "level payment, 12 months"')
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["note", "due_date"], name="scheduled_payment_one_per_date"),
            models.CheckConstraint(name="scheduled_principal_positive", condition=Q(principal__gt=0)),
        ]
        triggers = [stale_trigger("note_id")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.principal:,.2f} on {self.due_date:%Y-%m-%d}"


@pghistory.track()
class NoteLender(models.Model):
    """A lender of a syndicated facility and its share at issue (assignments move shares later)."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="lenders")
    lender = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    share = models.DecimalField(max_digits=9, decimal_places=6, help_text="Percent of the facility: 33.333333")

    class Meta:
        ordering = ["-share", "id"]
        constraints = [
            models.UniqueConstraint(fields=["note", "lender"], name="note_lender_once"),
            models.CheckConstraint(name="note_lender_share_in_range", condition=Q(share__gt=0) & Q(share__lte=100)),
        ]

    def __str__(self) -> str:
        return f"{self.lender} {self.share}%"


class MarginLevel(models.Model):
    """One row of a floating note's margin grid (pricing grid): the margin over the index while the
    ratio the grid is keyed on (leverage, say) is at least `ratio_from` and below `ratio_below`."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="margin_levels")
    name = models.CharField(max_length=50, blank=True, help_text='As the grid says, e.g. "Level II"')
    ratio_from = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True,
                                     help_text="The level applies from this ratio (empty: no lower bound)")
    ratio_below = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True,
                                      help_text="...up to, not including, this ratio (empty: no upper bound)")
    margin = models.DecimalField(max_digits=9, decimal_places=6, validators=[validate_rate],
                                 help_text="The margin over the index in percent: 2.25 for 2.25%")

    class Meta:
        ordering = [models.F("ratio_from").asc(nulls_first=True), "id"]
        constraints = [
            models.CheckConstraint(name="margin_level_bounds_in_order", condition=Q(ratio_from__isnull=True)
                                   | Q(ratio_below__isnull=True) | Q(ratio_from__lt=models.F("ratio_below"))),
        ]
        triggers = [stale_trigger("note_id")]

    def __str__(self) -> str:
        return self.name or f"{self.margin}%"


class MarginRatio(models.Model):
    """A ratio reported for the margin grid (e.g. leverage in a compliance certificate): the
    level it falls in sets the margin from `effective_date`."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="margin_ratios")
    effective_date = models.DateField(help_text="The margin changes from this date")
    ratio = models.DecimalField(max_digits=12, decimal_places=4, help_text="e.g. 2.15 for 2.15 to 1.00")
    source = models.CharField(max_length=200, blank=True, help_text='e.g. "Compliance certificate for Q2 2026"')
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_date", "id"]
        constraints = [models.UniqueConstraint(fields=["note", "effective_date"], name="margin_ratio_one_per_date")]
        triggers = [stale_trigger("note_id")]

    def __str__(self) -> str:
        return f"{self.ratio} from {self.effective_date:%b %d, %Y}"


class NoteSnapshot(models.Model):
    """The ledger's running figures after a note's last entry (`notes.interest.snapshot`), kept in
    the same transaction as every write so that positions only accrue from there; rebuilt from the
    ledger by `manage.py note_snapshots --rebuild` and checked against it by `--check`."""

    note = models.OneToOneField(Note, primary_key=True, on_delete=models.CASCADE, related_name="snapshot")
    as_of = models.DateField(help_text="The last ledger entry's date (the issue date when there is none)")
    valid_until = models.DateField(help_text="The next date the terms add an event (a reset, compounding, a fee falling due)")
    state = models.JSONField()
    stale = models.BooleanField(default=False)
    built_at = models.DateTimeField(auto_now=True)
    # What the dashboard sums in SQL, copied from `state` when it is written (`snapshots.columns`):
    # figures in the currency's minor units, interest units scaled to 10**-6 percent.
    summable = models.BooleanField(default=False, help_text="Cents and a rate to 6 places: the SQL sums may read it")
    cursor = models.DateField(null=True)
    accrues = models.BooleanField(default=False)
    principal_units = models.DecimalField(max_digits=40, decimal_places=0, default=0)
    advanced_units = models.DecimalField(max_digits=40, decimal_places=0, default=0)
    commitment_units = models.DecimalField(max_digits=40, decimal_places=0, null=True)
    accrued_units = models.DecimalField(max_digits=80, decimal_places=0, default=0)
    slope = models.DecimalField(max_digits=80, decimal_places=0, default=0,
                                help_text="Interest units added per weighted day: principal x rate")

    class Meta:
        indexes = [models.Index(fields=["note"], condition=Q(stale=False), name="snapshot_fresh")]

    def __str__(self) -> str:
        return f"Snapshot of {self.note_id} as of {self.as_of}"


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"


class DashboardExport(models.Model):
    """One export of the dashboard: who, when, as of which date, with which filters. An event in
    its own right (nothing is changed), shown in the timeline of each matter whose notes it held."""

    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    as_of = models.DateField()
    file_format = models.CharField(max_length=8, choices=ExportFormat.choices)
    filters = models.CharField(max_length=1000, blank=True, help_text="The filters in words, e.g. Holder: Acme")
    notes = models.PositiveIntegerField(default=0, help_text="Rows in the file")

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Dashboard export as of {self.as_of.isoformat()}"


class DashboardExportMatter(models.Model):
    """How many of one matter's notes an export held: the export's place in that matter's timeline."""

    export = models.ForeignKey(DashboardExport, on_delete=models.CASCADE, related_name="matters")
    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="dashboard_exports")
    notes = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["export", "matter"], name="dashboard_export_once_per_matter")]

    def __str__(self) -> str:
        return f"{self.export}: {self.notes} notes of {self.matter_id}"
