from datetime import date, timedelta
from decimal import Decimal

import pytest

from notes.models import NoteTransaction
from notes.money import Money
from tests.factories import PartyFactory
from tests.notes.factories import NoteFactory
from tests.notes.queries import page_queries

pytestmark = pytest.mark.django_db


def _notes(matter, count):
    holders = PartyFactory.create_batch(3)
    for i in range(count):
        note = NoteFactory(matter=matter, holder=holders[i % 3], maturity_date=date(2026, 1, 1) + timedelta(days=30 * (i % 20)))
        NoteTransaction.objects.create(note=note, kind="payment", date=date(2025, 3, 1), amount=Decimal("1000"))



def test_the_dashboard_and_notes_list_run_the_same_queries_for_3_and_40_notes(client_as, cfo, matter):
    client = client_as(cfo)
    _notes(matter, 3)
    few = (page_queries(client, "/notes/?as_of=2025-06-01"), page_queries(client, f"/notes/matter/{matter.pk}/"))
    _notes(matter, 37)
    many = (page_queries(client, "/notes/?as_of=2025-06-01"), page_queries(client, f"/notes/matter/{matter.pk}/"))
    assert many == few
    # The page of ids and their count are two queries, never every id; what is due in 30 days two more.
    assert max(many) <= 18


def test_the_dashboard_totals_are_recomputed_as_of_any_date(client_as, cfo, matter):
    NoteFactory(matter=matter, principal=Decimal("100000"))
    client = client_as(cfo)
    at_issue = client.get("/notes/?as_of=2025-01-01").context["board"].totals
    later = client.get("/notes/?as_of=2025-04-01").context["board"].totals
    assert (at_issue["USD"].principal, at_issue["USD"].accrued) == (Money(Decimal("100000"), "USD"), Money(Decimal(0), "USD"))
    assert later["USD"].accrued == Money(Decimal("2958.90"), "USD")


def test_the_cfo_lands_on_the_dashboard_and_exports_it(client_as, cfo, matter):
    NoteFactory(matter=matter, title="Note A")
    client = client_as(cfo)
    assert client.get("/")["Location"] == "/notes/"
    csv_text = client.post("/notes/export.csv", {"as_of": "2025-04-01"}).content.decode()
    assert "Note A" in csv_text
    assert "2958.90" in csv_text
    xlsx = client.post("/notes/export.xlsx", {"as_of": "2025-04-01"})
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_the_cfo_cannot_open_or_post_any_note_form(client_as, cfo, matter):
    note = NoteFactory(matter=matter)
    client = client_as(cfo)
    assert client.get(f"/notes/{note.pk}/").status_code == 200
    assert client.get(f"/notes/{note.pk}/edit/").status_code == 403
    assert client.post(f"/notes/{note.pk}/transactions/", {"kind": "payment", "date": "2025-02-01", "amount": "5"}).status_code == 403
    assert client.get(f"/notes/matter/{matter.pk}/new/").status_code == 403


def test_a_bad_payment_on_the_page_shows_the_error_at_the_field(client_as, counsel, matter):
    note = NoteFactory(matter=matter)
    response = client_as(counsel).post(f"/notes/{note.pk}/transactions/", {"kind": "payment", "date": "2024-12-01", "amount": "5"})
    assert response.status_code == 400
    assert "date" in response.context["form"].errors
    assert NoteTransaction.objects.count() == 0


def test_the_seed_note_is_flagged_for_usury_review_and_shows_its_discount(client_as, counsel):
    from django.core.management import call_command

    from accounts.models import User
    from notes.models import Note

    call_command("load_demo", verbosity=0)
    note = Note.objects.get(title__startswith="Exhibit A")
    page = client_as(User.objects.get(username="counsel")).get(f"/notes/{note.pk}/").content.decode()
    assert "99,500.00 (19.88% of the cash advanced)" in page
    assert "Review with counsel" in page
    assert page.count("not recorded") >= 3


