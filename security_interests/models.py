import pghistory
from django.db import models
from django.db.models import F, Q
from django.urls import reverse


class Priority(models.TextChoices):
    FIRST = "first", "First"
    SECOND = "second", "Second"
    THIRD = "third", "Third"
    SUBORDINATED = "subordinated", "Subordinated"


class SecurityInterestStatus(models.TextChoices):
    GRANTED = "granted", "Granted"
    PERFECTED = "perfected", "Perfected"
    RELEASED = "released", "Released"


@pghistory.track()
class SecurityInterest(models.Model):
    """A lien the debtor granted the secured party over collateral, securing notes."""

    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="security_interests")
    debtor = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="security_interests_granted")
    secured_party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="security_interests_held"
    )
    notes = models.ManyToManyField("notes.Note", blank=True, related_name="security_interests")
    collateral = models.TextField(help_text="The collateral description")
    all_assets = models.BooleanField(default=False, help_text="A security interest in all assets of the debtor")
    granting_agreement = models.ForeignKey(
        "agreements.Agreement", null=True, blank=True, on_delete=models.SET_NULL, related_name="security_interests"
    )
    granting_clause = models.TextField(blank=True, help_text="The granting words as written, e.g. §1")
    clause_reference = models.CharField(max_length=100, blank=True, help_text="e.g. §1")
    granted_on = models.DateField(null=True, blank=True)
    priority = models.CharField(max_length=16, choices=Priority.choices, blank=True)
    status = models.CharField(
        max_length=16, choices=SecurityInterestStatus.choices, default=SecurityInterestStatus.GRANTED
    )
    paid_off_on = models.DateField(
        null=True, blank=True, help_text="When every secured note was repaid (set by Covenant)"
    )
    termination_demanded_on = models.DateField(
        null=True, blank=True, help_text="When the debtor's authenticated demand for termination arrived (9-513(c))"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["matter", "id"]
        constraints = [
            models.CheckConstraint(name="security_interest_collateral_not_blank", condition=~Q(collateral="")),
            models.CheckConstraint(name="security_interest_two_parties", condition=~Q(debtor=F("secured_party"))),
        ]

    def __str__(self) -> str:
        what = "all assets" if self.all_assets else "collateral"
        return f"Security interest in {what} of {self.debtor} for {self.secured_party}"

    def get_absolute_url(self) -> str:
        return reverse("security_interests:detail", args=[self.pk])


class FinancingStatementStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    LAPSED = "lapsed", "Lapsed"
    TERMINATED = "terminated", "Terminated"


@pghistory.track()
class FinancingStatement(models.Model):
    """A UCC-1 on file. `lapse_date` is stored (recomputed by the services on every change)
    so the portfolio can sort and filter by it in SQL."""

    security_interest = models.ForeignKey(
        SecurityInterest, on_delete=models.CASCADE, related_name="financing_statements"
    )
    filing_office = models.CharField(max_length=100, help_text="The state whose filing office holds it, e.g. Delaware")
    file_number = models.CharField(max_length=100, help_text="The initial financing statement file number")
    filing_date = models.DateField()
    lapse_date = models.DateField(editable=False)
    status = models.CharField(
        max_length=16, choices=FinancingStatementStatus.choices, default=FinancingStatementStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["lapse_date", "id"]
        constraints = [
            models.CheckConstraint(name="financing_statement_file_number_not_blank", condition=~Q(file_number="")),
            models.CheckConstraint(name="financing_statement_office_not_blank", condition=~Q(filing_office="")),
            models.CheckConstraint(
                name="financing_statement_lapse_after_filing", condition=Q(lapse_date__gt=F("filing_date"))
            ),
        ]
        indexes = [
            models.Index(fields=["lapse_date"], condition=Q(status="active"), name="fin_statement_active_lapse"),
        ]

    def __str__(self) -> str:
        return f"UCC-1 {self.file_number} ({self.filing_office})"

    def get_absolute_url(self) -> str:
        return reverse("security_interests:statement", args=[self.pk])


class AmendmentKind(models.TextChoices):
    CONTINUATION = "continuation", "Continuation"
    ASSIGNMENT = "assignment", "Assignment"
    AMENDMENT = "amendment", "Amendment (collateral or debtor name)"
    TERMINATION = "termination", "Termination"


@pghistory.track()
class FinancingStatementAmendment(models.Model):
    """A UCC-3 filed against a financing statement."""

    financing_statement = models.ForeignKey(
        FinancingStatement, on_delete=models.CASCADE, related_name="amendments"
    )
    kind = models.CharField(max_length=16, choices=AmendmentKind.choices)
    filing_date = models.DateField()
    file_number = models.CharField(max_length=100, blank=True)
    details = models.TextField(blank=True)
    lapse_date_before = models.DateField(null=True, blank=True, editable=False)
    lapse_date_after = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["filing_date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} filed {self.filing_date}"
