"""Each dashboard export is an event: recorded as it is made (POST), shown in words in the
timeline of each matter whose notes it held, and in no other."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from matters.services import matter_visit_record
from notes.models import DashboardExport
from tests.factories import MatterFactory, PartyFactory, UserFactory
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def robin(cfo):
    cfo.first_name, cfo.last_name = "Robin", "Smyth"
    cfo.save()
    return cfo


def _timeline(client, matter):
    return client.get(f"/matters/{matter.pk}/timeline/").content.decode()


def test_an_export_is_in_the_timeline_of_each_matter_whose_notes_it_held(client_as, robin, counsel, matter):
    second = MatterFactory(client=matter.client, name="ROO Group / Second")
    quiet = MatterFactory(client=matter.client, name="ROO Group / No notes")
    NoteFactory.create_batch(3, matter=matter)
    NoteFactory(matter=second)
    response = client_as(robin).post("/notes/export.csv", {"as_of": "2026-12-07", "status": "outstanding"})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.csv"')
    export = DashboardExport.objects.get()
    assert (export.by, export.as_of.isoformat(), export.file_format, export.notes) == (robin, "2026-12-07", "csv", 4)
    assert export.filters == "Status: Outstanding"
    assert sorted((m.matter_id, m.notes) for m in export.matters.all()) == sorted([(matter.pk, 3), (second.pk, 1)])
    html = _timeline(client_as(counsel), matter)
    assert "Robin Smyth exported the dashboard (as of 7 December 2026, 3 notes of this matter)" in html
    assert "Status: Outstanding" in html and "file_format" not in html
    admin = client_as(UserFactory(username="ada", role=Role.ADMIN))
    assert "Robin Smyth exported the dashboard (as of 7 December 2026, 1 note of this matter)" in _timeline(admin, second)
    assert "exported the dashboard" not in _timeline(admin, quiet)


def test_the_xlsx_export_is_recorded_with_its_filters_in_words(client_as, robin, matter):
    holder = PartyFactory(legal_name="Petty & <Co>")
    NoteFactory(matter=matter, holder=holder)
    response = client_as(robin).post("/notes/export.xlsx", {"as_of": "2026-12-07", "holder": holder.pk, "sort": "-maturity"})
    assert response.content[:2] == b"PK"
    export = DashboardExport.objects.get()
    assert (export.file_format, export.filters) == ("xlsx", "Holder: Petty & <Co>; Sort: Maturity, latest first")
    html = _timeline(client_as(robin), matter)
    assert "Petty &amp; &lt;Co&gt;" in html and "Petty & <Co>" not in html
    assert "Excel (XLSX)" in html


def test_a_get_of_the_export_url_records_nothing_and_lands_on_the_dashboard(client_as, robin, matter):
    NoteFactory(matter=matter)
    response = client_as(robin).get("/notes/export.csv?as_of=2026-12-07&status=outstanding")
    assert (response.status_code, response["Location"]) == (302, "/notes/?as_of=2026-12-07&status=outstanding")
    assert "Content-Disposition" not in response
    assert not DashboardExport.objects.exists()
    assert client_as(robin).get("/notes/export.pdf").status_code == 404


def test_the_dashboard_s_export_controls_are_post_forms_carrying_the_filters(client_as, robin, matter):
    html = client_as(robin).get("/notes/?as_of=2026-12-07&status=outstanding").content.decode()
    assert '<form method="post" action="/notes/export.csv"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<input type="hidden" name="as_of" value="2026-12-07">' in html
    assert '<input type="hidden" name="status" value="outstanding">' in html
    assert 'href="/notes/export' not in html


def test_a_cfo_of_another_client_sees_nothing_of_the_export(client_as, robin, matter):
    NoteFactory(matter=matter)
    client_as(robin).post("/notes/export.csv", {"as_of": "2026-12-07"})
    theirs = MatterFactory(client=PartyFactory(), name="Zumiez / Notes")
    NoteFactory(matter=theirs)
    other_cfo = UserFactory(username="zoe", role=Role.FINANCE, company=theirs.client)
    client = client_as(other_cfo)
    assert client.get(f"/matters/{matter.pk}/timeline/").status_code == 404
    assert "exported the dashboard" not in _timeline(client, theirs)
    # Their own export holds only their notes, and names only their matter.
    client.post("/notes/export.csv", {"as_of": "2026-12-07"})
    assert [m.matter_id for m in DashboardExport.objects.get(by=other_cfo).matters.all()] == [theirs.pk]


def test_an_export_of_another_matter_s_holder_holds_nothing_of_it(client_as, robin, matter):
    theirs = MatterFactory(client=PartyFactory())
    hidden = NoteFactory(matter=theirs)
    response = client_as(robin).post("/notes/export.csv", {"as_of": "2026-12-07", "holder": hidden.holder_id})
    assert response.status_code == 200
    assert str(hidden) not in response.content.decode()
    assert not DashboardExport.objects.get().matters.exists()


def test_counsel_of_the_matter_sees_the_export_in_what_changed_since_their_last_look(client_as, robin, counsel, matter):
    NoteFactory(matter=matter)
    matter_visit_record(matter=matter, user=counsel, at=timezone.now() - timedelta(hours=1))
    client_as(robin).post("/notes/export.csv", {"as_of": "2026-12-07"})
    unseen = client_as(counsel).get(f"/matters/{matter.pk}/").context["unseen"]
    assert [row.summary for row in unseen if row.kind == "Dashboard export"] == ["Robin Smyth exported the dashboard (as of 7 December 2026, 1 note of this matter)"]
