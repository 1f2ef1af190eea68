"""A three-lender syndicate with an assignment: each lender's position, figured by hand, adds up
to the facility's to the cent."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from notes.facility_services import lenders_set
from notes.selectors import lender_positions, note_position
from notes.services import note_transaction_record, note_transaction_void
from notes.syndicate import allocate
from tests.factories import PartyFactory
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def syndicate(matter):
    """$1,000,000 at 10% Actual/360 from Jan 1, 2025; A 50%, B 30%, C 20%."""
    a, b, c = (PartyFactory(legal_name=f"Lender {x}") for x in "ABC")
    note = NoteFactory(matter=matter, principal=D("1000000.00"), interest_rate=D("10"), day_count="ACT/360")
    lenders_set(note=note, shares=[(a, D("50")), (b, D("30")), (c, D("20"))])
    return note, a, b, c


def figures(note, day):
    return {p.party.legal_name: (p.share, p.principal_outstanding, p.accrued_interest) for p in lender_positions(note, day)}


def test_three_lenders_with_an_assignment_each_get_their_days(syndicate):
    note, a, b, c = syndicate
    # Feb 1: A assigns 20% of the facility to C (A 30%, B 30%, C 40%).
    note_transaction_record(note=note, kind="assignment", date=date(2025, 2, 1), from_lender=a, new_holder=c, share=D("20"))
    # Interest 1,000,000 x 10% / 360 = 277.777778 a day.
    #   Jan 1-Feb 1, 31 days = 8,611.111111: A 50% 4,305.555556, B 30% 2,583.333333, C 20% 1,722.222222
    #   Feb 1-Mar 1, 28 days = 7,777.777778: A 30% 2,333.333333, B 30% 2,333.333333, C 40% 3,111.111111
    #   A 6,638.888889, B 4,916.666667, C 4,833.333333; facility 16,388.888889 -> 16,388.89
    # Largest remainder: floors 6,638.88 + 4,916.66 + 4,833.33 = 16,388.87; the 2 cents left go to
    # A (.8889) and B (.6667): A 6,638.89, B 4,916.67, C 4,833.33.
    assert figures(note, date(2025, 3, 1)) == {
        "Lender C": (D("40"), D("400000.00"), D("4833.33")),
        "Lender A": (D("30"), D("300000.00"), D("6638.89")),
        "Lender B": (D("30"), D("300000.00"), D("4916.67")),
    }
    facility = note_position(note, date(2025, 3, 1))
    assert sum(v[2] for v in figures(note, date(2025, 3, 1)).values()) == D("16388.89") == round(facility.accrued_interest, 2)
    # Paid in full on Mar 1; Mar 1-Apr 1, 31 days = 8,611.111111 on the new shares:
    # A 30% 2,583.333333, B 30% 2,583.333333, C 40% 3,444.444444. Floors add to 8,611.10; the cent
    # left goes to C (.4444): rounding each alone would give 8,611.10, a cent short.
    note_transaction_record(note=note, kind="payment", date=date(2025, 3, 1), amount=D("16388.89"))
    april = figures(note, date(2025, 4, 1))
    assert {name: v[2] for name, v in april.items()} == {"Lender A": D("2583.33"), "Lender B": D("2583.33"),
                                                         "Lender C": D("3444.45")}


def test_an_assignment_of_more_than_the_assignor_holds_is_refused(syndicate):
    note, a, b, c = syndicate
    with pytest.raises(ValidationError) as refused:
        note_transaction_record(note=note, kind="assignment", date=date(2025, 2, 1), from_lender=b, new_holder=c,
                                share=D("30.5"))
    assert refused.value.message_dict["share"] == ["On Feb 01, 2025 Lender B holds 30%: it cannot assign 30.5%."]
    first = note_transaction_record(note=note, kind="assignment", date=date(2025, 2, 1), from_lender=a, new_holder=c,
                                    share=D("20"))
    note_transaction_record(note=note, kind="assignment", date=date(2025, 3, 1), from_lender=c, new_holder=b,
                            share=D("40"))
    with pytest.raises(ValidationError) as void:  # C's Mar 1 assignment needs the 20% it got on Feb 1
        note_transaction_void(transaction=first, reason="wrong lender", by=None)
    assert "Lender C holds 20%: it cannot assign 40%" in void.value.message_dict["share"][0]


def test_lender_shares_must_add_up_to_100(matter):
    note = NoteFactory(matter=matter)
    a, b = PartyFactory(legal_name="Lender A"), PartyFactory(legal_name="Lender B")
    with pytest.raises(ValidationError) as refused:
        lenders_set(note=note, shares=[(a, D("60")), (b, D("30"))])
    assert refused.value.message_dict["lenders"] == ["The lenders' shares add up to 90%, not 100%."]
    with pytest.raises(ValidationError) as twice:
        lenders_set(note=note, shares=[(a, D("50")), (a, D("50"))])
    assert twice.value.message_dict["lenders"] == ["Lender A is listed twice."]


def test_largest_remainder_always_adds_up_to_the_rounded_total():
    thirds = allocate(D("100.00"), {1: D(1), 2: D(1), 3: D(1)}, [1, 2, 3])
    assert thirds == {1: D("33.34"), 2: D("33.33"), 3: D("33.33")}
    assert sum(allocate(D("0.05"), {1: D(3), 2: D(3), 3: D(4)}, [3, 1, 2]).values()) == D("0.05")


def test_the_position_api_lists_the_lenders(syndicate, api_as, counsel):
    note, a, b, c = syndicate
    body = api_as(counsel).get(f"/api/v1/notes/{note.pk}/position/?as_of=2025-01-02").json()
    # One day: 277.777778: A 138.888889, B 83.333333, C 55.555556 -> 138.89, 83.33, 55.56 (sum 277.78)
    assert body["lenders"] == [
        {"party": a.pk, "share": "50.000000", "principal_outstanding": "500000.00", "accrued_interest": "138.89",
         "accrued_fees": None},
        {"party": b.pk, "share": "30.000000", "principal_outstanding": "300000.00", "accrued_interest": "83.33",
         "accrued_fees": None},
        {"party": c.pk, "share": "20.000000", "principal_outstanding": "200000.00", "accrued_interest": "55.56",
         "accrued_fees": None},
    ]
    bad = api_as(counsel).post(f"/api/v1/notes/{note.pk}/lenders/",
                               {"lenders": [{"lender": a.pk, "share": "70"}, {"lender": b.pk, "share": "20"}]},
                               format="json")
    assert bad.status_code == 400 and bad.json() == {"lenders": ["The lenders' shares add up to 90%, not 100%."]}


def test_counsel_sets_the_lenders_on_the_page_and_the_cfo_reads_their_positions(matter, client_as, counsel, cfo):
    note = NoteFactory(matter=matter, principal=D("900000.00"), interest_rate=D("10"), day_count="ACT/360")
    a, b = PartyFactory(legal_name="Lender A"), PartyFactory(legal_name="Lender <B>")
    form = {"lenders-TOTAL_FORMS": "4", "lenders-INITIAL_FORMS": "0", "lenders-MIN_NUM_FORMS": "0",
            "lenders-MAX_NUM_FORMS": "50", "lenders-0-lender": a.pk, "lenders-0-share": "60",
            "lenders-1-lender": b.pk, "lenders-1-share": "30"}
    short = client_as(counsel).post(f"/notes/{note.pk}/lenders/", form)
    assert short.status_code == 400 and b"add up to 90%, not 100%" in short.content
    assert not note.lenders.exists()
    saved = client_as(counsel).post(f"/notes/{note.pk}/lenders/", {**form, "lenders-1-share": "40"})
    assert saved.status_code == 302
    page = client_as(cfo).get(f"/notes/{note.pk}/?as_of=2025-01-01").content.decode()
    assert "Lender &lt;B&gt;" in page and "360,000.00" in page and "540,000.00" in page
    assert client_as(cfo).post(f"/notes/{note.pk}/lenders/", form).status_code in (403, 404)
