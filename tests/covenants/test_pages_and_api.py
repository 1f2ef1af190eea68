"""Covenant pages and API through the matters access rule: counsel records, the client's CFO records
certificates' figures and reads everything, anyone else gets 404."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from covenants.models import ComplianceCertificate, Covenant, CovenantTest
from deadlines import delivery
from deadlines.models import Delivery, Obligation, ObligationKind
from tests.covenants.factories import fixed_charge_coverage, loan_agreement
from tests.factories import NoticeAddressFactory

NY = ZoneInfo("America/New_York")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _certificate_post(covenant, value="1.10", **extra):
    return {"agreement": covenant.agreement_id, "period_end": "2026-12-31", "delivered_on": "2027-03-31",
            "signed_by": "Chief Financial Officer", f"figure_{covenant.pk}": value, **extra}


def test_the_cfo_records_a_certificate_with_its_document_and_sees_the_breach_it_opens(matter, counsel, cfo, client_as):
    covenant = fixed_charge_coverage(loan_agreement(matter))
    web = client_as(cfo)
    response = web.post(f"/covenants/matter/{matter.pk}/certificates/new/", {
        **_certificate_post(covenant), "document": SimpleUploadedFile("certificate.pdf", PDF)})
    certificate = ComplianceCertificate.objects.get()
    assert response.status_code == 302
    page = web.get(certificate.get_absolute_url()).content.decode()
    # Reported 1.10 against 1.25: 1.10 - 1.25 = -0.15, -0.15 / 1.25 = -12.00%.
    assert "Reported 1.1 against 1.25: headroom -0.15 (-12.00%)" in page
    assert "Cure period ends: Fixed charge coverage ratio (30 days from the day the breach is reported)" in page
    assert "Friday, April 30, 2027" in page
    assert "Draft notice of default from First Harbor Bank, N.A. to ROO Group, Inc." in page
    assert web.get(f"/covenants/certificates/{certificate.pk}/document/").getvalue() == PDF


def test_the_cfo_may_not_record_a_covenant(matter, counsel, cfo, client_as):
    loan_agreement(matter)
    assert client_as(cfo).get(f"/covenants/matter/{matter.pk}/new/").status_code == 403


def test_an_outsider_gets_404_on_every_covenant_page(matter, outsider, client_as):
    covenant = fixed_charge_coverage(loan_agreement(matter))
    web = client_as(outsider)
    paths = [f"/covenants/matter/{matter.pk}/", f"/covenants/{covenant.pk}/",
             f"/covenants/matter/{matter.pk}/certificates/new/"]
    assert [web.get(path).status_code for path in paths] == [404, 404, 404]


def test_counsel_records_a_financial_covenant_through_the_form_in_words(matter, counsel, client_as):
    agreement = loan_agreement(matter)
    web = client_as(counsel)
    form = web.get(f"/covenants/matter/{matter.pk}/new/").content.decode()
    response = web.post(f"/covenants/matter/{matter.pk}/new/", {
        "agreement": agreement.pk, "kind": "financial", "title": "Tangible net worth", "party": matter.client_id,
        "status": "not_reviewed", "metric": "Tangible Net Worth", "operator": "at_least", "threshold": "25000000",
        "unit": "amount", "currency": "USD", "frequency": "quarterly", "first_period_end": "2026-12-31",
        "days_after_delivery": "0", "cure_from": "test_date"})
    covenant = Covenant.objects.get()
    assert response.status_code == 302
    assert ">at least</option>" in form and ">Each fiscal quarter end</option>" in form
    assert "Tangible Net Worth at least $25,000,000.00, tested each fiscal quarter end" in web.get(
        covenant.get_absolute_url()).content.decode()


def test_a_certificate_delivered_before_its_period_end_is_refused_next_to_the_field(matter, counsel, client_as):
    covenant = fixed_charge_coverage(loan_agreement(matter))
    response = client_as(counsel).post(f"/covenants/matter/{matter.pk}/certificates/new/",
                                       _certificate_post(covenant, delivered_on="2026-12-01"))
    assert response.status_code == 400
    assert "A certificate cannot be delivered before the end of the period it reports on." in response.content.decode()
    assert not ComplianceCertificate.objects.exists()


def test_a_covenant_title_is_escaped_on_the_dashboards(matter, counsel, client_as):
    fixed_charge_coverage(loan_agreement(matter), title="<script>alert(1)</script>")
    web = client_as(counsel)
    pages = [web.get(f"/covenants/matter/{matter.pk}/").content.decode(), web.get("/covenants/").content.decode()]
    assert all("<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page for page in pages)


def test_the_draft_notice_of_default_is_a_letter_to_the_borrowers_notice_address(matter, counsel, client_as):
    NoticeAddressFactory(party=matter.client, street_lines="12 Harbour Street", city="Boston", state="MA",
                         effective_from=date(2026, 1, 1))
    covenant = fixed_charge_coverage(loan_agreement(matter))
    client_as(counsel).post(f"/covenants/matter/{matter.pk}/certificates/new/", _certificate_post(covenant))
    test = CovenantTest.objects.get()
    response = client_as(counsel).get(f"/covenants/tests/{test.pk}/notice.pdf")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert "12 Harbour Street" in text and "Notice of default: Fixed charge coverage ratio" in text


def test_the_cross_matter_dashboard_shows_the_breach_and_the_headroom(matter, counsel, cfo, client_as):
    covenant = fixed_charge_coverage(loan_agreement(matter))
    client_as(counsel).post(f"/covenants/matter/{matter.pk}/certificates/new/", _certificate_post(covenant))
    page = client_as(cfo).get("/covenants/").content.decode()
    assert "Fixed charge coverage ratio as of December 31, 2026</a>" in page
    assert "-0.15 (-12.00%)" in page


def test_the_cure_deadline_reminds_the_responsible_people(matter, counsel):
    covenant = fixed_charge_coverage(loan_agreement(matter))
    with time_machine.travel(datetime(2027, 3, 31, 12, 0, tzinfo=NY), tick=False):
        from covenants.services import certificate_record
        certificate_record(matter=matter, data={"agreement": covenant.agreement, "period_end": date(2026, 12, 31),
                                                "delivered_on": date(2027, 3, 31)}, figures=[(covenant, Decimal("1.1"))])
    cure = Obligation.objects.get(kind=ObligationKind.CURE_PERIOD)
    with time_machine.travel(datetime(2027, 4, 23, 9, 0, tzinfo=NY), tick=False):
        delivery.sweep()
    # Due Friday 30 April 2027: 7 days before is Friday 23 April.
    assert list(Delivery.objects.filter(obligation=cure).values_list("recipient_email", "occasion")) == [
        (counsel.email, "before:7:2027-04-30")]


def test_the_cfo_posts_a_certificate_through_the_api_and_gets_each_test(matter, counsel, cfo, api_as):
    covenant = fixed_charge_coverage(loan_agreement(matter))
    response = api_as(cfo).post("/api/v1/compliance-certificates/", {
        "agreement": covenant.agreement_id, "period_end": "2026-12-31", "delivered_on": "2027-03-31",
        "figures": [{"covenant": covenant.pk, "value": "1.40"}]}, format="json")
    assert response.status_code == 201, response.content
    test = response.json()["tests"][0]
    # 1.40 - 1.25 = 0.15; 12.00% of 1.25.
    assert (test["result"], test["headroom"], test["headroom_percent"]) == ("pass", "0.1500", "12.00")


def test_the_cfo_may_not_create_a_covenant_through_the_api(matter, counsel, cfo, api_as):
    agreement = loan_agreement(matter)
    response = api_as(cfo).post("/api/v1/covenants/", {"matter": matter.pk, "agreement": agreement.pk,
                                                       "kind": "affirmative", "title": "Insurance",
                                                       "party": matter.client_id}, format="json")
    assert response.status_code == 403


def test_another_clients_cfo_cannot_post_a_certificate_for_this_matter(matter, counsel, api_as):
    from accounts.models import Role
    from tests.factories import PartyFactory, UserFactory

    covenant = fixed_charge_coverage(loan_agreement(matter))
    stranger = UserFactory(username="other-cfo", role=Role.FINANCE, company=PartyFactory())
    response = api_as(stranger).post("/api/v1/compliance-certificates/", {
        "agreement": covenant.agreement_id, "period_end": "2026-12-31", "delivered_on": "2027-03-31",
        "figures": [{"covenant": covenant.pk, "value": "1.40"}]}, format="json")
    assert response.status_code == 400
    assert "agreement" in response.json()


def test_counsel_creates_a_covenant_through_the_api_and_reads_its_requirement(matter, counsel, api_as):
    agreement = loan_agreement(matter)
    response = api_as(counsel).post("/api/v1/covenants/", {
        "matter": matter.pk, "agreement": agreement.pk, "kind": "financial", "title": "Leverage",
        "party": matter.client_id, "metric": "Leverage Ratio", "operator": "not_more_than", "threshold": "0.65",
        "first_period_end": "2026-12-31"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["requirement"] == "Leverage Ratio not more than 0.65 to 1.00, tested each fiscal quarter end"


def test_the_api_refuses_a_financial_covenant_without_its_threshold_naming_the_field(matter, counsel, api_as):
    agreement = loan_agreement(matter)
    response = api_as(counsel).post("/api/v1/covenants/", {
        "matter": matter.pk, "agreement": agreement.pk, "kind": "financial", "title": "Leverage",
        "party": matter.client_id, "metric": "Leverage Ratio", "operator": "not_more_than",
        "first_period_end": "2026-12-31"}, format="json")
    assert (response.status_code, response.json()) == (400, {"threshold": ["Enter this for a financial covenant."]})


def test_counsel_records_the_fiscal_year_end_and_the_reports_are_re_dated(matter, counsel, client_as):
    from tests.covenants.factories import quarterly_statements

    statements = quarterly_statements(loan_agreement(matter), first_period_end=date(2026, 12, 31))
    response = client_as(counsel).post(f"/covenants/matter/{matter.pk}/fiscal-year-end/{matter.client_id}/",
                                       {"month": "12", "day": "31", "source": "10-K cover page"})
    page = client_as(counsel).get(f"/covenants/matter/{matter.pk}/").content.decode()
    assert response.status_code == 302
    assert "Fiscal year of ROO Group, Inc.: ends 31 December (10-K cover page)" in page
    # 31 Dec 2026 + 90 days = Wednesday 31 March 2027.
    assert Obligation.objects.get(source_id=statements.pk, source_key="period:2026-12-31").due_date == date(2027, 3, 31)


def test_a_fiscal_year_end_on_30_february_is_refused_next_to_the_day(matter, counsel, client_as):
    fixed_charge_coverage(loan_agreement(matter))
    response = client_as(counsel).post(f"/covenants/matter/{matter.pk}/fiscal-year-end/{matter.client_id}/",
                                       {"month": "2", "day": "30"})
    assert response.status_code == 400
    assert "February has at most 28 days." in response.content.decode()


def test_the_cfo_may_not_change_the_fiscal_year_end(matter, counsel, cfo, client_as):
    fixed_charge_coverage(loan_agreement(matter))
    response = client_as(cfo).post(f"/covenants/matter/{matter.pk}/fiscal-year-end/{matter.client_id}/",
                                   {"month": "6", "day": "30"})
    assert response.status_code == 403


def test_counsel_marks_a_negative_covenant_breached_and_adds_a_threshold_step(matter, counsel, client_as):
    from covenants.services import covenant_create

    agreement = loan_agreement(matter)
    negative = covenant_create(matter=matter, by=None, data={"agreement": agreement, "kind": "negative",
                                                            "title": "No other debt", "party": matter.client})
    ratio = fixed_charge_coverage(agreement)
    web = client_as(counsel)
    web.post(f"/covenants/{negative.pk}/status/", {"status": "breached"})
    web.post(f"/covenants/{ratio.pk}/steps/", {"effective_from": "2027-06-30", "threshold": "1.50"})
    assert web.get(negative.get_absolute_url()).context["covenant"].get_status_display() == "Breached"
    assert "from June 30, 2027: 1.5" in web.get(ratio.get_absolute_url()).content.decode()
