"""The CFO's home (the dashboard): its as-of date said on every figure, credit-line usage, and
what falls due in the 30 days from the as-of date, in a fixed number of queries."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine

from deadlines.models import ObligationStatus
from notes.models import NoteTransaction
from notes.services import note_obligations_sync
from tests.deadlines.factories import ObligationFactory
from tests.factories import MatterFactory, PartyFactory
from tests.notes.factories import NoteFactory
from tests.notes.queries import page_queries

pytestmark = pytest.mark.django_db


def _interest_note(matter, title="Quarterly note"):
    note = NoteFactory(matter=matter, title=title, payment_terms="periodic_interest", payment_frequency_months=3,
                       maturity_date=date(2027, 1, 1))
    note_obligations_sync(note=note)
    return note


def test_the_as_of_date_heads_the_page_and_every_figure_block(client_as, cfo, matter):
    NoteFactory(matter=matter)
    html = client_as(cfo).get("/notes/?as_of=2026-12-07").content.decode()
    assert 'data-testid="figures-as-of">Figures as of 7 December 2026</h2>' in html
    # Four totals cards, the ladder, by holder, by issuer.
    assert html.count('data-testid="as-of-note"') == 7
    assert html.count("as of 7 December 2026") >= 8
    # The heading and figures that were there stay.
    assert "What is owed, to whom, and when" in html and "Outstanding principal" in html


def test_credit_lines_show_commitment_drawn_available_and_a_usage_bar(client_as, cfo, matter):
    line = NoteFactory(matter=matter, facility="revolving", commitment=Decimal("1000000"), principal=Decimal("1000000"),
                       maturity_date=date(2028, 1, 1))
    NoteTransaction.objects.create(note=line, kind="funding", date=date(2025, 1, 1), amount=Decimal("250000"))
    html = client_as(cfo).get("/notes/?as_of=2026-03-01").content.decode()
    usage = re.search(r'aria-valuenow="(\d+)"[^>]*data-testid="usage-USD"', html)
    assert usage is not None
    assert "drawn" in html and 'data-testid="available-USD"' in html
    assert f"{usage.group(1)}% drawn" in html


@time_machine.travel("2026-06-15 12:00:00-04:00", tick=False)
def test_what_is_due_in_30_days_lists_interest_with_its_amount_soonest_first_overdue_marked(client_as, cfo, matter):
    note = _interest_note(matter)
    ObligationFactory(matter=matter, title="Pay the facility fee", due_date=date(2026, 7, 10), nominal_due_date=date(2026, 7, 10))
    ObligationFactory(matter=matter, title="Too late for the window", due_date=date(2026, 7, 20))
    ObligationFactory(matter=matter, title="Done before", due_date=date(2026, 5, 1), status=ObligationStatus.DONE)
    page = client_as(cfo).get("/notes/?as_of=2026-06-15")
    due = page.context["due"]
    titles = [row.obligation.title for row in due.rows]
    # 1 April to 1 July 2026: 91 days of 12% on 100,000, ACT/365F.
    assert titles[-2:] == [f"Interest payment USD 2,991.78 ({note})", "Pay the facility fee"]
    assert "Too late for the window" not in titles and "Done before" not in titles
    # Interest dates before the as-of date, never paid: still open, so overdue, first.
    overdue = [row for row in due.rows if row.overdue]
    assert [row.obligation.due_date for row in overdue] == sorted(row.obligation.due_date for row in overdue)
    assert len(overdue) == len(due.rows) - 2 and overdue
    html = page.content.decode()
    assert f'<a href="/notes/{note.pk}/">Interest payment USD 2,991.78 ({note})</a>' in html
    assert html.count('data-testid="overdue"') == len(overdue)


def test_what_is_due_leaves_out_other_clients_matters(client_as, cfo, matter):
    other = MatterFactory(client=PartyFactory())
    ObligationFactory(matter=other, title="Theirs", due_date=date(2026, 6, 20))
    ObligationFactory(matter=matter, title="Ours", due_date=date(2026, 6, 20))
    html = client_as(cfo).get("/notes/?as_of=2026-06-15").content.decode()
    assert "Ours" in html and "Theirs" not in html


def _notes(matter, count):
    for i in range(count):
        _interest_note(matter, title=f"Note {matter.pk}-{i}")
        ObligationFactory(matter=matter, title=f"Fee {i}", due_date=date(2026, 6, 16) + timedelta(days=i % 20))



def test_the_home_runs_the_same_queries_for_2_and_30_notes_with_their_deadlines(client_as, cfo, matter):
    client = client_as(cfo)
    _notes(matter, 2)
    few = page_queries(client, "/notes/?as_of=2026-06-15")
    _notes(MatterFactory(client=matter.client), 28)
    many = page_queries(client, "/notes/?as_of=2026-06-15")
    assert many == few
