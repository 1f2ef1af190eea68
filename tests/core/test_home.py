"""Home for each role: counsel see what is outstanding next; an admin also sees users and failed
deliveries; a finance user lands on the dashboard."""

from datetime import date

import pytest
import time_machine
from django.utils import timezone

from deadlines.models import Delivery
from tests.closings.conftest import make_deal
from tests.deadlines.factories import ObligationFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 10)


@pytest.fixture
def outstanding(matter):
    ObligationFactory(matter=matter, title="Overdue certificate", due_date=date(2026, 6, 1))
    ObligationFactory(matter=matter, title="File UCC-3", due_date=date(2026, 6, 15))
    ObligationFactory(matter=matter, title="Next month's report", due_date=date(2026, 7, 15))
    return make_deal(matter)


@time_machine.travel(date(2026, 6, 10), tick=False)
def test_counsel_s_home_shows_overdue_in_red_this_week_and_the_closing_items_by_party(outstanding, client_as, counsel):
    html = client_as(counsel).get("/").content.decode()
    deadlines = html.split('data-testid="home-deadlines"')[1].split("</div></div>")[0]
    assert '<li class="mb-1 text-danger">' in deadlines and "Overdue since Jun 1, 2026" in deadlines
    assert "Overdue certificate" in deadlines and "Mon Jun 15: " in deadlines and "File UCC-3" in deadlines
    assert "Next month" not in deadlines  # 35 days away: not this week
    closings = html.split('data-testid="home-closings"')[1].split("</div></div>")[0]
    # At closing: the company owes the Note, the purchaser the funds; the UCC-1 is post-closing.
    assert "ROO Group, Inc.: 1 item outstanding" in closings and "Robert Petty: 1 item outstanding" in closings
    assert 'data-testid="home-users"' not in html and 'data-testid="home-failed"' not in html


def test_an_admin_s_home_adds_users_and_failed_deliveries(client_as, admin_user, counsel, cfo):
    Delivery.objects.create(recipient_email="gone@example.net", occasion="before:7", due_at=timezone.now(),
                            status="failed", message_id="<x@covenant>", subject="Reminder: File UCC-3")
    html = client_as(admin_user).get("/").content.decode()
    assert "Admin: 1" in html and "Counsel: 1" in html and "Finance: 1" in html
    assert "<strong>1</strong> email could not be sent." in html and "gone@example.net: Reminder: File UCC-3" in html


def test_a_finance_user_s_home_is_the_dashboard(client_as, cfo):
    response = client_as(cfo).get("/")
    assert response.status_code == 302 and response["Location"] == "/notes/"
