from datetime import date

import pghistory
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import (
    BigIntegerRangeField,
    DateRangeField,
    RangeBoundary,
    RangeOperators,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Func, Q
from django.db.models.functions import Upper
from django.urls import reverse

from parties.zones import is_us, validate_time_zone, zone_for, zone_label

ADDRESS_UNTIL_BEFORE_FROM = "Effective until cannot be before effective from."


class PartyKind(models.TextChoices):
    ORGANIZATION = "organization", "Organization"
    INDIVIDUAL = "individual", "Individual"


@pghistory.track()
class Party(models.Model):
    """A company or person that signs, receives notices or holds notes. A shared directory."""

    kind = models.CharField(max_length=16, choices=PartyKind.choices, default=PartyKind.ORGANIZATION)
    legal_name = models.CharField(max_length=255)
    entity_type = models.CharField(max_length=100, blank=True, help_text="e.g. corporation, LLC")
    jurisdiction = models.CharField(
        max_length=100, blank=True, help_text="Jurisdiction of organization, e.g. Delaware"
    )
    organizational_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "parties"
        ordering = ["legal_name", "id"]
        indexes = [models.Index(Upper("legal_name"), name="party_upper_name")]
        constraints = [
            models.CheckConstraint(name="party_legal_name_not_blank", condition=~Q(legal_name="")),
        ]

    def __str__(self) -> str:
        return self.legal_name

    def get_absolute_url(self) -> str:
        return reverse("parties:detail", args=[self.pk])

    @property
    def description(self) -> str:
        bits = [b for b in (self.jurisdiction, self.entity_type) if b]
        return ", a " + " ".join(bits) if bits and self.kind == PartyKind.ORGANIZATION else ""


class DateRangeFunc(Func):
    function = "DATERANGE"
    output_field = DateRangeField()


class SingletonRange(Func):
    """`int8range(x, x, '[]')`: lets a GiST exclusion constraint compare a foreign key for
    equality without the btree_gist extension (not every PostgreSQL build ships it)."""

    function = "INT8RANGE"
    template = "%(function)s(%(expressions)s, %(expressions)s, '[]')"
    output_field = BigIntegerRangeField()


@pghistory.track()
class NoticeAddress(models.Model):
    """Where a party receives formal notices, from one date until it is superseded."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="notice_addresses")
    attention = models.CharField(max_length=255, blank=True, help_text="Attention line")
    care_of = models.CharField(
        max_length=255, blank=True, help_text="The c/o line exactly as the agreement writes it"
    )
    care_of_party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The party in whose care notices are sent (c/o), if in the directory",
    )
    street_lines = models.TextField(help_text="One street line per line")
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=100, default="United States")
    phone = models.CharField(max_length=40, blank=True)
    fax = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    time_zone = models.CharField(
        max_length=64, blank=True, validators=[validate_time_zone],
        help_text="Where notices are received: deemed-given moments are read here. Empty: from the country and state",
    )
    effective_from = models.DateField()
    effective_until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_from", "-id"]
        constraints = [
            models.CheckConstraint(
                name="notice_address_until_after_from",
                condition=Q(effective_until__isnull=True)
                | Q(effective_until__gte=models.F("effective_from")),
            ),
            # One address in effect per party on any day.
            ExclusionConstraint(
                name="notice_address_no_overlap",
                expressions=[
                    (SingletonRange("party"), RangeOperators.OVERLAPS),
                    (
                        DateRangeFunc(
                            "effective_from", "effective_until", RangeBoundary(True, True)
                        ),
                        RangeOperators.OVERLAPS,
                    ),
                ],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party}: {self.one_line}"

    def clean(self) -> None:
        if self.effective_until and self.effective_from and self.effective_until < self.effective_from:
            raise ValidationError({"effective_until": ADDRESS_UNTIL_BEFORE_FROM})

    @property
    def lines(self) -> list[str]:
        lines = [self.party.legal_name]
        if self.care_of or self.care_of_party_id:
            lines.append(f"c/o {self.care_of or self.care_of_party}")
        if self.attention:
            lines.append(f"Attention: {self.attention}")
        lines += [line for line in self.street_lines.splitlines() if line.strip()]
        city_line = ", ".join(b for b in (self.city, " ".join(filter(None, (self.state, self.postal_code)))) if b)
        lines.append(city_line)
        if self.country and self.country != "United States":
            lines.append(self.country)
        return lines

    @property
    def zone_name(self) -> str:
        return self.time_zone or zone_for(country=self.country, state=self.state)

    @property
    def zone_label(self) -> str:
        return zone_label(self.zone_name)

    @property
    def in_united_states(self) -> bool:
        return is_us(self.country)

    @property
    def one_line(self) -> str:
        return ", ".join(self.lines[1:])

    def in_effect_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_until is None or day <= self.effective_until)


@pghistory.track()
class Person(models.Model):
    """A person who acts for a party: an officer, a signatory, a contact."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=255)
    title = models.CharField(max_length=255, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_signatory = models.BooleanField(default=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "people"
        constraints = [models.CheckConstraint(name="person_name_not_blank", condition=~Q(name=""))]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name
