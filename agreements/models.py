import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.bounds import validate_day_count


class AgreementKind(models.TextChoices):
    NOTE_PURCHASE = "note_purchase", "Note purchase agreement"
    PROMISSORY_NOTE = "promissory_note", "Promissory note"
    SECURITY = "security", "Security agreement"
    REGISTRATION_RIGHTS = "registration_rights", "Registration rights agreement"
    AMENDMENT = "amendment", "Amendment"
    OTHER = "other", "Other"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    EXECUTED = "executed", "Executed"
    TERMINATED = "terminated", "Terminated"


class DisputeResolution(models.TextChoices):
    COURTS = "courts", "Courts"
    ARBITRATION = "arbitration", "Arbitration"


@pghistory.track()
class Agreement(models.Model):
    """A signed (or draft) agreement of a matter, with the terms counsel rely on."""

    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(max_length=32, choices=AgreementKind.choices)
    title = models.CharField(max_length=255)
    dated_as_of = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT)
    governing_law = models.CharField(max_length=100, blank=True)
    governing_law_clause = models.CharField(max_length=50, blank=True)
    dispute_resolution = models.CharField(max_length=16, choices=DisputeResolution.choices, blank=True)
    forum = models.CharField(max_length=255, blank=True)
    arbitration_rules = models.CharField(max_length=400, blank=True)
    successor_forum = models.CharField(max_length=255, blank=True)
    assignment_requires_consent = models.BooleanField(null=True, blank=True)
    amendments_require_writing = models.BooleanField(null=True, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="exhibits",
        help_text="The agreement this one is an exhibit to or amends",
    )
    exhibit_label = models.CharField(max_length=50, blank=True, help_text='e.g. "Exhibit A"')
    notice_clause_ref = models.CharField(max_length=50, blank=True, help_text='e.g. "§7.2"')
    notice_clause_text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["dated_as_of", "exhibit_label", "id"]
        constraints = [models.CheckConstraint(name="agreement_title_not_blank", condition=~Q(title=""))]

    def __str__(self) -> str:
        return f"{self.exhibit_label}: {self.title}" if self.exhibit_label else self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", args=[self.pk])


class PartyRole(models.TextChoices):
    COMPANY = "company", "Company / issuer"
    PURCHASER = "purchaser", "Purchaser"
    HOLDER = "holder", "Holder"
    SECURED_PARTY = "secured_party", "Secured party"
    DEBTOR = "debtor", "Debtor"
    COUNSEL = "counsel", "Counsel"
    AGENT = "agent", "Agent"
    OTHER = "other", "Other"


@pghistory.track()
class AgreementParty(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="agreement_parties")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="agreement_roles")
    role = models.CharField(max_length=16, choices=PartyRole.choices)
    defined_term = models.CharField(max_length=100, blank=True, help_text='e.g. "the Company", "Petty"')

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party", "role"], name="agreement_party_role_once"),
        ]

    def __str__(self) -> str:
        term = f' ("{self.defined_term}")' if self.defined_term else ""
        return f"{self.party}{term}, {self.get_role_display()}"


class NoticeMethod(models.TextChoices):
    PERSONAL = "personal", "Personal delivery"
    FAX = "fax", "Telecopy / fax"
    TELEX = "telex", "Telex"
    CERTIFIED_MAIL = "certified_mail", "Certified or registered mail, return receipt requested"
    COURIER = "courier", "Overnight courier"
    EMAIL = "email", "Email"


class DeemedGiven(models.TextChoices):
    ON_DELIVERY = "on_delivery", "When delivered"
    ON_TRANSMISSION = "on_transmission", "When transmitted"
    ON_RECEIPT = "on_receipt", "Upon receipt"
    AFTER_DISPATCH = "after_dispatch", "A number of days after dispatch"


@pghistory.track()
class NoticeRule(models.Model):
    """One delivery method the notice clause allows, and when a notice so sent counts."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="notice_rules")
    method = models.CharField(max_length=16, choices=NoticeMethod.choices)
    deemed_given = models.CharField(max_length=16, choices=DeemedGiven.choices)
    offset_days = models.PositiveIntegerField(default=0, validators=[validate_day_count])
    business_days = models.BooleanField(default=False)
    cutoff_time = models.TimeField(
        null=True, blank=True, help_text="After this time, or on a non-business day: the next business day"
    )
    clause = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "method"], name="notice_rule_once_per_method"),
            models.CheckConstraint(
                name="notice_rule_offset_only_after_dispatch",
                condition=Q(deemed_given="after_dispatch") | Q(offset_days=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()}: {self.describe()}"

    def describe(self) -> str:
        if self.deemed_given == DeemedGiven.AFTER_DISPATCH:
            unit = "business days" if self.business_days else "days"
            return f"{self.offset_days} {unit} after dispatch"
        return self.get_deemed_given_display().lower()


@pghistory.track()
class Signatory(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatories")
    person = models.ForeignKey("parties.Person", on_delete=models.PROTECT, related_name="signatures")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    title_as_signed = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.person.name} for {self.party}"


def document_path(instance: "Document", filename: str) -> str:
    return f"agreements/{instance.agreement_id}/v{instance.version}-{filename}"


@pghistory.track(exclude=["file"])
class Document(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=document_path)
    original_name = models.CharField(max_length=255)
    version = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    is_executed = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["agreement", "version"], name="document_version_once")]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.version})"
