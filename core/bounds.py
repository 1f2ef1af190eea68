"""Bounds on what a user may type: dates the law counts and counts of days.

A date outside 1900-2200 is a typo, not a deal, and one such date used to break every calendar
feed of the matter (`date + timedelta` past year 9999). Every date a user can set, in a form or
through the API, goes through `validate_law_date`; every count of days through
`validate_day_count`. Errors are field errors, so pages show them next to the field and the API
answers 400 naming the field.
"""

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from rest_framework import serializers

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)
# A century of days: longer than any cure period, filing window or term a lawyer counts.
MAX_DAY_COUNT = 36_600

DATE_OUT_OF_RANGE = "Enter a date between 1 January 1900 and 31 December 2200."
DAY_COUNT_OUT_OF_RANGE = f"Enter a number of days between 0 and {MAX_DAY_COUNT:,}."


def validate_law_date(value: date | datetime | None) -> None:
    if value is None:
        return
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(DATE_OUT_OF_RANGE, code="date_out_of_range")


def validate_day_count(value: int | None) -> None:
    if value is not None and not 0 <= value <= MAX_DAY_COUNT:
        raise ValidationError(DAY_COUNT_OUT_OF_RANGE, code="day_count_out_of_range")


class BoundedDateField(serializers.DateField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(validate_law_date)


class BoundedDateTimeField(serializers.DateTimeField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(validate_law_date)


class BoundedModelSerializer(serializers.ModelSerializer):
    """Every model date and datetime in the API is bounded, whatever the model says."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: BoundedDateField,
        models.DateTimeField: BoundedDateTimeField,
    }


class BoundedDatesMixin:
    """For forms: every date and datetime field gets the 1900-2200 bound."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(validate_law_date)