def test_each_dashboard_figure_links_to_the_notes_behind_it(client_as, cfo, matter):
    alpha, beta = PartyFactory(legal_name="Alpha Fund LP"), PartyFactory(legal_name="Beta Capital LLC")
    NoteFactory(matter=matter, title="Alpha 1", holder=alpha, principal=Decimal("100000"), maturity_date=date(2025, 7, 15))
    NoteFactory(matter=matter, title="Alpha 2", holder=alpha, principal=Decimal("50000"), maturity_date=None)
    NoteFactory(matter=matter, title="Beta 1", holder=beta, principal=Decimal("25000"), maturity_date=date(2025, 8, 1))
    client = client_as(cfo)
    page = client.get("/notes/?as_of=2025-06-01")
    holder_url = dict((g.name, url) for g, url in page.context["holders"])["Alpha Fund LP"]
    assert f'href="{holder_url.replace("&", "&amp;")}"' in page.content.decode()
    by_holder = client.get("/notes/" + holder_url.split("#")[0])
    assert [r.note.title for r in by_holder.context["page"]] == ["Alpha 1", "Alpha 2"]
    assert by_holder.context["board"].totals["USD"].principal == Money(Decimal("150000"), "USD")

    [(currency, months, _)] = page.context["ladders"]
    july = next(url for month, amount, _, url in months if month == date(2025, 7, 1))
    in_july = client.get("/notes/" + july.split("#")[0])
    assert [r.note.title for r in in_july.context["page"]] == ["Alpha 1"]
    assert in_july.context["board"].totals["USD"].principal == Money(Decimal("100000"), "USD")

    not_recorded = client.get("/notes/" + page.context["not_recorded_url"].split("#")[0])
    assert [r.note.title for r in not_recorded.context["page"]] == ["Alpha 2"]
    assert not_recorded.context["board"].totals["USD"].principal == page.context["board"].maturity_not_recorded["USD"]


def test_the_holder_filter_offers_only_parties_on_notes_the_user_may_see(client_as, cfo, matter):
    from tests.factories import MatterFactory

    NoteFactory(matter=matter, holder=PartyFactory(legal_name="Visible Holder LLC"))
    NoteFactory(matter=MatterFactory(), holder=PartyFactory(legal_name="Someone Else's Holder Inc."))
    page = client_as(cfo).get("/notes/").content.decode()
    assert "Visible Holder LLC" in page
    assert "Someone Else" not in page


def test_the_dashboard_pages_its_rows_but_totals_every_note(client_as, cfo, matter, monkeypatch):
    monkeypatch.setattr("notes.views.PAGE_SIZE", 3)
    holder = PartyFactory()
    for i in range(7):
        NoteFactory(matter=matter, holder=holder, title=f"Note {i}", principal=Decimal("1000"), maturity_date=date(2026, 1, 1 + i))
    client = client_as(cfo)
    first = client.get(f"/notes/?as_of=2025-06-01&holder={holder.pk}")
    last = client.get(f"/notes/?as_of=2025-06-01&holder={holder.pk}&page=3")
    beyond = client.get(f"/notes/?as_of=2025-06-01&holder={holder.pk}&page=abc")
    assert [r.note.title for r in first.context["page"]] == ["Note 0", "Note 1", "Note 2"]
    assert [r.note.title for r in last.context["page"]] == ["Note 6"]
    assert beyond.status_code == 200
    assert first.context["board"].totals["USD"].principal == last.context["board"].totals["USD"].principal == Money(Decimal("7000"), "USD")
    assert f"holder={holder.pk}&page=2#notes" in first.content.decode()


def test_a_matters_notes_list_is_paged(client_as, counsel, matter, monkeypatch):
    monkeypatch.setattr("notes.views.PAGE_SIZE", 2)
    for i in range(3):
        NoteFactory(matter=matter, title=f"Note {i}", maturity_date=date(2026, 1, 1 + i))
    client = client_as(counsel)
    first = client.get(f"/notes/matter/{matter.pk}/")
    second = client.get(f"/notes/matter/{matter.pk}/?page=2")
    assert [n.title for n in first.context["page"]] == ["Note 0", "Note 1"]
    assert [n.title for n in second.context["page"]] == ["Note 2"]
    assert "page=2" in first.content.decode()


def test_a_note_in_default_warns_until_the_default_rate_is_applied(client_as, counsel, matter):
    note = NoteFactory(matter=matter, status="in_default", default_rate=Decimal("16"))
    client = client_as(counsel)
    assert 'data-testid="default-rate-not-applied"' in client.get(f"/notes/{note.pk}/").content.decode()
    NoteTransaction.objects.create(note=note, kind="rate_change", date=date(2025, 6, 1), rate=Decimal("16"))
    page = client.get(f"/notes/{note.pk}/?as_of=2025-07-01")
    assert 'data-testid="default-rate-not-applied"' not in page.content.decode()
    assert page.context["position"].accrued_interest > Decimal("100000") * Decimal("0.12") * 181 / 365
