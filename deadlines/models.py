import calendar
from datetime import date

import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from core.bounds import validate_day_count, validate_law_date
from deadlines.calendars import Convention


class ObligationKind(models.TextChoices):
    NOTE_PAYMENT = "note_payment", "Note payment"
    NOTE_MATURITY = "note_maturity", "Note maturity"
    CLOSING_DELIVERABLE = "closing_deliverable", "Closing deliverable"
    UCC_FILING = "ucc_filing", "UCC-1 filing"
    UCC_CONTINUATION = "ucc_continuation", "UCC continuation"
    UCC_LAPSE = "ucc_lapse", "UCC lapse"
    UCC_TERMINATION = "ucc_termination", "UCC termination"
    REGISTRATION_FILING = "registration_filing", "Registration statement filing"
    REGISTRATION_EFFECTIVENESS = "registration_effectiveness", "Registration effectiveness"
    SUSPENSION_END = "suspension_end", "Suspension (blackout) end"
    DAMAGES_PAYMENT = "damages_payment", "Liquidated damages payment"
    CURE_PERIOD = "cure_period", "Cure period"
    NOTICE_RESPONSE = "notice_response", "Notice response period"
    REPORTING = "reporting", "Reporting / statements"
    MANUAL = "manual", "Other (entered by counsel)"


# Kinds whose reminders a user may not mute: missing them loses the client money or rights.
CRITICAL_KINDS = frozenset(
    {
        ObligationKind.NOTE_MATURITY,
        ObligationKind.UCC_FILING,
        ObligationKind.UCC_CONTINUATION,
        ObligationKind.UCC_LAPSE,
        ObligationKind.UCC_TERMINATION,
        ObligationKind.REGISTRATION_FILING,
        ObligationKind.REGISTRATION_EFFECTIVENESS,
        ObligationKind.CURE_PERIOD,
    }
)


class ObligationStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    WAIVED = "waived", "Waived"
    MISSED = "missed", "Missed"
    # Its source no longer asks for it (a date moved, a period ended): kept in history, never deleted.
    SUPERSEDED = "superseded", "Superseded"


class Recurrence(models.TextChoices):
    NONE = "none", "Does not repeat"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUALLY = "annually", "Annually"


