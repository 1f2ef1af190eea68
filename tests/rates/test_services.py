from datetime import date
from decimal import Decimal

import pghistory.models
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from rates import csv_import, services
from rates.models import RateValue
from rates.services import (
    NAME_TAKEN,
    rate_index_create,
    rate_index_update,
    rate_value_delete,
    rate_value_record,
    rate_values_import,
)
from tests.rates.factories import RateIndexFactory, RateValueFactory

pytestmark = pytest.mark.django_db
D = Decimal


def csv_file(text: str, name: str = "prime.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_an_index_name_is_unique_whatever_its_case(counsel):
    rate_index_create(data={"name": "Prime (WSJ)", "kind": "published"}, by=counsel)
    with pytest.raises(ValidationError) as refused:
        rate_index_create(data={"name": "prime (wsj) ", "kind": "published"}, by=counsel)
    assert refused.value.message_dict == {"name": [NAME_TAKEN]}


def test_a_name_taken_by_another_request_at_the_same_moment_is_a_field_error(counsel, monkeypatch):
    rate_index_create(data={"name": "SOFR", "kind": "published"}, by=counsel)
    monkeypatch.setattr(services, "_check_name", lambda index: None)  # lost the race
    with pytest.raises(ValidationError) as refused:
        rate_index_create(data={"name": "sofr", "kind": "published"}, by=counsel)
    assert refused.value.message_dict == {"name": [NAME_TAKEN]}


def test_an_index_keeps_who_created_it_and_can_be_renamed(counsel):
    index = rate_index_create(data={"name": "Bank base rate", "kind": "bank"}, by=counsel)
    rate_index_update(index=index, data={"name": "First Bank base rate"})
    index.refresh_from_db()
    assert (index.name, index.created_by) == ("First Bank base rate", counsel)


def test_recording_a_date_again_updates_the_value_and_the_history_keeps_the_old_rate(counsel):
    index = RateIndexFactory()
    first = rate_value_record(index=index, effective_date=date(2024, 9, 19), rate=D("8.25"), by=counsel)
    second = rate_value_record(index=index, effective_date=date(2024, 9, 19), rate=D("8.00"), by=counsel)
    assert second.pk == first.pk
    assert RateValue.objects.get(pk=first.pk).rate == D("8.00")
    events = pghistory.models.Events.objects.tracks(first).order_by("pgh_created_at", "pgh_id")
    assert [(e.pgh_label, e.pgh_data["rate"]) for e in events] == [("insert", 8.25), ("update", 8.0)]


def test_a_date_recorded_by_another_request_at_the_same_moment_is_a_field_error(counsel, monkeypatch):
    index = RateIndexFactory()
    rate_value_record(index=index, effective_date=date(2024, 9, 19), rate=D("8.00"), by=counsel)
    monkeypatch.setattr(services, "_recorded", lambda index, effective_date: None)  # lost the race
    with pytest.raises(ValidationError) as refused:
        rate_value_record(index=index, effective_date=date(2024, 9, 19), rate=D("8.25"), by=counsel)
    assert refused.value.message_dict == {"effective_date": [services.DATE_JUST_RECORDED]}
    assert index.values.get().rate == D("8.00")


def test_recording_the_same_rate_again_writes_no_history(counsel):
    index = RateIndexFactory()
    value = rate_value_record(index=index, effective_date=date(2024, 9, 19), rate=D("8.00"), by=counsel)
    rate_value_record(index=index, effective_date=date(2024, 9, 19), rate=D("8.00"), by=counsel)
    assert pghistory.models.Events.objects.tracks(value).count() == 1


def test_a_rate_above_100_percent_is_refused_at_the_rate(counsel):
    with pytest.raises(ValidationError) as refused:
        rate_value_record(index=RateIndexFactory(), effective_date=date(2024, 1, 2), rate=D("125"), by=counsel)
    assert list(refused.value.message_dict) == ["rate"]


def test_a_date_in_year_2300_is_refused_at_the_date(counsel):
    with pytest.raises(ValidationError) as refused:
        rate_value_record(index=RateIndexFactory(), effective_date=date(2300, 1, 2), rate=D("5"), by=counsel)
    assert list(refused.value.message_dict) == ["effective_date"]


def test_a_deleted_value_stays_in_the_history():
    value = RateValueFactory()
    pk = value.pk
    rate_value_delete(value=value)
    assert not RateValue.objects.exists()
    events = apps.get_model("rates", "RateValueEvent").objects.filter(pgh_obj_id=pk).order_by("pgh_id")
    assert [(e.pgh_label, e.rate) for e in events] == [("insert", D("8.50")), ("delete", D("8.50"))]


def test_an_import_reads_iso_and_us_dates_with_or_without_percent_signs(counsel):
    index = RateIndexFactory()
    result = rate_values_import(
        index=index, by=counsel,
        file=csv_file("\ufeffDate,Rate\n2024-09-19,8.00\n11/8/2024,7.75%\n\n12/19/2024, 7.5 %\n"),
    )
    assert (result.added, result.changed, result.unchanged) == (3, 0, 0)
    assert list(index.values.order_by("effective_date").values_list("effective_date", "rate", "source_note")) == [
        (date(2024, 9, 19), D("8.000000"), "Imported from prime.csv"),
        (date(2024, 11, 8), D("7.750000"), "Imported from prime.csv"),
        (date(2024, 12, 19), D("7.500000"), "Imported from prime.csv"),
    ]


def test_an_import_updates_recorded_dates_and_counts_unchanged_ones(counsel):
    index = RateIndexFactory()
    RateValueFactory(index=index, effective_date=date(2024, 9, 19), rate=D("8.25"))
    RateValueFactory(index=index, effective_date=date(2024, 11, 8), rate=D("7.75"))
    result = rate_values_import(index=index, by=counsel, file=csv_file("date,rate\n2024-09-19,8\n2024-11-08,7.75\n"))
    assert (result.added, result.changed, result.unchanged) == (0, 1, 1)
    assert index.values.get(effective_date=date(2024, 9, 19)).rate == D("8")


def test_one_bad_line_imports_nothing_and_every_bad_line_is_named(counsel):
    index = RateIndexFactory()
    text = (
        "date,rate\n2024-09-19,8.00\n2024-13-01,8.00\n2024-11-08,seven\n2024-12-19,7.50,extra\n"
        "2024-09-19,8.10\n2301-01-01,5\n2025-01-02,150\n2025-01-03,5.1234567\n"
    )
    with pytest.raises(ValidationError) as refused:
        rate_values_import(index=index, by=counsel, file=csv_file(text))
    assert refused.value.message_dict == {"file": [
        "Line 3: '2024-13-01' is not a date; use YYYY-MM-DD or MM/DD/YYYY.",
        "Line 4: 'seven' is not a rate; write percent a year, e.g. 7.25 or 7.25%.",
        "Line 5: expected 2 values (date,rate), found 3.",
        "Line 6: 2024-09-19 is already on line 2; one value per date.",
        "Line 7: 2301-01-01 is outside 1900-01-01..2200-12-31.",
        "Line 8: 150 is outside -100%..100%.",
        "Line 9: 5.1234567 has more than 6 decimal places.",
    ]}
    assert not RateValue.objects.exists()


def test_an_import_without_the_header_is_refused():
    with pytest.raises(ValidationError) as refused:
        rate_values_import(index=RateIndexFactory(), by=None, file=csv_file("2024-09-19,8.00\n"))
    assert refused.value.message_dict == {
        "file": ["Line 1: the first line must be the header date,rate (found: 2024-09-19,8.00)."]
    }


def test_an_import_of_more_than_20000_lines_is_refused_and_imports_nothing():
    lines = "".join(f"{date.fromordinal(730000 + n).isoformat()},5\n" for n in range(20_000))
    with pytest.raises(ValidationError) as refused:
        rate_values_import(index=RateIndexFactory(), by=None, file=csv_file("date,rate\n" + lines))
    assert refused.value.message_dict == {"file": [csv_import.TOO_MANY_LINES]}
    assert not RateValue.objects.exists()


def test_an_import_of_exactly_20000_lines_is_accepted():
    lines = "".join(f"{date.fromordinal(730000 + n).isoformat()},5\n" for n in range(19_999))
    result = rate_values_import(index=RateIndexFactory(), by=None, file=csv_file("date,rate\n" + lines))
    assert result.added == 19_999


def test_an_import_larger_than_the_size_limit_is_refused():
    padding = "date,rate\n" + "#" * (csv_import.MAX_BYTES + 1)
    with pytest.raises(ValidationError) as refused:
        rate_values_import(index=RateIndexFactory(), by=None, file=csv_file(padding))
    assert refused.value.message_dict == {"file": [csv_import.FILE_TOO_LARGE]}


def test_a_file_that_is_not_utf8_text_is_refused():
    upload = SimpleUploadedFile("prime.csv", b"date,rate\n\xff\xfe2024", content_type="text/csv")
    with pytest.raises(ValidationError) as refused:
        rate_values_import(index=RateIndexFactory(), by=None, file=upload)
    assert refused.value.message_dict == {"file": [csv_import.NOT_TEXT]}


def test_a_file_with_many_bad_lines_lists_the_first_fifty_and_counts_the_rest():
    lines = "".join(f"bad{n},5\n" for n in range(60))
    with pytest.raises(ValidationError) as refused:
        rate_values_import(index=RateIndexFactory(), by=None, file=csv_file("date,rate\n" + lines))
    errors = refused.value.message_dict["file"]
    assert (len(errors), errors[0], errors[-1]) == (
        51, "Line 2: 'bad0' is not a date; use YYYY-MM-DD or MM/DD/YYYY.", "... and 10 more errors."
    )
