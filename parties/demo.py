"""The parties of the ROO Group note purchase agreement of May 18, 2005, exactly as written."""

from datetime import date
from typing import Any

from parties.models import NoticeAddress, Party, PartyKind, Person
from parties.services import notice_address_add, party_create, person_create

SIGNED = date(2005, 5, 18)


def _party(legal_name: str, **data: Any) -> Party:
    existing = Party.objects.filter(legal_name=legal_name).first()
    return existing or party_create(data={"legal_name": legal_name, **data})


def _address(party: Party, **data: Any) -> None:
    if not NoticeAddress.objects.filter(party=party, effective_from=data["effective_from"]).exists():
        notice_address_add(party=party, data=data)


def _person(party: Party, name: str, **data: Any) -> None:
    if not Person.objects.filter(party=party, name=name).exists():
        person_create(party=party, data={"name": name, **data})


def load(context: dict[str, Any]) -> None:
    roo = _party(
        "ROO Group, Inc.", kind=PartyKind.ORGANIZATION, entity_type="corporation",
        jurisdiction="Delaware",
    )
    _address(
        roo, street_lines="62 White Street, Suite 3A", city="New York", state="NY",
        postal_code="10013", phone="(646) 352-0260", fax="(646) 619-4074", effective_from=SIGNED,
    )
    petty = _party("Robert Petty", kind=PartyKind.INDIVIDUAL)
    _address(
        petty, care_of="Roo Group, Inc.", care_of_party=roo,
        street_lines="62 White Street, Suite 3A", city="New York", state="New York",
        postal_code="10013", phone="(646) 352-0260", fax="(646) 619-4074", effective_from=SIGNED,
    )
    sichenzia = _party(
        "Sichenzia Ross Friedman Ference LLP", kind=PartyKind.ORGANIZATION,
        entity_type="limited liability partnership",
    )
    _person(roo, "Robin Smyth", title="Chief Financial Officer", is_signatory=True)
    _person(petty, "Robert Petty", is_signatory=True)
    context.update({"roo": roo, "petty": petty, "sichenzia": sichenzia})
