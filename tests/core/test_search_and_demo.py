from datetime import date
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from accounts.models import User
from closings.models import Deliverable
from matters.models import Matter
from parties.models import NoticeAddress, Party, Person
from tests.factories import MatterFactory

pytestmark = pytest.mark.django_db
NY = ZoneInfo("America/New_York")


def test_global_search_finds_parties_and_only_the_matters_the_user_may_see(client_as, outsider, matter):
    MatterFactory(name="ROO Group bridge loan", client=matter.client).memberships.create(user=outsider)
    results = client_as(outsider).get("/search/?q=roo").context["results"]
    assert [hit.title for hit in results["Parties"]] == ["ROO Group, Inc."]
    assert [hit.title for hit in results["Matters"]] == ["ROO Group bridge loan"]


def test_a_one_letter_search_asks_for_more(client_as, counsel):
    response = client_as(counsel).get("/search/?q=r")
    assert response.context["results"] == {}
    assert "at least two characters" in response.content.decode()


def _counts() -> tuple[int, ...]:
    return (Party.objects.count(), NoticeAddress.objects.count(), Person.objects.count(),
            User.objects.count(), Matter.objects.count())


def test_the_demo_holds_the_roo_group_parties_exactly_as_the_agreement_writes_them():
    call_command("load_demo", verbosity=0)
    roo = Party.objects.get(legal_name="ROO Group, Inc.")
    assert (roo.jurisdiction, roo.entity_type) == ("Delaware", "corporation")
    address = roo.notice_addresses.get()
    assert address.lines == ["ROO Group, Inc.", "62 White Street, Suite 3A", "New York, NY 10013"]
    assert (address.phone, address.fax) == ("(646) 352-0260", "(646) 619-4074")
    petty = Party.objects.get(legal_name="Robert Petty").notice_addresses.get()
    assert petty.lines == ["Robert Petty", "c/o Roo Group, Inc.", "62 White Street, Suite 3A", "New York, New York 10013"]
    smyth = Person.objects.get(name="Robin Smyth")
    assert (smyth.title, smyth.party, smyth.is_signatory) == ("Chief Financial Officer", roo, True)
    assert Party.objects.filter(legal_name="Sichenzia Ross Friedman Ference LLP").exists()
    matter = Matter.objects.get(name="ROO Group, Inc.: $600,000 secured note to Robert Petty, May 2005")
    assert [m.user.username for m in matter.memberships.all()] == ["counsel"]
    assert User.objects.get(username="cfo").company == roo
    # The 2005 closing's deliverables were received at that closing, not on the day of loading.
    received = Deliverable.objects.filter(closing__matter=matter).order_by("position")
    assert [(d.status, d.status_at.astimezone(NY).date()) for d in received] == [("received", date(2005, 5, 18))] * 3


def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    first = _counts()
    call_command("load_demo", verbosity=0)
    assert _counts() == first


def test_global_search_finds_later_record_types_the_user_may_see(client_as, counsel, matter):
    from tests.deadlines.factories import ObligationFactory

    ObligationFactory(matter=matter, title="Continuation of UCC-1 2005-1234567")
    results = client_as(counsel).get("/search/?q=continuation").context["results"]
    assert [hit.title for hit in results["Deadlines"]] == ["Continuation of UCC-1 2005-1234567"]


def test_the_demo_agreement_carries_its_executed_text_word_for_word_once(client):
    import hashlib

    from accounts.models import User
    from agreements.demo import EXECUTED_TEXT
    from agreements.models import Agreement

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    npa = Agreement.objects.get(kind="note_purchase", matter__name__startswith="ROO Group, Inc.: $600,000")
    document = npa.documents.get()
    expected = EXECUTED_TEXT.read_bytes()
    assert (document.version, document.is_executed) == (1, True)
    assert document.sha256 == hashlib.sha256(expected).hexdigest()
    client.force_login(User.objects.get(username="cfo"))
    download = client.get(f"/agreements/{npa.pk}/documents/{document.pk}/")
    assert b"".join(download.streaming_content) == expected
    assert b"AGREEMENT  made as of this 18th day of May 2005" in expected
