"""Counsel enter a real notice clause through the agreement page, choosing every value in words, and
it reads back as sentences close to the clause; the API holds the same rules."""

import pytest

from agreements.models import Agreement
from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def _formset(prefix, rows, extra=None):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def test_counsel_enter_an_earlier_of_mail_rule_and_a_bank_only_rule_and_they_read_back_as_the_clause(
        client_as, counsel, matter):
    bank, borrower, firm = (PartyFactory(legal_name=n) for n in ("Zephyr Bank", "Acme Mills, Inc.", "Dorsey LLP"))
    data = {"kind": "other", "title": "Credit Agreement", "status": "executed", "notice_clause_ref": "§9.2",
            "business_day_calendars": ["NY_BANKS", "GB-ENG"],
            **_formset("parties", [{"party": bank.pk, "role": "secured_party"}, {"party": borrower.pk, "role": "debtor"}]),
            **_formset("rules", [
                {"method": "first_class_mail", "method_words": "by first-class mail, postage prepaid",
                 "deemed_given": "on_receipt", "combine": "earlier", "also_deemed_given": "after_dispatch",
                 "also_offset_days": "3", "clause": "§9.2"},
                {"method": "fax", "method_words": "by telecopy", "deemed_given": "on_transmission", "cutoff_time": "17:00",
                 "only_outside_us": "on", "clause": "§9.2"},
                {"method": "", "deemed_given": "on_receipt", "recipient_party": bank.pk, "scope": "under Article II",
                 "clause": "§2.9"},
            ]),
            **_formset("copies", [{"party": borrower.pk, "copy_party": firm.pk, "attention": "Finance", "clause": "§9.2"}])}
    response = client_as(counsel).post(f"/agreements/matter/{matter.pk}/new/", data)
    assert response.status_code == 302
    agreement = Agreement.objects.get(title="Credit Agreement")
    page = client_as(counsel).get(agreement.get_absolute_url()).content.decode()
    assert ("Notices by first-class mail, postage prepaid are deemed given the earlier of upon receipt and 3 days "
            "after dispatch (§9.2).") in page
    assert ("Notices by telecopy are deemed given when transmitted; if that is after 5:00 p.m. (the recipient&#x27;s "
            "time) or on a day that is not a business day, on the next business day; allowed only to addresses "
            "outside the United States (§9.2).") in page
    assert "Notices to Zephyr Bank under Article II are deemed given upon receipt (§2.9)." in page
    assert "Notices to Acme Mills, Inc.: with a copy to Dorsey LLP, Attention: Finance" in page
    assert ("Business days: New York banks (Federal Reserve holidays) and United Kingdom: England and Wales "
            "(bank holidays)") in page


def test_the_rule_page_offers_every_choice_in_words(client_as, counsel, matter):
    page = client_as(counsel).get(f"/agreements/matter/{matter.pk}/new/").content.decode()
    for words in ("The earlier of the two", "The next business day after dispatch", "When the sender receives confirmation",
                  "First-class mail", "Every method (a rule for one party)", "U.S. state: Minnesota", "TARGET2 (euro payments)",
                  "Only to addresses outside the United States"):
        assert words in page


def test_a_second_part_without_earlier_or_later_is_refused_next_to_the_field(client_as, counsel, matter):
    data = {"kind": "other", "title": "Credit Agreement", "status": "draft", **_formset("parties", []),
            **_formset("rules", [{"method": "email", "deemed_given": "on_receipt", "also_deemed_given": "after_dispatch",
                                  "also_offset_days": "3"}]), **_formset("copies", [])}
    response = client_as(counsel).post(f"/agreements/matter/{matter.pk}/new/", data)
    assert response.status_code == 200
    assert "Choose &quot;the earlier of&quot; or &quot;the later of&quot; to use a second part." in response.content.decode()
    assert not Agreement.objects.filter(title="Credit Agreement").exists()


def test_the_api_takes_and_reads_back_the_rules_copies_and_calendars(api_as, counsel, matter):
    bank, borrower = PartyFactory(legal_name="Zephyr Bank"), PartyFactory(legal_name="Acme Mills, Inc.")
    body = api_as(counsel).post("/api/v1/agreements/", {
        "matter": matter.pk, "kind": "other", "title": "Loan Agreement", "business_day_calendars": ["NY_BANKS", "US-CO"],
        "parties": [{"party": bank.pk, "role": "secured_party"}, {"party": borrower.pk, "role": "debtor"}],
        "notice_rules": [{"method": "certified_mail", "deemed_given": "on_receipt", "combine": "earlier",
                          "also_deemed_given": "after_dispatch", "also_offset_days": 5, "also_business_days": True,
                          "clause": "§11.1"}],
        "notice_copies": [{"party": borrower.pk, "copy_party": bank.pk}],
    }, format="json").json()
    assert body["notice_clause_reads_as"] == [
        "Notices by certified or registered mail, return receipt requested are deemed given the earlier of upon "
        "receipt and 5 business days after dispatch (§11.1)."]
    assert body["business_day_calendars"] == ["NY_BANKS", "US-CO"]
    assert body["notice_copies"] == [{"party": borrower.pk, "copy_party": bank.pk, "attention": "", "clause": ""}]


def test_the_api_refuses_an_unknown_calendar_and_a_rule_for_a_party_outside_the_agreement(api_as, counsel, matter):
    api = api_as(counsel)
    unknown = api.post("/api/v1/agreements/", {"matter": matter.pk, "kind": "other", "title": "X",
                                               "business_day_calendars": ["ATLANTIS"]}, format="json")
    assert unknown.status_code == 400
    assert unknown.json()["business_day_calendars"] == ["ATLANTIS is not a business-day calendar Covenant knows."]
    stranger = PartyFactory(legal_name="Stranger LLC")
    outside = api.post("/api/v1/agreements/", {"matter": matter.pk, "kind": "other", "title": "X", "notice_rules": [
        {"method": "", "deemed_given": "on_receipt", "recipient_party": stranger.pk}]}, format="json")
    assert outside.status_code == 400
    assert outside.json() == {"recipient_party": ["Stranger LLC is not a party to this agreement."]}
    assert not Agreement.objects.filter(title="X").exists()
