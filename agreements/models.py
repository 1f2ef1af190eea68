from typing import Any

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from core.bounds import validate_day_count
from deadlines import catalog


def validate_calendar(value: str) -> None:
    if not catalog.is_known(value):
        raise ValidationError(catalog.UNKNOWN_CALENDAR.format(key=value))


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
    arbitration_costs = models.CharField(max_length=300, blank=True,
                                         help_text='Who bears the costs, as the clause says, e.g. "as determined by the arbitrators"')
    assignment_requires_consent = models.BooleanField(null=True, blank=True)
    amendments_require_writing = models.BooleanField(null=True, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="exhibits",
        help_text="The agreement this one is an exhibit to or amends",
    )
    exhibit_label = models.CharField(max_length=50, blank=True, help_text='e.g. "Exhibit A"')
    notice_clause_ref = models.CharField(max_length=50, blank=True, help_text='e.g. "§7.2"')
    notice_clause_text = models.TextField(blank=True)
    business_day_calendars = ArrayField(
        models.CharField(max_length=24, validators=[validate_calendar]), default=list, blank=True, size=12,
        help_text="A business day is a weekday on which every calendar named here is open; none: the matter's",
    )
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
    FIRST_CLASS_MAIL = "first_class_mail", "First-class mail"
    COURIER = "courier", "Overnight courier"
    EMAIL = "email", "Email"


class DeemedGiven(models.TextChoices):
    ON_DELIVERY = "on_delivery", "When delivered"
    ON_TRANSMISSION = "on_transmission", "When transmitted"
    ON_RECEIPT = "on_receipt", "Upon receipt"
    AFTER_DISPATCH = "after_dispatch", "A number of days after dispatch"
    NEXT_BUSINESS_DAY = "next_business_day", "The next business day after dispatch"
    ON_CONFIRMATION = "on_confirmation", "When the sender receives confirmation"


class Combine(models.TextChoices):
    ONLY = "", "Only this"
    EARLIER = "earlier", "The earlier of the two"
    LATER = "later", "The later of the two"




@pghistory.track()
class NoticeRule(models.Model):
    """One delivery method the notice clause allows (or, for one party, every method), and when a
    notice so sent counts: one part, or two combined by "the earlier of" / "the later of"."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="notice_rules")
    method = models.CharField(max_length=16, choices=NoticeMethod.choices, blank=True,
                              help_text="Empty only for a rule that covers every method to one party")
    method_words = models.CharField(max_length=300, blank=True, help_text='The clause\'s words, e.g. "by telecopier"')
    deemed_given = models.CharField(max_length=20, choices=DeemedGiven.choices)
    offset_days = models.PositiveIntegerField(default=0, validators=[validate_day_count])
    business_days = models.BooleanField(default=False)
    combine = models.CharField(max_length=8, choices=Combine.choices, blank=True)
    also_deemed_given = models.CharField(max_length=20, choices=DeemedGiven.choices, blank=True)
    also_offset_days = models.PositiveIntegerField(default=0, validators=[validate_day_count])
    also_business_days = models.BooleanField(default=False)
    cutoff_time = models.TimeField(
        null=True, blank=True,
        help_text="After this time (in the recipient's time zone), or on a non-business day: the next business day",
    )
    calendars = ArrayField(
        models.CharField(max_length=24, validators=[validate_calendar]), default=list, blank=True, size=12,
        help_text="Business days for this rule when the clause names its own; none: the agreement's",
    )
    only_outside_us = models.BooleanField(default=False, help_text="Only to addresses outside the United States")
    confirming_copy = models.BooleanField(default=False, help_text="Only with a confirming copy by another method")
    recipient_party = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="A rule the clause states for notices to one party only",
    )
    scope = models.CharField(max_length=200, blank=True, help_text='e.g. "under Article II"')
    clause = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "method", "recipient_party"], nulls_distinct=False,
                                    name="notice_rule_once_per_method_and_party"),
            models.CheckConstraint(
                name="notice_rule_offset_only_after_dispatch",
                condition=Q(deemed_given="after_dispatch") | Q(offset_days=0),
            ),
            models.CheckConstraint(
                name="notice_rule_also_offset_only_after_dispatch",
                condition=Q(also_deemed_given="after_dispatch") | Q(also_offset_days=0),
            ),
            models.CheckConstraint(
                name="notice_rule_combine_with_two_parts",
                condition=(Q(combine="") & Q(also_deemed_given="")) | (~Q(combine="") & ~Q(also_deemed_given="")),
            ),
            models.CheckConstraint(
                name="notice_rule_every_method_only_for_one_party",
                condition=~Q(method="") | Q(recipient_party__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method_label}: {self.describe()}"

    def clean(self) -> None:
        errors = {}
        if self.combine and not self.also_deemed_given:
            errors["also_deemed_given"] = RULE_SECOND_PART_NEEDED
        if self.also_deemed_given and not self.combine:
            errors["combine"] = RULE_COMBINE_NEEDED
        if not self.method and self.recipient_party_id is None:
            errors["method"] = RULE_METHOD_NEEDED
        for name, kind in (("offset_days", self.deemed_given), ("also_offset_days", self.also_deemed_given)):
            if getattr(self, name) and kind != DeemedGiven.AFTER_DISPATCH:
                errors[name] = RULE_DAYS_ONLY_AFTER_DISPATCH
        if errors:
            raise ValidationError(errors)

    @property
    def method_label(self) -> str:
        return str(NoticeMethod(self.method).label) if self.method else "Any method"

    def describe(self) -> str:
        """When a notice so sent counts, in words ("the earlier of upon receipt and 3 days after dispatch")."""
        first = part_words(self.deemed_given, self.offset_days, self.business_days)
        if not self.combine:
            return first
        second = part_words(self.also_deemed_given, self.also_offset_days, self.also_business_days)
        return f"the {self.combine} of {first} and {second}"

    def reads_as(self) -> str:
        """The rule as a sentence close to the clause it came from."""
        to = f" to {self.recipient_party}" if self.recipient_party_id else ""
        scope = f" {self.scope}" if self.scope else ""
        how = f" {self.method_words}" if self.method_words else (f" by {self.method_label.lower()}" if self.method else "")
        sentence = f"Notices{to}{scope}{how} are deemed given {self.describe()}"
        if self.cutoff_time:
            sentence += (f"; if that is after {_clock(self.cutoff_time)} (the recipient's time) or on a day that is "
                         "not a business day, on the next business day")
        if self.calendars:
            sentence += f" (business days: {catalog.name_of(catalog.SEPARATOR.join(self.calendars))})"
        conditions = [c for c, on in ((" only to addresses outside the United States", self.only_outside_us),
                                      (" only with a confirming copy by another method", self.confirming_copy)) if on]
        if conditions:
            sentence += "; allowed" + " and".join(conditions)
        return sentence + (f" ({self.clause})." if self.clause else ".")


RULE_SECOND_PART_NEEDED = 'Choose the second part for "the earlier of" or "the later of".'
RULE_COMBINE_NEEDED = 'Choose "the earlier of" or "the later of" to use a second part.'
RULE_METHOD_NEEDED = "Choose the method, or the party this rule is for."
RULE_DAYS_ONLY_AFTER_DISPATCH = 'Days count only for "a number of days after dispatch".'
PART_WORDS: dict[str, str] = {
    DeemedGiven.ON_DELIVERY: "when delivered", DeemedGiven.ON_TRANSMISSION: "when transmitted",
    DeemedGiven.ON_RECEIPT: "upon receipt", DeemedGiven.NEXT_BUSINESS_DAY: "the next business day after dispatch",
    DeemedGiven.ON_CONFIRMATION: "when the sender receives confirmation",
}


def part_words(kind: str, days: int, business: bool) -> str:
    if kind == DeemedGiven.AFTER_DISPATCH:
        return f"{days} {'business days' if business else 'days'} after dispatch"
    return PART_WORDS.get(kind, kind)


def _clock(moment: Any) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"


@pghistory.track()
class NoticeCopyTo(models.Model):
    """A "with a copy to" recipient the clause requires for notices to one of its parties."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="notice_copies")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+",
                              help_text="Notices to this party...")
    copy_party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+",
                                   help_text="...need a copy to this one")
    attention = models.CharField(max_length=255, blank=True)
    clause = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party", "copy_party"], name="notice_copy_once"),
            models.CheckConstraint(name="notice_copy_not_to_itself", condition=~Q(party=F("copy_party"))),
        ]

    def __str__(self) -> str:
        attention = f", Attention: {self.attention}" if self.attention else ""
        return f"Notices to {self.party}: with a copy to {self.copy_party}{attention}"


