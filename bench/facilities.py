"""A revolving facility's position with 5,000 ledger entries on a floating index of 500 values:
time and queries replayed from the ledger and resumed from its snapshot (issue 12's target: under
20 ms), plus the same through positions_for."""

from datetime import date, timedelta
from decimal import Decimal

from bench.harness import measure, report
from matters.models import Matter
from notes.models import Facility, Note, NoteTransaction
from notes.selectors import note_position, positions_for
from notes.snapshots import snapshots_rebuild
from parties.models import Party
from rates.models import RateIndex, RateValue

START = date(2010, 1, 1)


def main() -> None:
    company = Party.objects.create(legal_name="Bench Borrower, Inc.")
    bank = Party.objects.create(legal_name="Bench Bank, N.A.")
    matter = Matter.objects.create(name="Bench facility", client=company)
    index = RateIndex.objects.create(name="Bench Prime")
    RateValue.objects.bulk_create(
        RateValue(index=index, effective_date=START + timedelta(days=7 * i), rate=Decimal("3") + Decimal(i % 40) / 8)
        for i in range(500)
    )
    note = Note.objects.create(
        matter=matter, issuer=company, holder=bank, principal=Decimal("50000000"), facility=Facility.REVOLVING,
        commitment=Decimal("50000000"), issue_date=START, maturity_date=date(2030, 1, 1), rate_index=index,
        spread=Decimal("-0.5"), rate_floor=Decimal("0"), day_count="ACT/360", commitment_fee_rate=Decimal("0.25"),
        status="outstanding",
    )
    entries = []
    for i in range(5000):
        day = START + timedelta(days=1 + i)
        kind = "advance" if i % 2 == 0 else "repayment"
        entries.append(NoteTransaction(note=note, kind=kind, date=day, amount=Decimal("10000.00")))
    NoteTransaction.objects.bulk_create(entries)
    as_of = date(2024, 1, 1)
    ms, queries, replayed = measure(lambda: note_position(note, as_of), repeat=5)
    report("revolver position replayed from the ledger", 5000, ms, queries)
    snapshots_rebuild(notes=[note])  # what every write through the services does
    ms, queries, resumed = measure(lambda: note_position(note, as_of), repeat=5)
    report("revolver position from its snapshot", 5000, ms, queries)
    assert resumed == replayed, (resumed, replayed)
    ms, queries, _ = measure(lambda: positions_for([note], as_of), repeat=5)
    report("the same through positions_for (dashboard path)", 5000, ms, queries)
