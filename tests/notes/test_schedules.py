"""Amortization schedules: an annex's table or a generated one, its obligations, and what is past
due, with the arithmetic written out."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from deadlines.models import Obligation
from notes.facility_services import schedule_generate, schedule_replace
from notes.schedule import level_payment, level_principal, read_table
from notes.selectors import note_position, schedule_lines
from notes.services import note_transaction_record
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db
D = Decimal


def loan(matter, **extra):
    """$12,000 at 12%, 30/360, issued Jan 1, 2025, maturing Jan 1, 2026, paid monthly."""
    data = {"principal": D("12000.00"), "interest_rate": D("12"), "day_count": "30/360", "issue_date": date(2025, 1, 1),
            "maturity_date": date(2026, 1, 1), "payment_terms": "amortizing", **extra}
    return NoteFactory(matter=matter, **data)


def test_a_level_payment_schedule_computed_by_hand():
    # r = 12% / 12 = 1% a month; payment = 12,000 x 0.01 / (1 - 1.01^-12)
    #   1.01^12 = 1.126825030; 1 - 1/1.126825030 = 0.112550775; 120 / 0.112550775 = 1,066.1855 -> 1,066.19
    # Feb 1: interest 12,000.00 x 1% = 120.00, principal 1,066.19 - 120.00 = 946.19, balance 11,053.81
    # Mar 1: interest 11,053.81 x 1% = 110.5381 -> 110.54, principal 955.65, balance 10,098.16
    # Apr 1: interest 10,098.16 x 1% = 100.9816 -> 100.98, principal 965.21, balance 9,132.95
    # ... the last (Jan 1, 2026) takes the balance left, 1,055.58, with its interest 10.56.
    rows = level_payment(D("12000.00"), D("12"), date(2025, 2, 1), 1, 12)
    assert [(r.due_date, r.interest, r.principal) for r in rows[:3]] == [
        (date(2025, 2, 1), D("120.00"), D("946.19")), (date(2025, 3, 1), D("110.54"), D("955.65")),
        (date(2025, 4, 1), D("100.98"), D("965.21"))]
    assert (rows[-1].due_date, rows[-1].interest, rows[-1].principal) == (date(2026, 1, 1), D("10.56"), D("1055.58"))
    assert sum(r.principal for r in rows) == D("12000.00")
    assert all(r.interest + r.principal == D("1066.19") for r in rows[:-1])


def test_paying_the_level_payment_each_month_follows_the_table_to_the_cent(matter):
    note = loan(matter)
    schedule_generate(note=note, method="level_payment", first_date=date(2025, 2, 1), months=1, count=12)
    rows = level_payment(D("12000.00"), D("12"), date(2025, 2, 1), 1, 12)
    balance = D("12000.00")
    for row in rows:
        paid = note_transaction_record(note=note, kind="payment", date=row.due_date, amount=row.interest + row.principal)
        balance -= row.principal
        # 30/360 makes each month's interest exactly balance x 1%: the ledger splits as the table does.
        assert (paid.interest_paid, paid.principal_paid) == (row.interest, row.principal)
        assert note_position(note, row.due_date).principal_outstanding == balance
    assert balance == D("0.00")
    note.refresh_from_db()
    assert note.status == "repaid"


def test_a_missed_payment_is_past_due_and_each_date_is_an_obligation(matter):
    note = loan(matter)
    schedule_generate(note=note, method="level_principal", first_date=date(2025, 4, 1), months=3, count=4)
    # 12,000 / 4 = 3,000.00 on Apr 1, Jul 1, Oct 1 and Jan 1.
    keys = set(Obligation.objects.filter(source_id=note.pk, source_key__startswith="principal:").values_list("source_key", flat=True))
    assert keys == {"principal:2025-04-01", "principal:2025-07-01", "principal:2025-10-01", "principal:2026-01-01"}
    # Apr 1: 3,000 principal + Jan 1-Apr 1 interest 12,000 x 12% x 90/360 = 360.00
    note_transaction_record(note=note, kind="payment", date=date(2025, 4, 1), amount=D("3360.00"))
    assert note_position(note, date(2025, 7, 2)).scheduled_principal_past_due == D("3000.00")
    lines = schedule_lines(note, date(2025, 7, 2))
    assert [line.status for line in lines] == ["paid", "past_due", "scheduled", "scheduled"]
    # Projected from today on (the missed Jul 1 payment is not assumed made): Oct 1's interest is
    # Apr 1-Oct 1 on 9,000: 9,000 x 12% x 180/360 = 540.00.
    assert lines[2].interest == D("540.00")
    # Jan 1: after Oct 1's projected 3,000 of principal, 6,000 x 12% x 90/360 = 180.00
    assert lines[3].interest == D("180.00")


def test_an_annex_table_is_read_with_every_bad_line_named():
    rows, errors = read_table("Date,Principal\n2025-04-01,\"3,000.00\"\n07/01/2025\t$3,000.00\n2025-13-01,1\n2025-10-01,-5\n"
                              "2025-04-01,10\nnonsense\n")
    assert [(r.due_date, r.principal) for r in rows] == [(date(2025, 4, 1), D("3000.00")), (date(2025, 7, 1), D("3000.00"))]
    assert errors == [
        "Line 4: '2025-13-01' is not a date; use YYYY-MM-DD or MM/DD/YYYY.",
        "Line 5: '-5' is not a positive amount.",
        "Line 6: 2025-04-01 is already on line 2; one amount per date.",
        "Line 7: write a date and an amount, e.g. 2026-03-31,250000.00 (found: nonsense).",
    ]


def test_a_schedule_above_principal_or_outside_the_term_is_refused_and_nothing_changes(matter):
    note = loan(matter)
    schedule_replace(note=note, rows=level_principal(D("12000.00"), date(2025, 7, 1), 6, 2))
    with pytest.raises(ValidationError) as above:
        schedule_replace(note=note, rows=read_table("2025-06-30,12000.01")[0])
    assert above.value.message_dict["rows"] == ["The schedule's principal of 12,000.01 is more than the note's principal of 12,000.00."]
    with pytest.raises(ValidationError) as late:
        schedule_replace(note=note, rows=read_table("2026-01-02,1.00")[0])
    assert "after the maturity date (Jan 01, 2026)" in late.value.message_dict["rows"][0]
    assert list(note.scheduled_payments.values_list("principal", flat=True)) == [D("6000.00"), D("6000.00")]
    with pytest.raises(ValidationError) as balloon:
        schedule_generate(note=note, method="balloon", first_date=date(2025, 2, 1), months=1, count=12, amortize_over=6)
    assert "Amortize over more periods" in balloon.value.message_dict["amortize_over"][0]


def test_a_balloon_amortizes_over_the_longer_term_and_pays_the_rest_at_the_end():
    # Amortized over 24 months at 1%: payment = 12,000 x 0.01 / (1 - 1.01^-24) = 564.88; after 12
    # payments the balance left is paid at the 12th.
    rows = level_payment(D("12000.00"), D("12"), date(2025, 2, 1), 1, 12, amortize_over=24)
    assert rows[0].interest + rows[0].principal == D("564.88")
    assert rows[-1].principal > D("6000") and sum(r.principal for r in rows) == D("12000.00")


def test_the_schedule_through_the_api_and_the_page(matter, api_as, counsel, client_as, cfo):
    note = loan(matter)
    api = api_as(counsel)
    bad = api.post(f"/api/v1/notes/{note.pk}/schedule/", {"rows": "2025-04-01,abc"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["rows"] == ["Line 1: 'abc' is not a positive amount."]
    made = api.post(f"/api/v1/notes/{note.pk}/schedule/?as_of=2025-01-15",
                    {"method": "level_principal", "first_date": "2025-04-01", "months": 3, "count": 4}, format="json")
    assert made.status_code == 201, made.json()
    assert [(r["due_date"], r["principal"], r["status"]) for r in made.json()][:2] == [
        ("2025-04-01", "3000.00", "scheduled"), ("2025-07-01", "3000.00", "scheduled")]
    assert made.json()[0]["interest"] == "360.00"  # Jan 1-Apr 1: 12,000 x 12% x 90/360
    assert api_as(cfo).post(f"/api/v1/notes/{note.pk}/schedule/", {"rows": "2025-04-01,1"}, format="json").status_code == 403
    assert len(api_as(cfo).get(f"/api/v1/notes/{note.pk}/schedule/").json()) == 4
    page = client_as(counsel).post(f"/notes/{note.pk}/schedule/table/", {"table-rows": "2025-04-01,x", "table-kind": "amortization"})
    assert page.status_code == 400 and b"&#x27;x&#x27; is not a positive amount" in page.content
    saved = client_as(counsel).post(f"/notes/{note.pk}/schedule/table/",
                                    {"table-rows": "2025-06-30,5000\n2025-12-31,7000", "table-kind": "sinking_fund",
                                     "table-annex": "Annex A"})
    assert saved.status_code == 302
    assert list(note.scheduled_payments.values_list("kind", "principal", "source")) == [
        ("sinking_fund", D("5000.00"), "Annex A"), ("sinking_fund", D("7000.00"), "Annex A")]
    shown = client_as(cfo).get(f"/notes/{note.pk}/?as_of=2025-07-15")
    assert b'data-testid="past-due"' in shown.content and b"5,000.00" in shown.content
