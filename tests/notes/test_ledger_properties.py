"""Properties of the ledger for any sequence of writes the services accept (Hypothesis)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from notes.interest import ledger
from notes.models import NoteTransaction
from notes.selectors import live_transactions, note_position, terms_of
from notes.services import note_transaction_record, note_transaction_void
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db
ISSUE = date(2025, 1, 1)
END = date(2026, 12, 31)

days = st.integers(min_value=0, max_value=700).map(lambda n: ISSUE + timedelta(days=n))
cents_amount = st.integers(min_value=1, max_value=150_000_00).map(lambda n: Decimal(n).scaleb(-2))
write = st.one_of(
    st.tuples(st.just("payment"), days, cents_amount),
    st.tuples(st.just("rate_change"), days, st.integers(min_value=0, max_value=30_000_000).map(lambda n: Decimal(n).scaleb(-6))),
    st.tuples(st.just("write_off"), days, st.none()),
    st.tuples(st.just("void"), st.integers(min_value=0, max_value=20), st.none()),
)
note_terms = st.fixed_dictionaries({
    "principal": st.integers(min_value=100_00, max_value=100_000_00).map(lambda n: Decimal(n).scaleb(-2)),
    "interest_rate": st.integers(min_value=0, max_value=30_000_000).map(lambda n: Decimal(n).scaleb(-6)),
    "day_count": st.sampled_from(["30/360", "30E/360", "ACT/360", "ACT/365F", "ACT/ACT"]),
})
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _void_nth(note, n, _):
    live = list(live_transactions(note)) or [None]
    return note_transaction_void(transaction=live[n % len(live)], reason="Test", by=None) if live[0] else None


WRITES = {
    "payment": lambda note, when, value: note_transaction_record(note=note, kind="payment", date=when, amount=value),
    "rate_change": lambda note, when, value: note_transaction_record(note=note, kind="rate_change", date=when, rate=value),
    "write_off": lambda note, when, _: note_transaction_record(note=note, kind="write_off", date=when),
    "void": _void_nth,
}


def ledger_rows(note):
    return list(NoteTransaction.objects.filter(note=note).order_by("pk").values_list(
        "pk", "voided_at", "interest_paid", "principal_paid"))


def apply(note, step):
    """One write through the services: the transaction written, or None when refused. A refusal
    must be a field error and change nothing."""
    kind, when, value = step
    before = ledger_rows(note)
    try:
        return WRITES[kind](note, when, value)
    except ValidationError as refused:
        assert refused.message_dict
        assert ledger_rows(note) == before
        return None


def principal_at_every_date(note):
    dates = sorted({t.date for t in live_transactions(note)} | {ISSUE, END})
    return [note_position(note, d).principal_outstanding for d in dates]


@SETTINGS
@given(terms=note_terms, steps=st.lists(write, max_size=8))
def test_principal_is_never_negative_and_stored_splits_match_the_ledger(matter, terms, steps):
    note = NoteFactory(matter=matter, issue_date=ISSUE, **terms)
    for step in steps:
        apply(note, step)
        assert min(principal_at_every_date(note)) >= 0
        stored = [(t.interest_paid, t.principal_paid) for t in live_transactions(note) if t.kind == "payment"]
        replayed = [(e.split.interest, e.split.principal) for e in ledger(terms_of(note), live_transactions(note))]
        assert stored == replayed


@SETTINGS
@given(terms=note_terms, paid_on=days, later=st.integers(min_value=1, max_value=2000))
def test_after_payoff_nothing_accrues(matter, terms, paid_on, later):
    note = NoteFactory(matter=matter, issue_date=ISSUE, **terms)
    payoff = note_position(note, paid_on).payoff_amount
    note_transaction_record(note=note, kind="payment", date=paid_on, amount=payoff)
    after = note_position(note, paid_on + timedelta(days=later))
    assert (after.principal_outstanding, after.accrued_interest, after.payoff_amount) == (0, 0, 0)


@SETTINGS
@given(terms=note_terms, steps=st.lists(write, max_size=5), last=write.filter(lambda s: s[0] != "void"))
def test_voiding_a_write_restores_the_previous_position_exactly(matter, terms, steps, last):
    note = NoteFactory(matter=matter, issue_date=ISSUE, **terms)
    for step in steps:
        apply(note, step)
    probe_dates = [ISSUE + timedelta(days=n) for n in range(0, 720, 45)]
    before = [note_position(note, d) for d in probe_dates]
    splits_before = list(live_transactions(note).values_list("pk", "interest_paid", "principal_paid"))
    recorded = apply(note, last)
    assume(recorded is not None)
    note_transaction_void(transaction=recorded, reason="Undo", by=None)
    assert [note_position(note, d) for d in probe_dates] == before
    assert list(live_transactions(note).values_list("pk", "interest_paid", "principal_paid")) == splits_before
