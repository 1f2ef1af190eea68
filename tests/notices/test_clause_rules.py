"""Notice rules as real clauses word them (issue 13's "Why" cases), computed with the arithmetic
written out: earlier-of receipt or days after mailing, business days, the place of dispatch and of
receipt, address conditions, copies the clause requires, a rule for one party."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from agreements.services import agreement_create
from deadlines.models import Obligation
from notices.deemed import Part, Rule, deemed_given
from notices.services import notice_dispatch, notice_record_delivery
from tests.factories import NoticeAddressFactory, PartyFactory

NEW_YORK = ZoneInfo("America/New_York")
DENVER = ZoneInfo("America/Denver")
CENTRAL = ZoneInfo("America/Chicago")
SINCE = date(2000, 1, 1)
MAIL_EARLIER_OF_3_DAYS = Rule("First-class mail", "on_receipt", clause="§9.2", combine="earlier",
                              also=Part("after_dispatch", 3))
MAIL_EARLIER_OF_5_BUSINESS_DAYS = Rule("Certified mail", "on_receipt", clause="§11.1", combine="earlier",
                                       also=Part("after_dispatch", 5, True))


def given(rule, dispatched_at, delivered_at=None, calendar="NY_BANKS", zone=NEW_YORK, recipient_zone=None):
    return deemed_given(rule, dispatched_at=dispatched_at, delivered_at=delivered_at, calendar=calendar, zone=zone,
                        recipient_zone=recipient_zone)


def test_earlier_of_receipt_or_three_days_a_letter_mailed_friday_and_received_saturday_counts_saturday():
    # Mailed Friday Nov 16, 2001; three days after deposit: Monday Nov 19. Received Saturday Nov 17:
    # the earlier is the receipt.
    deemed = given(MAIL_EARLIER_OF_3_DAYS, datetime(2001, 11, 16, 15, tzinfo=NEW_YORK),
                   datetime(2001, 11, 17, 11, tzinfo=NEW_YORK))
    assert (deemed.at, deemed.on) == (datetime(2001, 11, 17, 11, tzinfo=NEW_YORK), date(2001, 11, 17))
    assert deemed.rule == ("§9.2: First-class mail, deemed given the earlier of upon receipt and 3 days after "
                           "dispatch: upon receipt applied")
    assert [p["applied"] for p in deemed.parts] == [True, False]
    assert deemed.parts[1]["on"] == "2001-11-19"


def test_earlier_of_receipt_or_three_days_without_a_receipt_counts_on_the_third_day_unless_received_earlier():
    deemed = given(MAIL_EARLIER_OF_3_DAYS, datetime(2001, 11, 16, 15, tzinfo=NEW_YORK))
    assert deemed.on == date(2001, 11, 19)
    assert deemed.rule.endswith("3 days after dispatch applied unless received earlier")


def test_earlier_of_receipt_or_five_business_days_received_monday_counts_monday():
    # Mailed Friday Mar 30, 2007; five business days (New York banks): Apr 2, 3, 4, 5, 6 -> Apr 6.
    # Received Monday Apr 2: the receipt is first.
    deemed = given(MAIL_EARLIER_OF_5_BUSINESS_DAYS, datetime(2007, 3, 30, 12, tzinfo=NEW_YORK),
                   datetime(2007, 4, 2, 10, tzinfo=NEW_YORK))
    assert deemed.on == date(2007, 4, 2)
    assert deemed.parts[1]["on"] == "2007-04-06"


def test_earlier_of_receipt_or_five_business_days_received_late_counts_on_the_fifth_business_day():
    # Received Monday Apr 9, 2007: the five business days (Friday Apr 6) come first.
    deemed = given(MAIL_EARLIER_OF_5_BUSINESS_DAYS, datetime(2007, 3, 30, 12, tzinfo=NEW_YORK),
                   datetime(2007, 4, 9, 10, tzinfo=NEW_YORK))
    assert (deemed.at, deemed.on) == (datetime(2007, 4, 6, tzinfo=NEW_YORK), date(2007, 4, 6))
    assert deemed.rule.endswith("5 business days after dispatch applied")


def test_later_of_is_pending_until_both_parts_are_known_then_takes_the_later():
    rule = Rule("Overnight courier", "on_delivery", combine="later", also=Part("next_business_day"))
    sent = datetime(2026, 3, 5, 10, tzinfo=NEW_YORK)  # Thursday; next business day Friday Mar 6
    assert given(rule, sent).at is None
    assert given(rule, sent, datetime(2026, 3, 5, 16, tzinfo=NEW_YORK)).on == date(2026, 3, 6)
    assert given(rule, sent, datetime(2026, 3, 9, 16, tzinfo=NEW_YORK)).on == date(2026, 3, 9)


def test_days_after_mailing_count_from_the_day_in_denver_where_it_was_mailed():
    # 10:30 p.m. Friday Nov 16, 2001 in Denver is 12:30 a.m. Saturday Nov 17 in New York. Three days
    # after Friday: Monday Nov 19; counted in New York it would be Tuesday Nov 20.
    mailed = datetime(2001, 11, 16, 22, 30, tzinfo=DENVER)
    rule = Rule("First-class mail", "after_dispatch", offset_days=3)
    assert given(rule, mailed, zone=DENVER, recipient_zone=DENVER).on == date(2001, 11, 19)
    assert given(rule, mailed, zone=NEW_YORK, recipient_zone=DENVER).on == date(2001, 11, 20)


def test_a_fax_at_eleven_thirty_central_on_a_friday_under_the_day_sent_counts_that_friday():
    # 11:30 p.m. Friday Dec 5, 2025 in Minneapolis is 12:30 a.m. Saturday in New York (the firm's zone).
    sent = datetime(2025, 12, 5, 23, 30, tzinfo=CENTRAL)
    deemed = given(Rule("Telecopy", "on_transmission", clause="§8"), sent, zone=NEW_YORK, recipient_zone=CENTRAL)
    assert deemed.on == date(2025, 12, 5)
    assert deemed.at.astimezone(NEW_YORK) == datetime(2025, 12, 6, 0, 30, tzinfo=NEW_YORK)


def test_the_cut_off_is_read_where_the_notice_is_received():
    # 4:30 p.m. in Denver is 6:30 p.m. in New York: before a 5 p.m. cut-off at a Denver recipient.
    rule = Rule("Email", "on_transmission", cutoff_time=time(17, 0))
    sent = datetime(2026, 3, 4, 16, 30, tzinfo=DENVER)
    assert given(rule, sent, recipient_zone=DENVER).at == sent
    assert given(rule, sent, recipient_zone=NEW_YORK).at == datetime(2026, 3, 5, 9, tzinfo=NEW_YORK)


def test_when_the_sender_receives_confirmation_is_pending_until_it_is_recorded():
    rule = Rule("Telecopy", "on_confirmation")
    assert given(rule, datetime(2026, 3, 4, 10, tzinfo=NEW_YORK)).rule == (
        "Telecopy, deemed given when the sender receives confirmation: pending until delivery is recorded")


@pytest.fixture
def bank_deal(matter, counsel):
    bank, borrower, counsel_firm = (PartyFactory(legal_name=n) for n in ("Denver Trust Bank", "Gopher Mills, Inc.",
                                                                         "Faegre & Benson LLP"))
    london = PartyFactory(legal_name="Thames Capital Ltd")
    NoticeAddressFactory(party=bank, street_lines="1700 Lincoln Street", city="Denver", state="CO", postal_code="80203",
                         time_zone="America/Denver", effective_from=SINCE)
    NoticeAddressFactory(party=borrower, street_lines="90 South Seventh Street", city="Minneapolis", state="MN",
                         postal_code="55402", time_zone="America/Chicago", effective_from=SINCE)
    NoticeAddressFactory(party=counsel_firm, street_lines="2200 Wells Fargo Center", city="Minneapolis", state="MN",
                         time_zone="America/Chicago", effective_from=SINCE)
    NoticeAddressFactory(party=london, street_lines="1 Poultry", city="London", state="", country="United Kingdom",
                         postal_code="EC2R 8EJ", time_zone="Europe/London", effective_from=SINCE)
    agreement = agreement_create(
        matter=matter,
        data={"kind": "other", "title": "Credit Agreement", "notice_clause_ref": "§9.2",
              "business_day_calendars": ["NY_BANKS", "US-MN"]},
        parties=[{"party": bank, "role": "secured_party"}, {"party": borrower, "role": "debtor"},
                 {"party": london, "role": "agent"}],
        notice_rules=[
            {"method": "first_class_mail", "deemed_given": "on_receipt", "combine": "earlier",
             "also_deemed_given": "after_dispatch", "also_offset_days": 3, "clause": "§9.2"},
            {"method": "fax", "deemed_given": "on_transmission", "only_outside_us": True, "clause": "§9.2"},
            {"method": "email", "deemed_given": "on_transmission", "confirming_copy": True,
             "cutoff_time": time(17, 0), "clause": "§9.2"},
            {"method": "", "recipient_party": bank, "deemed_given": "on_receipt", "scope": "under Article II",
             "clause": "§2.9"},
        ],
        notice_copies=[{"party": borrower, "copy_party": counsel_firm, "attention": "Finance Group", "clause": "§9.2"}],
    )
    return {"by": counsel, "agreement": agreement, "bank": bank, "borrower": borrower, "counsel_firm": counsel_firm, "london": london}


def _send(matter, deal, **data):
    base = {"sender": deal["bank"], "recipient": deal["borrower"], "kind": "default", "method": "first_class_mail",
            "dispatched_at": datetime(2001, 11, 16, 15, tzinfo=NEW_YORK), "copy_parties": [deal["counsel_firm"]]}
    return notice_dispatch(matter=matter, agreement=deal["agreement"], data={**base, **data}, by=deal["by"])


@pytest.mark.django_db
def test_a_twenty_day_cure_clock_after_a_saturday_receipt_ends_december_7(matter, bank_deal):
    # Received Saturday Nov 17, 2001 (Minneapolis): Nov 17 + 20 days = Dec 7 (13 days to Nov 30, 7 more).
    notice = _send(matter, bank_deal, delivered_at=datetime(2001, 11, 17, 10, tzinfo=CENTRAL), period_days=20)
    assert notice.deemed_given_on == date(2001, 11, 17)
    assert notice.recipient_time_zone == "America/Chicago"
    assert Obligation.objects.get(source_id=notice.pk, source_key="clock").nominal_due_date == date(2001, 12, 7)
    assert notice.defects == []


@pytest.mark.django_db
def test_a_thirty_business_day_clock_from_monday_april_2_2007_ends_may_14(matter, bank_deal):
    # Business days after Apr 2 (New York banks and Minnesota, no holiday until Memorial Day May 28):
    # Apr 3-6 (4), 9-13 (9), 16-20 (14), 23-27 (19), Apr 30 (20), May 1-4 (24), 7-11 (29), May 14 (30).
    notice = _send(matter, bank_deal, dispatched_at=datetime(2007, 3, 30, 12, tzinfo=NEW_YORK),
                   delivered_at=datetime(2007, 4, 2, 10, tzinfo=CENTRAL), period_days=30, period_business_days=True)
    assert notice.deemed_given_on == date(2007, 4, 2)
    assert Obligation.objects.get(source_id=notice.pk, source_key="clock").nominal_due_date == date(2007, 5, 14)


@pytest.mark.django_db
def test_a_receipt_recorded_later_moves_the_notice_to_the_earlier_receipt(matter, bank_deal):
    notice = _send(matter, bank_deal)
    assert notice.deemed_given_on == date(2001, 11, 19)
    received = notice_record_delivery(notice=notice, delivered_at=datetime(2001, 11, 17, 10, tzinfo=CENTRAL))
    assert received.deemed_given_on == date(2001, 11, 17)


@pytest.mark.django_db
def test_a_fax_to_a_us_address_under_a_non_us_only_fax_rule_is_refused(matter, bank_deal):
    with pytest.raises(ValidationError) as refused:
        _send(matter, bank_deal, method="fax")
    assert refused.value.message_dict["method"] == [
        "§9.2 allows telecopy / fax only to addresses outside the United States; Gopher Mills, Inc.'s notice address "
        "is in the United States."]


@pytest.mark.django_db
def test_a_fax_to_london_under_the_same_rule_counts_when_transmitted(matter, bank_deal):
    notice = _send(matter, bank_deal, method="fax", recipient=bank_deal["london"],
                   dispatched_at=datetime(2001, 11, 16, 15, tzinfo=NEW_YORK))
    assert notice.deemed_given_on == date(2001, 11, 16)
    assert notice.deemed_given_local == datetime(2001, 11, 16, 20, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.django_db
def test_a_notice_without_the_required_copy_is_flagged_defective_citing_the_clause(matter, bank_deal):
    notice = _send(matter, bank_deal, copy_parties=[])
    assert notice.defects == ["§9.2 requires a copy of notices to Gopher Mills, Inc. to Faegre & Benson LLP "
                              "(Attention: Finance Group); none is recorded as sent."]


@pytest.mark.django_db
def test_an_email_without_a_confirming_copy_is_flagged_and_one_after_five_counts_the_next_business_day(matter, bank_deal):
    # 6 p.m. Friday Nov 16, 2001 in Minneapolis: after the 5 p.m. cut-off; next business day Monday Nov 19.
    notice = _send(matter, bank_deal, method="email", dispatched_at=datetime(2001, 11, 16, 18, tzinfo=CENTRAL))
    assert notice.deemed_given_local == datetime(2001, 11, 19, 9, tzinfo=CENTRAL)
    assert notice.defects == ["§9.2 allows email only with a confirming copy by another method; none is recorded."]
    confirmed = _send(matter, bank_deal, method="email", confirmation_method="courier",
                      dispatched_at=datetime(2001, 11, 16, 12, tzinfo=CENTRAL))
    assert confirmed.defects == []


@pytest.mark.django_db
def test_a_rule_stated_for_the_bank_only_applies_to_notices_to_the_bank(matter, bank_deal):
    to_bank = _send(matter, bank_deal, sender=bank_deal["borrower"], recipient=bank_deal["bank"], copy_parties=[])
    assert to_bank.deemed_given_at is None
    assert to_bank.deemed_given_rule == "§2.9: First-class mail, deemed given upon receipt: pending until delivery is recorded"
    to_borrower = _send(matter, bank_deal)
    assert to_borrower.deemed_given_on == date(2001, 11, 19)


@pytest.mark.django_db
def test_the_api_answers_the_deemed_given_moment_the_rule_and_the_defects(api_as, counsel, matter, bank_deal):
    body = api_as(counsel).post("/api/v1/notices/", {
        "agreement": bank_deal["agreement"].pk, "sender": bank_deal["bank"].pk, "recipient": bank_deal["borrower"].pk,
        "kind": "default", "method": "first_class_mail", "dispatched_at": "2001-11-16T15:00:00-05:00",
        "delivered_at": "2001-11-17T10:00:00-06:00", "period_days": 20}, format="json").json()
    assert body["deemed_given_at"] == "2001-11-17T11:00:00-05:00"  # the firm's zone
    assert body["deemed_given_local"] == "2001-11-17T10:00:00-06:00"  # Minneapolis, where received
    assert body["deemed_given_on"] == "2001-11-17"
    assert body["deemed_given_rule"] == ("§9.2: First-class mail, deemed given the earlier of upon receipt and 3 days "
                                         "after dispatch: upon receipt applied")
    assert [(p["part"], p["on"], p["applied"]) for p in body["deemed_given_parts"]] == [
        ("upon receipt", "2001-11-17", True), ("3 days after dispatch", "2001-11-19", False)]
    assert body["defects"] == ["§9.2 requires a copy of notices to Gopher Mills, Inc. to Faegre & Benson LLP "
                               "(Attention: Finance Group); none is recorded as sent."]


@pytest.mark.django_db
def test_the_notice_page_shows_the_moment_where_received_and_at_the_firm_and_the_defects(client_as, counsel, matter,
                                                                                          bank_deal):
    notice = _send(matter, bank_deal, method="email", dispatched_at=datetime(2025, 12, 5, 23, 30, tzinfo=CENTRAL),
                   copy_parties=[])
    page = client_as(counsel).get(notice.get_absolute_url()).content.decode()
    # After 5 p.m. Friday in Minneapolis: Monday Dec 8, 2025 at 9 a.m. there, 10 a.m. in New York.
    assert "2025-12-08 09:00 CST where received" in page
    assert "2025-12-08 10:00 EST at the firm" in page
    assert "This notice may be defective" in page and "none is recorded as sent" in page
