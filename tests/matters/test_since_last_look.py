"""What changed since I last looked: on the matter page and in the daily digest."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db.models import F
from django.utils import timezone

from core.history import event_models
from deadlines.emails import render_digest
from matters.models import MatterVisit
from matters.services import matter_visit_record
from tests.closings.conftest import make_deal

pytestmark = pytest.mark.django_db


def _status(client, item, status):
    response = client.post(f"/closings/deliverables/{item.pk}/status/", {"status": status, "version": item.version},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200


@pytest.fixture
def changed_by_admin(matter, counsel, admin_user, client_as):
    """The deal was set up two hours ago and counsel looked an hour ago; since then the admin
    received the note and counsel received the funds."""
    admin_user.first_name, admin_user.last_name = "Ada", "Admin"
    admin_user.save()
    deal = make_deal(matter)
    # A test runs in one transaction, where the audit triggers' clock stands still: move the set-up back.
    for event_model in event_models():
        event_model.objects.update(pgh_created_at=F("pgh_created_at") - timedelta(hours=2))
    matter_visit_record(matter=matter, user=counsel, at=timezone.now() - timedelta(hours=1))
    note_item, funds = deal["items"]
    _status(client_as(admin_user), note_item, "received")
    _status(client_as(counsel), funds, "received")
    return deal


def test_the_matter_page_lists_what_others_changed_since_the_last_look(changed_by_admin, client_as, counsel, matter):
    before = MatterVisit.objects.get(user=counsel).seen_at
    page = client_as(counsel).get(f"/matters/{matter.pk}/")
    unseen = [row.summary for row in page.context["unseen"]]
    assert "Ada Admin marked The Note received (§3.2(a))" in unseen
    assert unseen == ["Ada Admin marked The Note received (§3.2(a))"]
    assert "Changed since you last looked" in page.content.decode()
    # Showing the page wrote nothing: the page itself posts the new marker.
    assert MatterVisit.objects.get(user=counsel).seen_at == before


def test_the_page_s_post_moves_the_marker_and_only_forwards(changed_by_admin, client_as, counsel, matter):
    before = MatterVisit.objects.get(user=counsel).seen_at
    assert client_as(counsel).post(f"/matters/{matter.pk}/seen/").status_code == 204
    after = MatterVisit.objects.get(user=counsel).seen_at
    assert after > before
    matter_visit_record(matter=matter, user=counsel, at=before)
    assert MatterVisit.objects.get(user=counsel).seen_at == after
    assert client_as(counsel).get(f"/matters/{matter.pk}/seen/").status_code == 405


def test_a_first_look_says_so_and_a_matter_the_user_may_not_open_is_not_found(matter, client_as, counsel, outsider):
    page = client_as(counsel).get(f"/matters/{matter.pk}/")
    assert page.context["unseen"] == [] and "This is your first look" in page.content.decode()
    assert client_as(outsider).post(f"/matters/{matter.pk}/seen/").status_code == 404
    assert not MatterVisit.objects.filter(user=outsider).exists()


def test_the_daily_digest_lists_what_others_changed_on_the_user_s_matters(changed_by_admin, counsel):
    subject, text, html = render_digest(SimpleNamespace(recipient_user=counsel))
    assert "What others changed since you last looked\n\nROO Group / Petty\n" in text
    changes = text.split("What others changed since you last looked")[1]
    lines = changes.strip().splitlines()
    assert lines[0] == "ROO Group / Petty" and len(lines) == 2
    assert lines[1].startswith("  - ") and lines[1].endswith(" EST: Ada Admin marked The Note received (§3.2(a))")
    assert "<h3>ROO Group / Petty</h3>" in html