@pghistory.track()
class Signatory(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatories")
    person = models.ForeignKey("parties.Person", on_delete=models.PROTECT, related_name="signatures")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    title_as_signed = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "person", "party"], name="signatory_once")]

    def __str__(self) -> str:
        title = f", {self.title}" if self.title else ""
        return f"{self.person.name}{title}, for {self.party}"

    @property
    def title(self) -> str:
        """The title in the signature block, else the person's title in the directory."""
        return self.title_as_signed or self.person.title


class ClauseKind(models.TextChoices):
    BINDING_EFFECT = "binding_effect", "Binding effect; successors and assigns"
    NO_THIRD_PARTY_BENEFICIARIES = "no_third_party", "No third-party beneficiaries"
    ASSIGNMENT = "assignment", "Assignment"
    NOTICES = "notices", "Notices"
    ENTIRE_AGREEMENT = "entire_agreement", "Entire agreement"
    HEADINGS = "headings", "Headings"
    COUNTERPARTS = "counterparts", "Counterparts"
    GOVERNING_LAW = "governing_law", "Governing law"
    JURISDICTION = "jurisdiction", "Submission to jurisdiction"
    JURY_WAIVER = "jury_waiver", "Waiver of jury trial"
    SEVERABILITY = "severability", "Severability"
    ARBITRATION = "arbitration", "Arbitration"
    AMENDMENTS = "amendments", "Amendments"
    WAIVERS = "waivers", "Waivers"
    EXPENSES = "expenses", "Expenses"
    SURVIVAL = "survival", "Survival"
    OTHER = "other", "Other"


@pghistory.track()
class Clause(models.Model):
    """A standard ("boilerplate") clause of an agreement: its kind from a fixed list, where the
    agreement says it and its words. One section may hold two kinds (§7.1: binding effect and no
    third-party beneficiaries)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="clauses")
    kind = models.CharField(max_length=20, choices=ClauseKind.choices)
    clause = models.CharField(max_length=50, help_text='Where the agreement says it, e.g. "§7.3"')
    heading = models.CharField(max_length=200, blank=True, help_text='The heading as written, e.g. "Entire Agreement"')
    text = models.TextField(help_text="The clause's words")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind", "clause"], name="clause_kind_once_per_section"),
            models.CheckConstraint(name="clause_number_not_blank", condition=~Q(clause="")),
            models.CheckConstraint(name="clause_text_not_blank", condition=~Q(text="")),
        ]

    def __str__(self) -> str:
        return f"{self.clause} {self.get_kind_display()}"


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
