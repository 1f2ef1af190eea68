"""A snapshot resumed gives exactly the position the whole ledger gives (Hypothesis, no database)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from notes.interest import NoteTerms, position, position_from, snapshot

ISSUE = date(2025, 1, 1)
D = Decimal


@dataclass
class Txn:
    kind: str
    date: date
    amount: Decimal | None = None
    rate: Decimal | None = None


days = st.integers(min_value=0, max_value=500).map(lambda n: ISSUE + timedelta(days=n))
money = st.integers(min_value=1, max_value=5_000_00).map(lambda n: Decimal(n).scaleb(-2))
rate = st.integers(min_value=0, max_value=20_000_000).map(lambda n: Decimal(n).scaleb(-6))
entry = st.one_of(
    st.builds(Txn, st.just("payment"), days, money),
    st.builds(Txn, st.sampled_from(["advance", "repayment"]), days, money),
    st.builds(Txn, st.just("fee_charge"), days, money),
    st.builds(Txn, st.just("cost_charge"), days, money),
    st.builds(Txn, st.sampled_from(["default", "cure"]), days),
)
terms = st.builds(
    NoteTerms,
    principal=st.just(D("100000.00")), issue_date=st.just(ISSUE), interest_rate=rate,
    day_count=st.sampled_from(["30/360", "30E/360", "ACT/360", "ACT/365F", "ACT/ACT"]),
    facility=st.sampled_from(["term", "revolving", "delayed_draw"]), commitment=st.just(D("1000000.00")),
    availability_end=st.sampled_from([None, date(2025, 9, 30)]),
    rate_changes=st.lists(st.tuples(days, rate), max_size=6).map(lambda xs: tuple(sorted(dict(xs).items()))),
    default_spread=st.sampled_from([None, D("2")]), commitment_fee_rate=st.sampled_from([None, D("0.375")]),
    compounding_months=st.sampled_from([None, 1, 3]),
    fee_charges=st.sampled_from([(), ((ISSUE, D("500.00")), (date(2026, 1, 1), D("500.00")))]),
    premium_steps=st.sampled_from([(), (D("2"), D("1"))]), maturity_date=st.just(date(2027, 1, 1)),
    late_charge_percent=st.sampled_from([None, D("5")]), late_grace_days=st.just(10),
    installments=st.just(tuple((date(2025, m, 1), date(2025, m, 3)) for m in range(2, 13))),
)


@settings(max_examples=150, deadline=None)
@given(terms, st.lists(entry, max_size=25), st.integers(min_value=0, max_value=600))
def test_a_snapshot_resumed_is_the_ledger_replayed(note_terms, txns, ahead):
    ledger = sorted(txns, key=lambda t: t.date)
    snap = snapshot(note_terms, ledger)
    assert snap is not None
    as_of = snap.as_of + timedelta(days=ahead)
    resumed = position_from(note_terms, snap, as_of)
    assert resumed == position(note_terms, ledger, as_of)


def test_a_date_before_the_snapshot_is_not_resumed():
    note_terms = NoteTerms(principal=D("1000.00"), issue_date=ISSUE, interest_rate=D("10"), day_count="ACT/360")
    snap = snapshot(note_terms, [Txn("payment", date(2025, 3, 1), D("10.00"))])
    assert snap is not None and snap.as_of == date(2025, 3, 1)
    assert position_from(note_terms, snap, date(2025, 2, 28)) is None


def test_a_later_reset_finer_than_the_snapshots_units_is_not_resumed():
    coarse = NoteTerms(principal=D("1000.00"), issue_date=ISSUE, interest_rate=D("7.25"), day_count="ACT/360")
    snap = snapshot(coarse, [])
    assert snap is not None and snap.state["rate_places"] == 2
    finer = NoteTerms(principal=D("1000.00"), issue_date=ISSUE, interest_rate=D("7.25"), day_count="ACT/360",
                      rate_changes=((date(2025, 2, 1), D("7.123456")),))
    assert position_from(finer, snap, date(2025, 3, 1)) is None


def test_the_snapshot_is_valid_until_the_next_event_the_terms_add():
    # Compounding monthly from Jan 1: after a payment on Jan 20 the next event is the Feb 1 compounding.
    note_terms = NoteTerms(principal=D("1000.00"), issue_date=ISSUE, interest_rate=D("18"), day_count="30/360",
                           compounding_months=1)
    snap = snapshot(note_terms, [Txn("payment", date(2025, 1, 20), D("5.00"))])
    assert snap is not None and snap.valid_until == date(2025, 2, 1)
    plain = NoteTerms(principal=D("1000.00"), issue_date=ISSUE, interest_rate=D("18"), day_count="30/360")
    bare = snapshot(plain, [])
    assert bare is not None and bare.valid_until == ISSUE + timedelta(days=400)
