"""Covenants of an agreement: financial tests, affirmative and negative undertakings, and reports
owed; the compliance certificates that report the figures, and each test's result."""

from decimal import Decimal

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.bounds import validate_day_count, validate_law_date


class CovenantKind(models.TextChoices):
    FINANCIAL = "financial", "Financial covenant (a figure tested against a threshold)"
    AFFIRMATIVE = "affirmative", "Affirmative covenant (something the company must do)"
    NEGATIVE = "negative", "Negative covenant (something the company must not do)"
    REPORTING = "reporting", "Reporting covenant (a report the company must deliver)"
    POST_CLOSING = "post_closing", "Post-closing covenant (an ongoing undertaking after closing, e.g. further assurances)"


class Operator(models.TextChoices):
    AT_LEAST = "at_least", "at least"
    MORE_THAN = "more_than", "more than"
    NOT_MORE_THAN = "not_more_than", "not more than"
    LESS_THAN = "less_than", "less than"


class MetricUnit(models.TextChoices):
    RATIO = "ratio", "A ratio (e.g. 1.25 to 1.00)"
    AMOUNT = "amount", "An amount of money"
    PERCENT = "percent", "A percentage"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Each fiscal month end"
    QUARTERLY = "quarterly", "Each fiscal quarter end"
    ANNUALLY = "annually", "Each fiscal year end"


class CovenantStatus(models.TextChoices):
    NOT_REVIEWED = "not_reviewed", "Not yet reviewed"
    COMPLYING = "complying", "In compliance"
    BREACHED = "breached", "Breached"
    WAIVED = "waived", "Waived"


class Deliverable(models.TextChoices):
    FINANCIAL_STATEMENTS = "financial_statements", "Financial statements"
    COMPLIANCE_CERTIFICATE = "compliance_certificate", "Compliance certificate"
    OTHER = "other", "Another report"


class CureFrom(models.TextChoices):
    TEST_DATE = "test_date", "the test date (the breach occurs as of the period end)"
    REPORTED = "reported", "the day the breach is reported (the certificate is delivered)"
    NOTICE = "notice", "the day notice of default is given"


