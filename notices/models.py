from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from agreements.models import NoticeMethod
from core.bounds import validate_day_count
from deadlines.calendars import Convention

UNKNOWN_ZONE = "{zone} is not a time zone (use a name such as America/New_York)."


class NoticeKind(models.TextChoices):
    GENERAL = "general", "General"
    DEFAULT = "default", "Notice of default"
    BREACH = "breach", "Notice of breach"
    DEMAND = "demand", "Demand"
    DISPUTE = "dispute", "Notice of dispute"
    CHANGE_OF_ADDRESS = "change_of_address", "Change of address"
    CONSENT_REQUEST = "consent_request", "Consent request"


class EvidenceKind(models.TextChoices):
    NONE = "", "None yet"
    RETURN_RECEIPT = "return_receipt", "Return receipt"
    FAX_CONFIRMATION = "fax_confirmation", "Fax confirmation"
    COURIER_RECORD = "courier_record", "Courier record"
    SIGNED_ACKNOWLEDGMENT = "acknowledgment", "Signed acknowledgment"
    OTHER = "other", "Other"


def default_time_zone() -> str:
    return str(settings.TIME_ZONE)


def validate_time_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(UNKNOWN_ZONE.format(zone=value)) from exc


def evidence_path(instance: "Notice", filename: str) -> str:
    return f"notices/{instance.pk}/evidence-{filename}"


@pghistory.track(exclude=["evidence_file"])
class Notice(models.Model):
    """A formal notice under an agreement, and when it counts."""

    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="notices")
    agreement = models.ForeignKey("agreements.Agreement", on_delete=models.PROTECT, related_name="notices")
    sender = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="notices_sent")
    recipient = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="notices_received")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices, default=NoticeKind.GENERAL)
    method = models.CharField(max_length=16)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    address_lines = models.JSONField(default=list, help_text="The recipient's notice address on the dispatch date")
    copy_to = models.TextField(blank=True)
    copy_parties = models.ManyToManyField("parties.Party", blank=True, related_name="notice_copies_received",
                                          help_text="Who was sent a copy (the clause's \"with a copy to\")")
    confirmation_method = models.CharField(max_length=16, choices=NoticeMethod.choices, blank=True,
                                           help_text="The confirming copy was sent by")
    dispatched_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    evidence_kind = models.CharField(max_length=20, choices=EvidenceKind.choices, blank=True)
    evidence = models.TextField(blank=True)
    deemed_given_at = models.DateTimeField(null=True, blank=True)
    deemed_given_rule = models.TextField(blank=True)
    deemed_given_on = models.DateField(null=True, blank=True, help_text="The day the notice counts from")
    deemed_given_parts = models.JSONField(default=list, blank=True)
    defects = models.JSONField(default=list, blank=True, help_text="Why the notice may not count, citing the clause")
    recipient_time_zone = models.CharField(max_length=64, blank=True, validators=[validate_time_zone],
                                           help_text="Where the notice is received (from the recipient's address)")
    period_days = models.PositiveIntegerField(null=True, blank=True, validators=[validate_day_count],
                                              help_text="Cure or response period")
    period_business_days = models.BooleanField(default=False)
    business_day_convention = models.CharField(
        max_length=24, choices=Convention.CHOICES, default=Convention.FOLLOWING,
        help_text="When the period ends on a non-business day; the next business day unless the clause says otherwise",
    )
    time_zone = models.CharField(max_length=64, default=default_time_zone, validators=[validate_time_zone],
                                 help_text="The zone in which this notice's dates are counted")
    evidence_file = models.FileField(upload_to=evidence_path, blank=True, help_text="e.g. the return receipt, scanned")
    new_address = models.JSONField(null=True, blank=True, help_text="For a change of address: the new address")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dispatched_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="notice_delivered_after_dispatch",
                condition=Q(delivered_at__isnull=True) | Q(delivered_at__gte=F("dispatched_at")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.sender} to {self.recipient}"

    def get_absolute_url(self) -> str:
        return reverse("notices:detail", args=[self.pk])

    @property
    def method_label(self) -> str:
        """The method in words ("Certified or registered mail, return receipt requested"), never its code."""
        try:
            return str(NoticeMethod(self.method).label)
        except ValueError:
            return self.method

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def recipient_zone(self) -> ZoneInfo:
        return ZoneInfo(self.recipient_time_zone or self.time_zone)

    @property
    def deemed_given_local(self) -> datetime | None:
        """The deemed-given moment where it was received."""
        return self.deemed_given_at.astimezone(self.recipient_zone) if self.deemed_given_at else None

    @property
    def deemed_given_firm(self) -> datetime | None:
        """The deemed-given moment in the firm's zone."""
        return self.deemed_given_at.astimezone(ZoneInfo(str(settings.TIME_ZONE))) if self.deemed_given_at else None
