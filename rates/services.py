"""Every write to rate indexes and their values."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from rates import csv_import
from rates.models import RATE_INDEX_NAME_TAKEN, RateIndex, RateValue
from rates.signals import index_values_changed

INDEX_FIELDS = ("name", "kind", "source")
NAME_TAKEN = RATE_INDEX_NAME_TAKEN
DATE_JUST_RECORDED = "A value for this date was recorded at the same moment; reload and try again."


def _user(by: Any) -> Any:
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def _check_name(index: RateIndex) -> None:
    same = RateIndex.objects.filter(name__iexact=index.name.strip()).exclude(pk=index.pk)
    if same.exists():
        raise ValidationError({"name": NAME_TAKEN})


def _save_index(index: RateIndex, data: dict[str, Any]) -> RateIndex:
    for field in INDEX_FIELDS:
        if field in data:
            setattr(index, field, data[field].strip() if isinstance(data[field], str) else data[field])
    _check_name(index)
    index.full_clean(validate_constraints=False)
    _save(index, constraint="rate_index_name_unique_ci", field="name", message=NAME_TAKEN)
    return index


def _save(record: Any, *, constraint: str, field: str, message: str) -> None:
    """Save; a unique constraint another request won a moment ago is a field error, not a 500."""
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as exc:
        if constraint in str(exc):
            raise ValidationError({field: message}) from exc
        raise


@transaction.atomic
def rate_index_create(*, data: dict[str, Any], by: Any) -> RateIndex:
    return _save_index(RateIndex(created_by=_user(by)), data)


@transaction.atomic
def rate_index_update(*, index: RateIndex, data: dict[str, Any]) -> RateIndex:
    return _save_index(index, data)


@transaction.atomic
def rate_value_record(
    *, index: RateIndex, effective_date: date, rate: Decimal, source_note: str = "", by: Any
) -> RateValue:
    """Record the index's rate from a date. A date already recorded is updated (the old rate
    stays in the history); recording the same rate again changes nothing."""
    value = _recorded(index, effective_date) or RateValue(index=index, effective_date=effective_date)
    if value.pk is not None and value.rate == rate and value.source_note == source_note:
        return value
    value.rate, value.source_note = rate, source_note
    value.recorded_by, value.recorded_at = _user(by), timezone.now()
    value.full_clean(validate_unique=False, validate_constraints=False)
    _save(value, constraint="rate_value_one_per_day", field="effective_date", message=DATE_JUST_RECORDED)
    index_values_changed.send(sender=RateIndex, index=index, since=effective_date)
    return value


def _lock(index: RateIndex) -> None:
    """Writes of one index's values take turns: a record and an import never race on a date."""
    RateIndex.objects.select_for_update().filter(pk=index.pk).first()


def _recorded(index: RateIndex, effective_date: date) -> RateValue | None:
    _lock(index)
    return RateValue.objects.select_for_update().filter(index=index, effective_date=effective_date).first()


@transaction.atomic
def rate_value_delete(*, value: RateValue) -> None:
    _lock(value.index)
    value.delete()
    index_values_changed.send(sender=RateIndex, index=value.index, since=value.effective_date)


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int


@transaction.atomic
def rate_values_import(*, index: RateIndex, file: UploadedFile, by: Any, source_note: str = "") -> ImportResult:
    """Every line of a `date,rate` CSV, or nothing: one bad line imports nothing. Dates already
    recorded take the file's rate (an update in the history)."""
    rows = csv_import.read_rows(file)
    _lock(index)
    existing = {
        value.effective_date: value
        for value in RateValue.objects.filter(index=index, effective_date__in=[row.effective_date for row in rows])
    }
    now, user = timezone.now(), _user(by)
    note = source_note or f"Imported from {file.name}"[:255]
    new = [
        RateValue(index=index, effective_date=row.effective_date, rate=row.rate, source_note=note,
                  recorded_by=user, recorded_at=now)
        for row in rows if row.effective_date not in existing
    ]
    changed = []
    for row in rows:
        value = existing.get(row.effective_date)
        if value is not None and value.rate != row.rate:
            value.rate, value.source_note, value.recorded_by, value.recorded_at = row.rate, note, user, now
            changed.append(value)
    RateValue.objects.bulk_create(new, batch_size=2000)
    RateValue.objects.bulk_update(changed, ["rate", "source_note", "recorded_by", "recorded_at"], batch_size=2000)
    if new or changed:
        since = min(value.effective_date for value in [*new, *changed])
        index_values_changed.send(sender=RateIndex, index=index, since=since)
    return ImportResult(added=len(new), changed=len(changed), unchanged=len(rows) - len(new) - len(changed))