@pghistory.track()
class Covenant(models.Model):
    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="covenants")
    agreement = models.ForeignKey("agreements.Agreement", on_delete=models.PROTECT, related_name="covenants")
    kind = models.CharField(max_length=16, choices=CovenantKind.choices)
    title = models.CharField(max_length=300, help_text='e.g. "Fixed charge coverage ratio"')
    clause = models.CharField(max_length=100, blank=True, help_text='Where the agreement says it, e.g. "Exhibit A, B(2)"')
    text = models.TextField(blank=True, help_text="The clause's words")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="covenants",
                              verbose_name="Covenanting party", help_text="Who gives the covenant (the borrower)")
    mutual = models.BooleanField(default=False, verbose_name="Given by each party",
                                 help_text='e.g. "Each of the parties hereto shall": the party above is the first of them')
    status = models.CharField(max_length=16, choices=CovenantStatus.choices, default=CovenantStatus.NOT_REVIEWED)
    # A financial covenant: "<metric> <operator> <threshold>, tested <frequency> on <basis>".
    metric = models.CharField(max_length=200, blank=True, help_text='e.g. "Consolidated Fixed Charges Coverage Ratio"')
    operator = models.CharField(max_length=16, choices=Operator.choices, blank=True)
    threshold = models.DecimalField(max_digits=24, decimal_places=4, null=True, blank=True,
                                    help_text="Before any step in the schedule below applies")
    unit = models.CharField(max_length=16, choices=MetricUnit.choices, default=MetricUnit.RATIO)
    currency = models.CharField(max_length=3, default="USD")
    basis = models.CharField(max_length=200, blank=True, help_text='e.g. "trailing four fiscal quarters"')
    frequency = models.CharField(max_length=16, choices=Frequency.choices, default=Frequency.QUARTERLY)
    first_period_end = models.DateField(null=True, blank=True, validators=[validate_law_date],
                                        help_text="The first fiscal period end tested or reported on")
    last_period_end = models.DateField(null=True, blank=True, validators=[validate_law_date],
                                       help_text="The last one (e.g. the period before maturity); empty: a year ahead")
    # A reporting covenant: "within 45 days after each fiscal quarter end, 90 after the year end".
    deliverable = models.CharField(max_length=32, choices=Deliverable.choices, blank=True)
    days_after_period = models.PositiveIntegerField(null=True, blank=True, validators=[validate_day_count])
    days_after_year_end = models.PositiveIntegerField(null=True, blank=True, validators=[validate_day_count])
    delivered_after = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Another report this one is dated from (e.g. 5 days after the annual statements)",
    )
    days_after_delivery = models.PositiveIntegerField(default=0, validators=[validate_day_count])
    # What a breach starts (the Events of Default clause).
    cure_days = models.PositiveIntegerField(null=True, blank=True, validators=[validate_day_count],
                                            help_text="Empty: no cure period, a breach is an Event of Default at once")
    cure_business_days = models.BooleanField(default=False)
    cure_from = models.CharField(max_length=16, choices=CureFrom.choices, default=CureFrom.TEST_DATE)
    cure_clause = models.CharField(max_length=100, blank=True, help_text='e.g. "§6.1(c)"')
    responsible_people = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                                help_text="Reminded of reports due and of cure periods")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement_id", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                name="covenant_financial_has_a_test",
                condition=~Q(kind="financial") | (~Q(metric="") & ~Q(operator="") & Q(first_period_end__isnull=False)),
            ),
            models.CheckConstraint(
                name="covenant_reporting_has_a_deliverable",
                condition=~Q(kind="reporting") | (~Q(deliverable="") & Q(first_period_end__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("covenants:detail", args=[self.pk])

    @property
    def kind_word(self) -> str:
        """"Affirmative", "Negative"...: the kind's label without its explanation."""
        return str(self.get_kind_display()).split(" covenant")[0]


@pghistory.track()
class CovenantConsent(models.Model):
    """A consent (or other item) a covenant names as to be obtained, tracked as an obligation of
    the covenant (e.g. §6.1: "obtaining any consents required in connection herewith")."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="consents")
    description = models.CharField(max_length=400, help_text='e.g. "Consent of the landlord to the security interest"')
    from_whom = models.CharField(max_length=300, blank=True, help_text="Who gives it")
    due_date = models.DateField(validators=[validate_law_date], help_text="By when it is to be obtained")
    obtained_on = models.DateField(null=True, blank=True, validators=[validate_law_date])
    evidence = models.CharField(max_length=400, blank=True, help_text="e.g. where the signed consent is filed")

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.description


class ThresholdStep(models.Model):
    """A stepped schedule: from `effective_from` on, the covenant's threshold is `threshold`."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="steps")
    effective_from = models.DateField(validators=[validate_law_date], help_text="Test dates on or after this day")
    threshold = models.DecimalField(max_digits=24, decimal_places=4)

    class Meta:
        ordering = ["effective_from"]
        constraints = [models.UniqueConstraint(fields=["covenant", "effective_from"], name="threshold_step_once")]

    def __str__(self) -> str:
        return f"{self.threshold} from {self.effective_from}"


def certificate_path(instance: "ComplianceCertificate", filename: str) -> str:
    return f"covenants/{instance.matter_id}/certificate-{instance.period_end:%Y-%m-%d}-{filename}"


@pghistory.track(exclude=["document"])
class ComplianceCertificate(models.Model):
    """A compliance certificate as delivered: the period it covers and the figures it reports."""

    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="compliance_certificates")
    agreement = models.ForeignKey("agreements.Agreement", on_delete=models.PROTECT, related_name="+")
    period_end = models.DateField(validators=[validate_law_date], help_text="The fiscal period end it reports on")
    delivered_on = models.DateField(validators=[validate_law_date])
    signed_by = models.CharField(max_length=200, blank=True, help_text='e.g. "Chief Financial Officer"')
    document = models.FileField(upload_to=certificate_path, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "period_end"], name="certificate_once_per_period"),
        ]

    def __str__(self) -> str:
        return f"Compliance certificate for the period ended {self.period_end:%B %-d, %Y}"

    def get_absolute_url(self) -> str:
        return reverse("covenants:certificate", args=[self.pk])


class TestResult(models.TextChoices):
    PASS = "pass", "Pass"
    BREACH = "breach", "Breach"


@pghistory.track()
class CovenantTest(models.Model):
    """One financial covenant tested on one certificate's reported figure. The threshold applied
    and the result are kept as computed when recorded, so a later change to the schedule does not
    rewrite what the certificate showed."""

    __test__ = False  # not a pytest test class

    certificate = models.ForeignKey(ComplianceCertificate, on_delete=models.CASCADE, related_name="tests")
    covenant = models.ForeignKey(Covenant, on_delete=models.PROTECT, related_name="tests")
    reported_value = models.DecimalField(max_digits=24, decimal_places=4)
    threshold = models.DecimalField(max_digits=24, decimal_places=4)
    result = models.CharField(max_length=8, choices=TestResult.choices)
    headroom = models.DecimalField(max_digits=24, decimal_places=4,
                                   help_text="How far the figure is on the right side of the threshold (negative: a breach)")
    headroom_percent = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    # The default workflow a breach opens: the cure deadline is an obligation of this test; the
    # notice of default is held here as a draft until counsel sends it through Notices.
    notice_sender = models.ForeignKey("parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    notice_recipient = models.ForeignKey("parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    notice_subject = models.CharField(max_length=300, blank=True)
    notice_body = models.TextField(blank=True)

    class Meta:
        ordering = ["certificate", "covenant_id"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "covenant"], name="covenant_test_once_per_certificate"),
        ]

    def __str__(self) -> str:
        return f"{self.covenant} as of {self.certificate.period_end:%B %-d, %Y}: {self.get_result_display()}"

    def get_absolute_url(self) -> str:
        return reverse("covenants:certificate", args=[self.certificate_id])

    @property
    def breached(self) -> bool:
        return self.result == TestResult.BREACH


ZERO = Decimal("0")
