import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class MatterStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed (paid off)"
    ARCHIVED = "archived", "Archived"


class HolidayCalendar(models.TextChoices):
    """Business-day calendars a matter may count in. Dated data: a 2005 deal uses 2005."""

    NY_BANKS = "NY_BANKS", "New York banks (Federal Reserve holidays)"
    US_FEDERAL = "US_FEDERAL", "US federal holidays"
    NY_STATE = "NY_STATE", "New York State (General Construction Law §24)"
    WEEKENDS = "WEEKENDS", "Weekends only"


@pghistory.track()
class Matter(models.Model):
    """One financing, from closing to payoff. Everything else belongs to a matter."""

    name = models.CharField(max_length=255)
    client = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="client_matters",
        help_text="The client company (its finance users may read this matter).",
    )
    status = models.CharField(max_length=16, choices=MatterStatus.choices, default=MatterStatus.OPEN)
    description = models.TextField(blank=True)
    holiday_calendar = models.CharField(
        max_length=16, choices=HolidayCalendar.choices, default=HolidayCalendar.NY_BANKS,
        help_text="Which days count as business days for this matter's deadlines.",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="matters"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.CheckConstraint(name="matter_name_not_blank", condition=~Q(name=""))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("matters:detail", args=[self.pk])


class MembershipRole(models.TextChoices):
    LEAD = "lead", "Lead counsel"
    COUNSEL = "counsel", "Counsel"


@pghistory.track()
class Membership(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=MembershipRole.choices, default=MembershipRole.COUNSEL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "user"], name="membership_once_per_matter"),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.matter} ({self.get_role_display()})"


class MatterVisit(models.Model):
    """When a user last looked at a matter's page: what changed since is shown to them there and
    in their digest. A reading marker, not a record of the deal, so it has no history of its own
    (the timeline would otherwise fill with page views)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="visits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matter_visits")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["matter", "user"], name="one_visit_marker_per_user_and_matter")]

    def __str__(self) -> str:
        return f"{self.user} saw {self.matter} at {self.seen_at:%Y-%m-%d %H:%M}"
