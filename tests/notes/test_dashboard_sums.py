"""The dashboard's sums in SQL over the snapshots give, to the cent, what the Python engine gives
note by note; notes the SQL cannot sum (stale, past their next event, too large for its integers)
are left to the engine and still counted once."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notes.dashboard import build
from notes.dashboard_sums import sums
from notes.models import Note, NoteSnapshot, NoteTransaction
from notes.money import Money
from notes.selectors import positions_for
from notes.services import note_transaction_record
from notes.snapshots import columns, snapshot_refresh
from tests.factories import MatterFactory
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db
D = Decimal

terms = st.fixed_dictionaries({
    "principal": st.decimals(min_value=D("100000.00"), max_value=D("50000000.00"), places=2),
    "interest_rate": st.decimals(min_value=D("0.0001"), max_value=D("25"), places=4),
    "day_count": st.sampled_from(["ACT/360", "ACT/365F", "ACT/ACT", "30/360", "30E/360"]),
    "issue_date": st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 1, 1)),
    "payments": st.lists(st.tuples(st.integers(1, 400), st.decimals(min_value=D("0.01"), max_value=D("20000"), places=2)),
                         max_size=3),
    "later": st.integers(0, 90),
})


def _make(matter, spec):
    note = NoteFactory(matter=matter, issuer=matter.client, principal=spec["principal"],
                       purchase_price=spec["principal"], interest_rate=spec["interest_rate"],
                       day_count=spec["day_count"], issue_date=spec["issue_date"], maturity_date=None)
    snapshot_refresh(note=note)
    day = spec["issue_date"]
    for gap, amount in spec["payments"]:
        day += timedelta(days=gap)
        note_transaction_record(note=note, kind="payment", date=day, amount=amount)
    return note, day + timedelta(days=spec["later"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(terms, min_size=1, max_size=4))
def test_the_sql_sums_equal_the_engines_positions_to_the_cent(specs):
    matter = MatterFactory()
    made = [_make(matter, spec) for spec in specs]
    as_of = max(day for _, day in made)
    result = sums(Note.objects.filter(matter=matter), as_of)
    fast = [note for note, _ in made if note.pk not in result.slow]
    positions = positions_for(Note.objects.filter(pk__in=[n.pk for n in fast]).select_related("matter"), as_of)
    totals = result.by_currency.get("USD")
    principal = sum((p.principal_outstanding for p in positions.values()), D(0))
    accrued = sum((Money(p.accrued_interest, "USD").amount for p in positions.values()), D(0))
    assert (totals.principal if totals else D(0), totals.accrued if totals else D(0)) == (principal, accrued)
    # A plain fixed-rate note's snapshot holds until its next event (none within 400 days): the note
    # whose last entry is nearest the as-of date is summed in SQL.
    assert max(made, key=lambda pair: pair[1])[0].pk not in result.slow


def test_a_note_too_large_for_the_sql_integers_is_summed_by_the_engine(client_as, cfo, matter):
    huge = NoteFactory(matter=matter, principal=D("9999999999999999.99"), purchase_price=None, interest_rate=D("99.5"),
                       day_count="ACT/360", issue_date=date(2025, 1, 1))
    snapshot_refresh(note=huge)
    stored = NoteSnapshot.objects.get(note=huge)
    assert not stored.summable
    assert columns(stored.state)["summable"] is False
    assert sums(Note.objects.filter(pk=huge.pk), date(2025, 3, 2)).slow == [huge.pk]
    # 9,999,999,999,999,999.99 x 99.5% x 60/360 = 1,658,333,333,333,333.33 (Jan 1 - Mar 2 is 60 days).
    board = build(Note.objects.filter(pk=huge.pk), date(2025, 3, 2))
    assert board.totals.by_currency["USD"].accrued.amount == D("1658333333333333.33")
    assert client_as(cfo).get("/notes/?as_of=2025-03-02").status_code == 200


def test_the_columns_are_the_states_figures_after_every_write(matter):
    note = NoteFactory(matter=matter, principal=D("250000.00"), interest_rate=D("7.125"), day_count="ACT/365F")
    note_transaction_record(note=note, kind="payment", date=date(2025, 4, 1), amount=D("10000.00"))
    stored = NoteSnapshot.objects.get(note=note)
    # Jan 1 - Apr 1 is 90 days: 250,000 x 7.125% x 90/365 = 4,392.12 interest, 5,607.88 principal.
    # The rate is kept in the common unit, 10**-6 percent: 7.125% is 7,125,000.
    assert (stored.state["principal"], stored.state["rate"], stored.state["rate_places"]) == (24439212, 7125000, 6)
    assert stored.slope == 24439212 * 7125000
    assert {name: getattr(stored, name) for name in columns(stored.state)} == columns(stored.state)
    assert stored.summable and stored.cursor == date(2025, 4, 1)
    NoteTransaction.objects.filter(note=note).update(amount=D("9000.00"))
    assert NoteSnapshot.objects.get(note=note).stale
    assert sums(Note.objects.filter(pk=note.pk), date(2025, 5, 1)).slow == [note.pk]
