"""Counsel's and the CFO's main journeys through the demo in headless Chromium, checked by what each
one sees on the pages (names, counts, dates, figures and links), against the database."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from agreements.models import Agreement
from closings.models import Closing, Deliverable, DeliverableStatus
from deadlines.models import Obligation
from matters.models import Matter
from matters.selectors import matter_list
from notes.selectors import note_list, positions_for
from parties.models import Party
from parties.selectors import party_list
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROO = "ROO Group, Inc.: $600,000 secured note to Robert Petty, May 2005"


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)
    for user in User.objects.filter(username__in=["counsel", "cfo"]):
        user.set_password(PASSWORD)  # login_page signs in with the factories' password
        user.save()
    return {"counsel": User.objects.get(username="counsel"), "cfo": User.objects.get(username="cfo"),
            "roo": Matter.objects.get(name=ROO)}


def _day(day) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _home_shows_the_matters_and_what_is_outstanding(page, live_server, demo):
    assert page.get_by_role("heading", level=1).inner_text() == f"Welcome, {demo['counsel'].display_name}"
    listed = page.locator("li.list-group-item a[href^='/matters/']").all_inner_texts()
    assert listed == [m.name for m in matter_list(user=demo["counsel"])]
    open_closing = Closing.objects.filter(deliverables__status=DeliverableStatus.OUTSTANDING).distinct().get()
    panel = page.get_by_test_id("home-closings").inner_text()
    outstanding = Deliverable.objects.filter(closing=open_closing, status=DeliverableStatus.OUTSTANDING, required=True,
                                             post_closing=False).order_by("from_party__legal_name")
    party = outstanding.first().from_party
    assert f"{open_closing} · {open_closing.matter.name}" in panel
    assert f"{party}: {outstanding.filter(from_party=party).count()} items outstanding" in panel
    ucc1 = Obligation.objects.get(matter=demo["roo"], title="File UCC-1 with the Delaware Secretary of State")
    assert f"Overdue since {ucc1.due_date:%b} {ucc1.due_date.day}, {ucc1.due_date.year}: {ucc1.title}" in \
        page.locator("main").inner_text().replace("\n", " ")


def _the_roo_matter_and_its_closed_checklist(page, live_server, demo):
    page.get_by_role("link", name=ROO).last.click()
    assert page.url == f"{live_server.url}/matters/{demo['roo'].pk}/"
    main = page.locator("main").inner_text()
    assert f"Client: {demo['roo'].client.legal_name}" in main
    assert page.get_by_role("link", name="Edit matter").count() == 1
    page.get_by_role("link", name="Closings").click()
    closing = Closing.objects.get(matter=demo["roo"])
    page.get_by_role("link", name=str(closing)).click()
    received = Deliverable.objects.filter(closing=closing, status=DeliverableStatus.RECEIVED).count()
    assert page.get_by_test_id("checklist-progress").inner_text().startswith(f"{received} of {received} done")
    assert page.get_by_test_id("outstanding-count").inner_text() == "0 outstanding"
    assert "Closed: the deliverables are read-only." in page.locator("main").inner_text()


def _a_deliverable_marked_received_moves_the_count_and_the_timeline(page, live_server, demo):
    closing = Closing.objects.filter(deliverables__status=DeliverableStatus.OUTSTANDING).distinct().get()
    item = Deliverable.objects.filter(closing=closing, status=DeliverableStatus.OUTSTANDING).order_by("pk").first()
    before = Deliverable.objects.filter(closing=closing, status=DeliverableStatus.OUTSTANDING).count()
    page.get_by_test_id("home-closings").get_by_role("link", name=str(closing)).click()
    assert page.get_by_test_id("outstanding-count").inner_text() == f"{before} outstanding"
    loaded_at = page.evaluate("performance.timeOrigin")
    row = page.get_by_test_id(f"deliverable-{item.pk}")
    row.locator("select").select_option("received")
    row.get_by_role("button", name="Save").click()
    page.get_by_test_id("outstanding-count").filter(has_text=f"{before - 1} outstanding").wait_for()
    assert page.evaluate("performance.timeOrigin") == loaded_at  # swapped in place, no reload
    assert f"by {demo['counsel'].display_name}" in page.get_by_test_id(f"deliverable-{item.pk}").inner_text()
    page.goto(f"{live_server.url}/matters/{closing.matter.pk}/")
    page.get_by_role("link", name="Timeline", exact=True).click()
    event = f"{demo['counsel'].display_name} marked {item.description} received"
    assert page.get_by_test_id("timeline").locator("tbody tr").filter(has_text=event).count() == 1


def _the_notices_and_the_deadlines_of_the_matter(page, live_server, demo):
    page.goto(f"{live_server.url}/matters/{demo['roo'].pk}/")
    page.get_by_role("link", name="Notices").click()
    assert page.get_by_role("heading", name="Formal notices").count() == 1
    assert "No notices sent under this matter's agreements." in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Record a notice").get_attribute("href") == \
        f"/notices/matter/{demo['roo'].pk}/new/"
    page.get_by_role("link", name="Deadlines", exact=True).last.click()
    rows = page.locator("main tbody tr")
    obligations = Obligation.objects.filter(matter=demo["roo"])
    assert rows.count() == obligations.count()
    ucc1 = obligations.get(title="File UCC-1 with the Delaware Secretary of State")
    ucc1_row = rows.filter(has_text=ucc1.title).inner_text()
    assert f"{ucc1.due_date:%a %d %b %Y}" in ucc1_row
    assert "Overdue" in ucc1_row
    assert rows.filter(has_text="Closing on").get_by_test_id("row-status").inner_text().strip() == "Done"


def _a_party_and_its_notice_address_in_the_directory(page, live_server, demo):
    page.get_by_role("link", name="Parties", exact=True).click()
    names = page.locator("main tbody tr td:first-child").all_inner_texts()
    assert sorted(n.strip() for n in names) == sorted(p.legal_name for p in party_list(user=demo["counsel"]))
    page.get_by_role("link", name="ROO Group, Inc.", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "ROO Group, Inc."
    address = page.get_by_test_id("current-address").inner_text()
    assert "62 White Street, Suite 3A" in address
    assert "Fax No.: (646) 619-4074" in address


def _the_agreement_in_the_document_viewer(page, live_server, demo):
    agreement = Agreement.objects.get(matter=demo["roo"], title="Note Purchase Agreement")
    document = agreement.documents.order_by("-version").first()
    page.goto(f"{live_server.url}/matters/{demo['roo'].pk}/")
    page.get_by_role("link", name="Agreements").click()
    row = page.locator("main tbody tr").filter(has_text="Note Purchase Agreement").first.inner_text()
    assert _day(agreement.dated_as_of) in row
    page.get_by_role("link", name="Note Purchase Agreement", exact=True).click()
    page.locator(f"a[href='/documents/{document.pk}/']").first.click()
    heading = page.get_by_role("heading", level=2).first.inner_text()
    assert heading == f"{document.original_name} v{document.version} of {agreement}"
    assert "deemed to have been duly given" in page.get_by_test_id("document-text").inner_text()


def _the_dashboard_with_the_figures_of_the_notes(page, live_server, demo):
    today = timezone.localdate()
    assert page.url == f"{live_server.url}/notes/"
    assert page.get_by_test_id("figures-as-of").inner_text() == f"Figures as of {today.day} {today:%B %Y}"
    positions = positions_for(note_list(user=demo["cfo"]), today).values()
    principal = sum(p.principal_outstanding for p in positions)
    accrued = sum(p.accrued_interest for p in positions if p.accrued_interest is not None)
    assert page.get_by_test_id("total-principal-USD").inner_text() == f"USD {principal:,.2f}"
    assert page.get_by_test_id("total-accrued-USD").inner_text() == f"USD {accrued:,.2f}"
    due = page.get_by_test_id("due-soon")
    assert due.get_by_role("heading").inner_text().startswith(f"Due in the 30 days from {today.day} {today:%B %Y}")
    assert "File UCC-1 with the Delaware Secretary of State" in due.get_by_test_id("due-row").first.inner_text()
    assert due.get_by_test_id("overdue").count() == due.get_by_test_id("due-row").count()


def _the_matter_read_only(page, live_server, demo):
    page.get_by_role("button", name="Matters", exact=True).click()
    page.get_by_role("link", name="All matters").click()
    page.get_by_role("link", name=ROO).last.click()
    assert f"Client: {demo['roo'].client.legal_name}" in page.locator("main").inner_text()
    for name in ("Edit matter", "Add member", "Remove"):
        assert page.get_by_role("link", name=name).count() + page.get_by_role("button", name=name).count() == 0
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    answer = page.request.post(f"{live_server.url}/matters/{demo['roo'].pk}/edit/",
                               form={"name": "Renamed by the CFO"}, headers={"X-CSRFToken": token,
                                                                            "Referer": live_server.url})
    assert answer.status in (403, 404)
    assert Matter.objects.get(pk=demo["roo"].pk).name == ROO


def _only_the_parties_of_the_cfos_matters(page, live_server, demo):
    page.get_by_role("link", name="Parties", exact=True).click()
    names = sorted(n.strip() for n in page.locator("main tbody tr td:first-child").all_inner_texts())
    assert names == sorted(p.legal_name for p in party_list(user=demo["cfo"]))
    assert "ROO Group, Inc." in names
    zumiez = Party.objects.get(legal_name="Zumiez Inc.")
    assert "Zumiez Inc." not in names
    assert page.goto(f"{live_server.url}/parties/{zumiez.pk}/").status == 404


def test_counsel_walks_from_home_through_the_matter_the_checklist_the_timeline_the_directory_and_the_agreement(
        live_server, login_page, demo):
    page = login_page(demo["counsel"])
    _home_shows_the_matters_and_what_is_outstanding(page, live_server, demo)
    _the_roo_matter_and_its_closed_checklist(page, live_server, demo)
    page.goto(f"{live_server.url}/")
    _a_deliverable_marked_received_moves_the_count_and_the_timeline(page, live_server, demo)
    _the_notices_and_the_deadlines_of_the_matter(page, live_server, demo)
    _a_party_and_its_notice_address_in_the_directory(page, live_server, demo)
    _the_agreement_in_the_document_viewer(page, live_server, demo)


def test_the_cfo_lands_on_the_figures_reads_the_matter_without_editing_and_sees_only_their_parties(
        live_server, login_page, demo):
    page = login_page(demo["cfo"])
    _the_dashboard_with_the_figures_of_the_notes(page, live_server, demo)
    _the_matter_read_only(page, live_server, demo)
    _only_the_parties_of_the_cfos_matters(page, live_server, demo)
