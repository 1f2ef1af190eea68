"""Snapshots kept with the ledger: rebuilt by every write, marked stale by the database when
anything they were built from changes outside the services, checked and rebuilt by a command."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notes.daycount import weighted_days
from notes.interest import position
from notes.models import NoteSnapshot, NoteTransaction
from notes.selectors import live_transactions, note_position, terms_of
from notes.services import note_transaction_record, note_transaction_void, note_update
from rates.models import RateIndex, RateValue
from rates.services import rate_value_record
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db
D = Decimal


def replayed(note, as_of):
    return position(terms_of(note), list(live_transactions(note)), as_of)


def test_every_write_rebuilds_the_snapshot_and_it_gives_the_ledgers_figures(matter):
    note = NoteFactory(matter=matter, principal=D("100000.00"), interest_rate=D("12"), day_count="ACT/360")
    paid = note_transaction_record(note=note, kind="payment", date=date(2025, 3, 1), amount=D("5000.00"))
    snap = NoteSnapshot.objects.get(note=note)
    assert (snap.as_of, snap.stale) == (date(2025, 3, 1), False)
    # Jan 1 - Mar 1 is 59 days: 100,000 x 12% x 59/360 = 1,966.67 interest, 3,033.33 principal;
    # then to Jun 1 (92 days) on 96,966.67: 96,966.67 x 12% x 92/360 = 2,973.64.
    pos = note_position(note, date(2025, 6, 1))
    assert pos.principal_outstanding == D("96966.67")
    assert pos.accrued_interest.quantize(D("0.01")) == D("2973.64")
    assert pos == replayed(note, date(2025, 6, 1))
    note_transaction_void(transaction=paid, reason="Entered twice", by=None)
    assert NoteSnapshot.objects.get(note=note).as_of == date(2025, 1, 1)
    note_update(note=note, data={"interest_rate": D("10")}, by=None)
    assert note_position(note, date(2025, 6, 1)) == replayed(note, date(2025, 6, 1))
    assert note_position(note, date(2025, 6, 1)).current_rate == D("10")
    call_command("note_snapshots", "--check")


def test_a_change_made_outside_the_services_marks_the_snapshot_stale_and_is_never_read(matter):
    note = NoteFactory(matter=matter, principal=D("100000.00"), interest_rate=D("12"), day_count="ACT/360")
    note_transaction_record(note=note, kind="payment", date=date(2025, 3, 1), amount=D("5000.00"))
    NoteTransaction.objects.filter(note=note).update(amount=D("7000.00"))
    assert NoteSnapshot.objects.get(note=note).stale
    # Read from the ledger: 7,000 - 1,966.67 interest = 5,033.33 of principal.
    assert note_position(note, date(2025, 3, 1)).principal_outstanding == D("94966.67")
    with pytest.raises(CommandError, match="1 snapshots differ"):
        call_command("note_snapshots", "--check")
    call_command("note_snapshots", "--rebuild")
    assert not NoteSnapshot.objects.get(note=note).stale
    call_command("note_snapshots", "--check")


def test_a_new_index_value_marks_the_notes_on_it_stale_and_the_service_rebuilds_them(matter):
    index = RateIndex.objects.create(name="Snapshot Prime")
    RateValue.objects.create(index=index, effective_date=date(2024, 12, 1), rate=D("7.50"))
    note = NoteFactory(matter=matter, interest_rate=None, rate_index=index, spread=D("-1.00"), rate_floor=D("0"),
                       day_count="ACT/360", principal=D("100000.00"))
    note_transaction_record(note=note, kind="payment", date=date(2025, 2, 1), amount=D("1000.00"))
    RateValue.objects.create(index=index, effective_date=date(2025, 3, 1), rate=D("8.00"))
    assert NoteSnapshot.objects.get(note=note).stale
    rate_value_record(index=index, effective_date=date(2025, 4, 1), rate=D("8.25"), by=None)
    assert not NoteSnapshot.objects.get(note=note).stale
    # From Apr 1 the rate is 8.25% - 1.00% = 7.25%.
    assert note_position(note, date(2025, 5, 1)).current_rate == D("7.25")
    assert note_position(note, date(2025, 5, 1)) == replayed(note, date(2025, 5, 1))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dates(date(1999, 1, 1), date(2060, 12, 31)), st.integers(0, 4000),
       st.sampled_from(["30/360", "30E/360", "ACT/360", "ACT/365F", "ACT/ACT"]))
def test_the_day_count_in_sql_is_the_day_count_in_python(start, days, convention):
    end = start + timedelta(days=days)
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes_weighted_days(%s, %s, %s)", [start, end, convention])
        assert cursor.fetchone()[0] == weighted_days(start, end, convention)
