"""Rate indexes (Prime, SOFR, a bank's base rate) and their values by effective date.

A value applies from its effective date until the next value of the same index; firm-wide
reference data, like the parties directory.
"""

from decimal import Decimal

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from core.bounds import EARLIEST_DATE, LATEST_DATE, validate_law_date

MIN_RATE = Decimal("-100")
MAX_RATE = Decimal("100")
RATE_OUT_OF_RANGE = "Enter a rate between -100% and 100% a year."
RATE_INDEX_NAME_TAKEN = "An index with this name already exists."


def validate_rate(value: Decimal | None) -> None:
    if value is not None and not MIN_RATE <= value <= MAX_RATE:
        raise ValidationError(RATE_OUT_OF_RANGE, code="rate_out_of_range")


class IndexKind(models.TextChoices):
    PUBLISHED = "published", "Published benchmark"
    BANK = "bank", "A bank's own rate"
    CUSTOM = "custom", "Custom (set by the agreement)"


class RateUnit(models.TextChoices):
    PERCENT_PER_ANNUM = "percent_per_annum", "Percent per annum"


@pghistory.track()
class RateIndex(models.Model):
    """A named index a floating rate is set from, e.g. "Prime (WSJ)" or "SOFR"."""

    name = models.CharField(max_length=100, help_text='As agreements name it, e.g. "Prime (WSJ)"')
    kind = models.CharField(max_length=16, choices=IndexKind.choices, default=IndexKind.PUBLISHED)
    source = models.TextField(blank=True, help_text="Who publishes it and where the values come from")
    unit = models.CharField(
        max_length=20, choices=RateUnit.choices, default=RateUnit.PERCENT_PER_ANNUM, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "rate indexes"
        constraints = [
            models.UniqueConstraint(
                Lower("name"), name="rate_index_name_unique_ci",
                violation_error_message=RATE_INDEX_NAME_TAKEN,
            ),
            models.CheckConstraint(name="rate_index_name_not_blank", condition=~Q(name="")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("rates:detail", args=[self.pk])


@pghistory.track()
class RateValue(models.Model):
    """The index's rate from `effective_date` until the index's next value."""

    index = models.ForeignKey(RateIndex, on_delete=models.PROTECT, related_name="values")
    effective_date = models.DateField(validators=[validate_law_date])
    rate = models.DecimalField(
        max_digits=9, decimal_places=6, validators=[validate_rate], help_text="Percent per annum: 7.25 is 7.25%"
    )
    source_note = models.CharField(max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-effective_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["index", "effective_date"], name="rate_value_one_per_day"),
            models.CheckConstraint(
                name="rate_value_rate_in_range", condition=Q(rate__gte=MIN_RATE) & Q(rate__lte=MAX_RATE)
            ),
            models.CheckConstraint(
                name="rate_value_date_in_range",
                condition=Q(effective_date__gte=EARLIEST_DATE) & Q(effective_date__lte=LATEST_DATE),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.index}: {self.rate}% from {self.effective_date:%Y-%m-%d}"
