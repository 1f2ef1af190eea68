"""Every write to the representations register, and the breach flag that opens the notice workflow."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from deadlines.models import ObligationKind
from deadlines.services import ObligationSpec, obligations_sync
from matters.access import ensure_in_matter
from matters.models import Matter
from representations.models import BreachFlag, Representation, RepresentationStatus

FIELDS = ("agreement", "clause", "party", "given_to", "title", "text", "survival", "brought_down_by_certificate")
NOT_A_PARTY = "{party} is not a party to {agreement}."
NOBODY_TO_NOTIFY = "{agreement} names no other party to send a notice of breach."
AGREEMENT_FIXED = "A representation stays on its agreement."


def _check(representation: Representation) -> None:
    ensure_in_matter(representation.matter, agreement=representation.agreement)
    parties = set(representation.agreement.agreement_parties.values_list("party_id", flat=True))
    errors = {field: NOT_A_PARTY.format(party=getattr(representation, field), agreement=representation.agreement)
              for field in ("party", "given_to")
              if getattr(representation, f"{field}_id") is not None and getattr(representation, f"{field}_id") not in parties}
    if errors:
        raise ValidationError(errors)
    representation.full_clean()


@transaction.atomic
def representation_create(*, matter: Matter, data: dict[str, Any]) -> Representation:
    representation = Representation(matter=matter, **{k: v for k, v in data.items() if k in FIELDS})
    _check(representation)
    representation.save()
    return representation


@transaction.atomic
def representation_update(*, representation: Representation, data: dict[str, Any]) -> Representation:
    if data.get("agreement", representation.agreement) != representation.agreement:
        raise ValidationError({"agreement": AGREEMENT_FIXED})
    for field in FIELDS:
        if field in data:
            setattr(representation, field, data[field])
    _check(representation)
    representation.save()
    return representation


def _recipient_and_sender(representation: Representation) -> tuple[Any, Any]:
    """A notice of breach goes to the party that gave the representation, from the one it was
    given to (else the agreement's first other party)."""
    sender = representation.given_to
    if sender is None:
        other = (representation.agreement.agreement_parties.exclude(party=representation.party)
                 .select_related("party").first())
        if other is None:
            raise ValidationError({"representation": NOBODY_TO_NOTIFY.format(agreement=representation.agreement)})
        sender = other.party
    return representation.party, sender


def _notice_body(representation: Representation, description: str) -> str:
    agreement = representation.agreement
    dated = f" dated as of {agreement.dated_as_of:%B %-d, %Y}" if agreement.dated_as_of else ""
    return (f"In {representation.clause} ({representation.title}) of the {agreement.title}{dated}, "
            f"{representation.party} represented and warranted: \"{representation.text}\" "
            f"That representation and warranty was untrue: {description} "
            "This is a breach of the agreement. All rights and remedies are reserved.")


@transaction.atomic
def representation_breach_flag(*, representation: Representation, description: str, by: Any) -> BreachFlag:
    """Flag a breach: the draft notice of breach (from the party the representation was given to,
    to the party that gave it, citing the section), the representation marked as breached, and a
    deadline to give the notice reminding the matter's people. Counsel sends the draft through Notices."""
    recipient, sender = _recipient_and_sender(representation)
    flag = BreachFlag(representation=representation, description=description.strip(),
                      flagged_by=by if getattr(by, "is_authenticated", False) else None,
                      notice_sender=sender, notice_recipient=recipient,
                      notice_subject=f"Notice of breach of representation and warranty: {representation}",
                      notice_body=_notice_body(representation, description.strip()))
    flag.full_clean()
    flag.save()
    representation.status = RepresentationStatus.BREACH_FLAGGED
    representation.save(update_fields=["status"])
    matter = representation.matter
    people = [m.user for m in matter.memberships.select_related("user")]
    obligations_sync(matter=matter, source=flag, specs=[ObligationSpec(
        key="notice", kind=ObligationKind.MANUAL, nominal_due_date=timezone.localdate(), assignees=people,
        title=f"Give notice of breach: {representation} (draft ready)", clause=representation.clause,
        responsible_party=sender, description=flag.description[:2000])])
    return flag
