import pghistory
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.bounds import validate_day_count
from deadlines.calendars import Convention


class CountedFrom(models.TextChoices):
    CLOSING = "closing", "the closing date"
    FILING = "filing", "the filing date"


@pghistory.track(obj_field=pghistory.ObjForeignKey(related_name="history_events"))
class RegistrationRights(models.Model):
    """A registration rights agreement's deadlines and liquidated damages. Terms the documents
    do not state stay empty and show as "not recorded"."""

    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="registration_rights")
    agreement = models.ForeignKey("agreements.Agreement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    holders = models.ManyToManyField("parties.Party", blank=True, related_name="+")
    registrable_securities = models.TextField(blank=True)
    closing_date = models.DateField(null=True, blank=True)
    purchase_price = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    filing_deadline_days = models.PositiveIntegerField(null=True, blank=True, validators=[validate_day_count])
    filing_deadline_date = models.DateField(null=True, blank=True, help_text="When the agreement names a date instead")
    effectiveness_deadline_days = models.PositiveIntegerField(null=True, blank=True, validators=[validate_day_count])
    effectiveness_deadline_days_if_reviewed = models.PositiveIntegerField(null=True, blank=True, validators=[validate_day_count])
    effectiveness_counted_from = models.CharField(max_length=8, choices=CountedFrom.choices, default=CountedFrom.CLOSING)
    business_day_convention = models.CharField(max_length=24, choices=Convention.CHOICES, default=Convention.FOLLOWING)
    maintenance_period = models.TextField(blank=True, help_text="As written, e.g. until saleable under Rule 144(k)")
    suspension_days_per_period = models.PositiveIntegerField(null=True, blank=True, validators=[validate_day_count])
    suspension_days_per_year = models.PositiveIntegerField(null=True, blank=True, validators=[validate_day_count])
    liquidated_damages_rate = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True,
                                                  help_text="Percent of the purchase price per period")
    liquidated_damages_period_days = models.PositiveIntegerField(null=True, blank=True, validators=[validate_day_count])
    liquidated_damages_cap = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True,
                                                 help_text="Percent of the purchase price")
    damages_payable = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["closing_date", "id"]
        verbose_name_plural = "registration rights"
        constraints = [
            models.CheckConstraint(name="rr_price_positive", condition=Q(purchase_price__isnull=True) | Q(purchase_price__gt=0)),
            models.CheckConstraint(name="rr_period_positive", condition=Q(liquidated_damages_period_days__isnull=True) | Q(liquidated_damages_period_days__gt=0)),
        ]

    def __str__(self) -> str:
        return f"Registration rights: {self.matter}"

    def get_absolute_url(self) -> str:
        return reverse("registration_rights:detail", args=[self.pk])


class EventKind(models.TextChoices):
    FILED = "filed", "Registration statement filed"
    REVIEWED = "reviewed", "SEC review (longer effectiveness period)"
    EFFECTIVE = "effective", "Declared effective"
    SUSPENDED = "suspended", "Suspended (blackout)"
    RESUMED = "resumed", "Suspension ended"
    WITHDRAWN = "withdrawn", "Withdrawn"


@pghistory.track()
class RegistrationEvent(models.Model):
    rights = models.ForeignKey(RegistrationRights, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    date = models.DateField()
    memo = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date}"