@pghistory.track()
class Obligation(models.Model):
    """A date someone must act by. Created by hand or generated from a source record
    (a note, a deliverable, a financing statement…) through `deadlines.services.obligations_sync`,
    which keys it by (source, source_key) so regenerating never duplicates it."""

    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="obligations")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=40, choices=ObligationKind.choices, default=ObligationKind.MANUAL)
    description = models.TextField(blank=True)
    clause = models.CharField(max_length=300, blank=True, help_text="Where the obligation comes from, e.g. §3.2(a)")
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_key = models.CharField(max_length=100, blank=True)
    responsible_party = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="obligations"
    )
    assignees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="assigned_obligations")
    watchers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="watched_obligations")
    watcher_emails = ArrayField(models.EmailField(), default=list, blank=True)
    nominal_due_date = models.DateField(null=True, blank=True, validators=[validate_law_date], help_text="Before the business-day rule")
    due_date = models.DateField(null=True, blank=True, validators=[validate_law_date], help_text="After the business-day rule")
    window_opens = models.DateField(null=True, blank=True, validators=[validate_law_date])
    window_closes = models.DateField(null=True, blank=True, validators=[validate_law_date])
    business_day_convention = models.CharField(
        max_length=24, choices=Convention.CHOICES, default=Convention.FOLLOWING
    )
    critical = models.BooleanField(default=False)
    recurrence = models.CharField(max_length=16, choices=Recurrence.choices, default=Recurrence.NONE)
    recurrence_anchor = models.DateField(
        null=True, blank=True, validators=[validate_law_date],
        help_text="The period date the series counts from; occurrence n is anchor + n periods",
    )
    recurrence_days_after = models.PositiveIntegerField(
        default=0, validators=[validate_day_count],
        help_text="Due this many days after each period date, e.g. 30 days after each month end",
    )
    recurrence_year_end_days_after = models.PositiveIntegerField(
        null=True, blank=True, validators=[validate_day_count],
        verbose_name="Days after the fiscal year end",
        help_text="A quarterly series counted from a fiscal year end: the year-end occurrence is due this many "
                  "days after it instead (e.g. 45 days after each quarter end, 90 after the year end)",
    )
    occurrence = models.PositiveIntegerField(default=0, help_text="Which occurrence of the series this is (0 first)")
    trigger = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="dependents",
        verbose_name="Dated from", help_text="The deadline this one counts from, e.g. the 10-K filing",
    )
    trigger_days = models.PositiveIntegerField(
        default=0, validators=[validate_day_count], verbose_name="Days after it",
        help_text="Due this many days after the day that deadline is completed (its due date until then)",
    )
    trigger_business_days = models.BooleanField(default=False, verbose_name="Count business days")
    remind_when_overdue = models.BooleanField(
        default=False, verbose_name="Remind me even if already overdue",
        help_text="Send overdue reminders and escalations even though it was already past due when recorded",
    )
    status = models.CharField(max_length=16, choices=ObligationStatus.choices, default=ObligationStatus.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_by_name = models.CharField(max_length=255, blank=True, help_text="Who acted, e.g. from an email link")
    evidence = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text="Raised on each change (iCalendar SEQUENCE)")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "source_key"],
                condition=Q(source_id__isnull=False),
                name="obligation_once_per_source_key",
            ),
            models.CheckConstraint(
                name="obligation_window_in_order",
                condition=Q(window_opens__isnull=True) | Q(window_closes__isnull=True)
                | Q(window_closes__gte=F("window_opens")),
            ),
            models.CheckConstraint(
                name="obligation_has_a_date",
                condition=Q(due_date__isnull=False) | Q(window_closes__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["matter", "due_date"], name="obligation_matter_due"),
            models.Index(fields=["due_date"], condition=Q(status="open"), name="obligation_open_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deadlines:detail", args=[self.pk])

    @property
    def overdue(self) -> bool:
        """Open and past its due date (today in the server's time zone)."""
        return self.status == ObligationStatus.OPEN and self.due_date is not None and self.due_date < timezone.localdate()

    @property
    def status_label(self) -> str:
        return "Overdue" if self.overdue else self.get_status_display()

    @property
    def past_when_recorded(self) -> bool:
        """Already past due when it was entered (e.g. a 2005 deal loaded today): nobody is told it is
        overdue unless someone asked for that (`remind_when_overdue`)."""
        return bool(self.due_date and self.created_at and self.due_date < timezone.localdate(self.created_at))


FISCAL_DAY_TOO_LATE = "{month} has at most {days} days."


class FiscalYearEnd(models.Model):
    """The day a company's fiscal year ends (31 December for most), from which its fiscal quarters
    and "45 days after each fiscal quarter end" deadlines count. Kept here, beside the recurrence
    rules, keyed by the party, so the parties directory needs no change to hold it."""

    party = models.OneToOneField("parties.Party", on_delete=models.CASCADE, related_name="fiscal_year_end")
    month = models.PositiveSmallIntegerField(choices=[(m, calendar.month_name[m]) for m in range(1, 13)], default=12)
    day = models.PositiveSmallIntegerField(default=31)
    source = models.CharField(max_length=300, blank=True, help_text="Where it is stated, e.g. the 10-K cover page")

    class Meta:
        constraints = [
            models.CheckConstraint(name="fiscal_year_end_month_range", condition=Q(month__gte=1, month__lte=12)),
            models.CheckConstraint(name="fiscal_year_end_day_range", condition=Q(day__gte=1, day__lte=31)),
        ]

    def __str__(self) -> str:
        return f"{self.party}: fiscal year ends {self.day} {calendar.month_name[self.month]}"

    def clean(self) -> None:
        # February counts 28: a year ending on its last day is a month-end series (29 Feb in leap years).
        days = calendar.monthrange(2001, self.month or 1)[1]
        if self.day and self.day > days:
            raise ValidationError({"day": FISCAL_DAY_TOO_LATE.format(month=calendar.month_name[self.month], days=days)})

    def year_end_on_or_before(self, day: date) -> date:
        """The last fiscal year end on or before `day`."""
        this_year = fiscal_year_end_in(day.year, self.month, self.day)
        return this_year if this_year <= day else fiscal_year_end_in(day.year - 1, self.month, self.day)


def fiscal_year_end_in(year: int, month: int, day: int) -> date:
    last = calendar.monthrange(year, month)[1]
    if month == 2 and day >= 28:
        return date(year, 2, last)
    return date(year, month, min(day, last))


DEFAULT_OFFSETS = [30, 14, 7, 1, 0]


def default_offsets() -> list[int]:
    return list(DEFAULT_OFFSETS)


class ReminderPolicy(models.Model):
    """Reminder defaults for one kind of obligation (kind blank: the default for all kinds).
    An obligation may override the offsets and escalation with its own fields."""

    kind = models.CharField(max_length=40, choices=ObligationKind.choices, blank=True, unique=True)
    offsets = ArrayField(models.PositiveIntegerField(), default=default_offsets, help_text="Days before the due date")
    daily_when_overdue = models.BooleanField(default=True)
    escalate_after_days = models.PositiveIntegerField(default=1, help_text="Escalate when overdue by this many days")

    class Meta:
        verbose_name_plural = "reminder policies"

    def __str__(self) -> str:
        return f"Reminders for {self.get_kind_display() or 'every kind'}"


class ObligationReminderOverride(models.Model):
    """Per-obligation override of its kind's reminder policy."""

    obligation = models.OneToOneField(Obligation, on_delete=models.CASCADE, related_name="reminder_override")
    offsets = ArrayField(models.PositiveIntegerField(), default=default_offsets)
    daily_when_overdue = models.BooleanField(default=True)
    escalate_after_days = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Reminder override for {self.obligation}"


class DeliveryMode(models.TextChoices):
    IMMEDIATE = "immediate", "Each reminder at once"
    DIGEST = "digest", "One daily digest"


class ReminderPreference(models.Model):
    """A user's reminder settings and private calendar-feed secret."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference")
    mode = models.CharField(max_length=16, choices=DeliveryMode.choices, default=DeliveryMode.IMMEDIATE)
    digest_time = models.TimeField(default="08:00", help_text="Local time of the daily digest")
    muted_kinds = ArrayField(models.CharField(max_length=40, choices=ObligationKind.choices), default=list, blank=True)
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    calendar_token_created_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Reminder preferences of {self.user}"


class DeliveryKind(models.TextChoices):
    REMINDER = "reminder", "Reminder"
    ESCALATION = "escalation", "Escalation"
    DIGEST = "digest", "Digest"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Delivery(models.Model):
    """One email to one recipient on one occasion. The unique key makes a duplicate impossible;
    the Message-ID is fixed when the row is created, so a resend is recognisably the same message."""

    # No single-column indexes on these keys: the unique constraint leads with obligation, and
    # every index dropped makes the claim's 500-row update cheaper.
    obligation = models.ForeignKey(
        Obligation, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    recipient_email = models.EmailField()
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries",
        db_index=False,
    )
    kind = models.CharField(max_length=16, choices=DeliveryKind.choices, default=DeliveryKind.REMINDER)
    occasion = models.CharField(max_length=64, help_text='e.g. "before:7", "overdue:2026-11-25", "digest:2026-11-24"')
    due_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # A uuid4 Message-ID, fixed at creation. Not indexed: nothing looks rows up by it, and each
    # index costs the claim's batch update (see bench/deadlines.py).
    message_id = models.CharField(max_length=255)
    subject = models.CharField(max_length=400, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_at", "id"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "recipient_email", "occasion"],
                condition=Q(obligation__isnull=False),
                name="delivery_once_per_occasion",
            ),
            models.UniqueConstraint(
                fields=["recipient_email", "occasion"],
                condition=Q(obligation__isnull=True),
                name="digest_once_per_occasion",
            ),
        ]
        indexes = [
            models.Index(fields=["due_at", "id"], condition=Q(status="pending"), name="delivery_pending_due"),
            models.Index(fields=["claimed_at"], condition=Q(status="sending"), name="delivery_sending_claimed"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient_email} ({self.occasion})"


class EmailAction(models.TextChoices):
    DONE = "done", "Mark done"
    SNOOZE = "snooze", "Snooze one week"


class EmailActionUse(models.Model):
    """A signed email link that was used. The unique nonce makes every link work once."""

    nonce = models.CharField(max_length=64, unique=True)
    action = models.CharField(max_length=16, choices=EmailAction.choices)
    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="email_actions")
    recipient_email = models.EmailField()
    used_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    next_occurrence = models.ForeignKey(
        Obligation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The recurring deadline's next occurrence this use created (withdrawn by an undo)",
    )

    class Meta:
        ordering = ["-used_at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.recipient_email} at {self.used_at:%Y-%m-%d %H:%M}"


class Snooze(models.Model):
    """Reminders for this obligation to this recipient pause until `until`."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="snoozes")
    recipient_email = models.EmailField()
    until = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["obligation", "recipient_email"], name="snooze_once_per_recipient"),
        ]

    def __str__(self) -> str:
        return f"{self.obligation} snoozed for {self.recipient_email} until {self.until}"
