"""Every write to the party directory."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from parties.models import NoticeAddress, Party, Person
from parties.zones import zone_for

ADDRESS_OVERLAPS = (
    "Another notice address is already in effect on or after this date; "
    "a new address must take effect after the current one started."
)

PARTY_FIELDS = ("kind", "legal_name", "entity_type", "jurisdiction", "organizational_id")
ADDRESS_FIELDS = (
    "attention", "care_of", "care_of_party", "street_lines", "city", "state", "postal_code", "country",
    "phone", "fax", "email", "time_zone", "effective_from", "effective_until",
)


def _assign(instance: Any, data: dict[str, Any], fields: tuple[str, ...]) -> None:
    for field in fields:
        if field in data:
            setattr(instance, field, data[field])


@transaction.atomic
def party_create(*, data: dict[str, Any], addresses: list[dict[str, Any]] | None = None) -> Party:
    party = Party()
    _assign(party, data, PARTY_FIELDS)
    party.full_clean()
    party.save()
    for address in sorted(addresses or [], key=lambda a: a["effective_from"]):
        notice_address_add(party=party, data=address)
    return party


@transaction.atomic
def party_update(*, party: Party, data: dict[str, Any]) -> Party:
    _assign(party, data, PARTY_FIELDS)
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def notice_address_add(*, party: Party, data: dict[str, Any]) -> NoticeAddress:
    """Add an address; the one in effect before it ends the day before the new one starts."""
    address = NoticeAddress(party=party)
    _assign(address, data, ADDRESS_FIELDS)
    _default_zone(address)
    address.full_clean(exclude=["party"])
    current = (
        NoticeAddress.objects.select_for_update()
        .filter(party=party, effective_from__lt=address.effective_from)
        .filter(effective_until__isnull=True)
        .first()
    )
    if current is not None:
        current.effective_until = address.effective_from - timedelta(days=1)
        current.save(update_fields=["effective_until"])
    return _save_address(address)


@transaction.atomic
def notice_address_update(*, address: NoticeAddress, data: dict[str, Any]) -> NoticeAddress:
    _assign(address, data, ADDRESS_FIELDS)
    _default_zone(address)
    address.full_clean(exclude=["party"])
    return _save_address(address)


def _default_zone(address: NoticeAddress) -> None:
    """Every address keeps a zone: the one typed, else its country's and state's."""
    if not address.time_zone:
        address.time_zone = zone_for(country=address.country or "", state=address.state or "")


def _save_address(address: NoticeAddress) -> NoticeAddress:
    try:
        with transaction.atomic():
            address.save()
    except IntegrityError as exc:
        if "notice_address_no_overlap" in str(exc):
            raise ValidationError({"effective_from": ADDRESS_OVERLAPS}) from exc
        raise
    return address


@transaction.atomic
def person_create(*, party: Party, data: dict[str, Any]) -> Person:
    person = Person(party=party)
    _assign(person, data, ("name", "title", "email", "phone", "is_signatory"))
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, data: dict[str, Any]) -> Person:
    _assign(person, data, ("name", "title", "email", "phone", "is_signatory"))
    person.full_clean()
    person.save()
    return person
