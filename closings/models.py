import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.bounds import validate_day_count


class ClosingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    IN_PROGRESS = "in_progress", "In progress"
    CLOSED = "closed", "Closed"
    POSTPONED = "postponed", "Postponed"
    CANCELLED = "cancelled", "Cancelled"


@pghistory.track()
class Closing(models.Model):
    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="closings")
    agreements = models.ManyToManyField("agreements.Agreement", blank=True, related_name="closings")
    scheduled_at = models.DateTimeField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, default="America/New_York")
    place = models.CharField(max_length=300, blank=True)
    place_party = models.ForeignKey("parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=ClosingStatus.choices, default=ClosingStatus.SCHEDULED)
    simultaneous_with_signing = models.BooleanField(default=False)
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    clause = models.CharField(max_length=50, blank=True, help_text='e.g. "§3.1"')
    reopen_reason = models.TextField(blank=True, help_text="Why an admin last reopened this closing.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scheduled_at", "id"]
        constraints = [
            models.CheckConstraint(name="closed_closing_has_date", condition=~Q(status="closed") | Q(closed_on__isnull=False)),
        ]

    def __str__(self) -> str:
        when = self.closed_on or (self.scheduled_at.date() if self.scheduled_at else None)
        return f"Closing{' on ' + when.strftime('%b %d, %Y') if when else ''}"

    def get_absolute_url(self) -> str:
        return reverse("closings:detail", args=[self.pk])


class DeliverableKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    SIGNATURE_PAGE = "signature_page", "Signature page"
    FUNDS = "funds", "Funds"
    CERTIFICATE = "certificate", "Certificate"
    FILING = "filing", "Filing"
    OTHER = "other", "Other"


class DeliverableStatus(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    RECEIVED = "received", "Received"
    WAIVED = "waived", "Waived"


def evidence_path(instance: "Deliverable", filename: str) -> str:
    return f"closings/{instance.closing_id}/{instance.pk or 'new'}-{filename}"


@pghistory.track(exclude=["evidence_file"])
class Deliverable(models.Model):
    closing = models.ForeignKey(Closing, on_delete=models.CASCADE, related_name="deliverables")
    description = models.CharField(max_length=400)
    kind = models.CharField(max_length=16, choices=DeliverableKind.choices, default=DeliverableKind.DOCUMENT)
    from_party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    to_party = models.ForeignKey("parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="USD")
    wire_reference = models.CharField(max_length=100, blank=True)
    note = models.ForeignKey("notes.Note", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    required = models.BooleanField(default=True)
    days_after_closing = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: at closing",
                                                     validators=[validate_day_count])
    post_closing = models.BooleanField(default=False)
    clause = models.CharField(max_length=50, blank=True)
    status = models.CharField(max_length=16, choices=DeliverableStatus.choices, default=DeliverableStatus.OUTSTANDING)
    status_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status_at = models.DateTimeField(null=True, blank=True)
    evidence_file = models.FileField(upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_text = models.TextField(blank=True, help_text="e.g. the wire confirmation")
    waiver_reason = models.TextField(blank=True)
    comments = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(name="funds_have_positive_amount",
                                   condition=~Q(kind="funds") | Q(amount__gt=0)),
            models.CheckConstraint(name="post_closing_has_day_count",
                                   condition=Q(post_closing=False) | Q(days_after_closing__isnull=False)),
            models.CheckConstraint(name="waiver_has_reason", condition=~Q(status="waived") | ~Q(waiver_reason="")),
        ]

    def __str__(self) -> str:
        return self.description


class BinderExport(models.Model):
    """A closing binder being built by a Celery task; the page polls its progress."""

    closing = models.ForeignKey(Closing, on_delete=models.CASCADE, related_name="binders")
    status = models.CharField(max_length=16, default="pending")
    progress = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="binders/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Binder for {self.closing} ({self.status})"
