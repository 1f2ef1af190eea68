"""Every notice address keeps a time zone: from its country and state unless counsel choose one."""

import pytest

from parties.services import notice_address_add
from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def _address(**data):
    base = {"street_lines": "1 Main Street", "city": "Denver", "state": "CO", "effective_from": "2001-01-01"}
    return notice_address_add(party=PartyFactory(), data={**base, **data})


def test_an_address_takes_the_zone_of_its_state():
    assert _address().time_zone == "America/Denver"
    assert _address(city="Minneapolis", state="Minnesota").time_zone == "America/Chicago"


def test_an_address_abroad_takes_the_zone_of_its_country():
    assert _address(city="London", state="", country="United Kingdom").time_zone == "Europe/London"
    assert _address(city="George Town", state="", country="Cayman Islands").time_zone == "America/Cayman"


def test_a_zone_counsel_choose_is_kept():
    assert _address(time_zone="America/Phoenix").time_zone == "America/Phoenix"


def test_an_unknown_zone_is_refused_naming_the_field():
    with pytest.raises(Exception) as refused:
        _address(time_zone="Mars/Olympus_Mons")
    assert "time_zone" in refused.value.message_dict


def test_the_address_form_offers_zones_in_words(client_as, counsel):
    party = PartyFactory()
    page = client_as(counsel).get(f"/parties/{party.pk}/addresses/new/").content.decode()
    assert "U.S. Mountain (Denver)" in page and "From the country and state" in page
