"""Accepted proposals that write more than one field of another app's records: a note's floating
rate (index and spread go together), a party's notice address and its "with a copy to", and an
agreement's standard clauses. Each goes through the service hand entry uses; a refused value is a
ValidationError raised before anything is saved, inside proposal_decide's transaction."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement, AgreementParty
from documents.models import ProposalStatus, ProposedTerm
from notes import services as note_services
from notes.models import Note
from rates.models import RateIndex

NO_NOTE = "Accept the principal first: it records the agreement's note."
NO_INDEX = ('No rate index is named "{name}". Create it on the rate indexes page ({url}), then accept again.')
NO_SPREAD = "Accept the spread over the index together with the index: record it on the note or edit this proposal."
NOT_A_NUMBER = "Enter a number."
# Floating-rate proposals and the note field each sets.
FLOATING_FIELDS = {"interest.index": "rate_index", "interest.spread": "spread", "interest.floor": "rate_floor",
                   "interest.cap": "rate_cap"}
# Names the same index goes by in agreements: each group's keys are one index.
INDEX_ALIASES = (
    {"prime", "prime lending", "wall street journal prime", "wsj prime", "prime commercial lending"},
    {"sofr", "secured overnight financing"},
    {"term sofr", "cme term sofr"},
    {"libor", "london interbank offered", "london interbank offered libor", "libo"},
    {"federal funds", "fed funds", "federal funds effective", "effective federal funds"},
    {"euribor", "euro interbank offered"},
)


def index_key(name: str) -> str:
    """"The Prime Rate", "Prime (WSJ)" and "prime" all key to "prime"."""
    key = re.sub(r"\([^)]*\)", " ", name.lower())
    key = re.sub(r"[^\w\s]", " ", key.replace("-", " "))
    words = [w for w in key.split() if w not in ("the", "a", "an", "rate", "rates", "index", "as", "published", "by")]
    return " ".join(words)


def _aliases(key: str) -> set[str]:
    return next((group for group in INDEX_ALIASES if key in group), {key})


def rate_index_find(name: str) -> RateIndex:
    """The existing index the agreement's words name: same name ignoring case, or a common alias."""
    wanted = " ".join(str(name or "").split())
    if not wanted:
        raise ValidationError({"value": "Enter the index's name."})
    exact = RateIndex.objects.filter(name__iexact=wanted).first()
    if exact is not None:
        return exact
    names = _aliases(index_key(wanted))
    for index in RateIndex.objects.order_by("name", "pk"):
        if index_key(index.name) in names:
            return index
    raise ValidationError({"value": NO_INDEX.format(name=wanted, url=reverse("rates:create"))})


def _number(value: Any) -> Decimal:
    text = str(value).replace(",", "").replace("%", "").replace("+", "").strip()
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({"value": NOT_A_NUMBER}) from error


def _partner(proposal: ProposedTerm, path: str) -> ProposedTerm | None:
    return (ProposedTerm.objects.select_for_update().filter(document_text_id=proposal.document_text_id, path=path,
                                                            status=ProposalStatus.PROPOSED).first())


def floating_apply(*, agreement: Agreement, proposal: ProposedTerm, value: Any, by: Any) -> None:
    """Index and spread are one term: the note needs both. Accepting one while the other still
    waits accepts the other as proposed in the same write (both show as accepted); a note that
    already floats keeps the part not decided here."""
    note = Note.objects.filter(agreement=agreement).order_by("pk").first()
    if note is None:
        raise ValidationError({"value": NO_NOTE})
    field = FLOATING_FIELDS[proposal.path]
    data: dict[str, Any] = {field: rate_index_find(value) if field == "rate_index" else _number(value)}
    partners: list[ProposedTerm] = []
    if note.rate_index_id is None and field != "rate_index":
        partner = _partner(proposal, "interest.index")
        if partner is None:
            raise ValidationError({"value": "Accept the rate index first: the spread, floor and cap apply to it."})
        data["rate_index"] = rate_index_find(str(partner.value or ""))
        partners.append(partner)
    if note.spread is None and field != "spread":
        partner = _partner(proposal, "interest.spread")
        if partner is None:
            raise ValidationError({"value": NO_SPREAD})
        data["spread"] = _number(partner.value)
        partners.append(partner)
    if "rate_index" in data:
        data["interest_rate"] = None  # a floating note takes its rate from the index
    note_services.note_update(note=note, data=data, by=by)
    for partner in partners:
        _mark_accepted(partner, by)


def _mark_accepted(proposal: ProposedTerm, by: Any) -> None:
    proposal.status = ProposalStatus.ACCEPTED
    proposal.decided_value = proposal.value
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_value", "decided_by", "decided_at"])


def party_for_term(agreement: Agreement, words: str) -> AgreementParty | None:
    """The agreement's party a notice block names: by defined term ("the Company"), else by name."""
    key = re.sub(r"(?i)^the\s+", "", " ".join(str(words or "").split())).strip(" ,.:").lower()
    rows = list(AgreementParty.objects.filter(agreement=agreement).select_related("party").order_by("pk"))
    for row in rows:
        if re.sub(r"(?i)^the\s+", "", row.defined_term).lower() == key or row.role.replace("_", " ") == key:
            return row
    for row in rows:
        if row.party.legal_name.lower().strip(" ,.") == key:
            return row
    return None


def effective_from(agreement: Agreement) -> date:
    return agreement.dated_as_of or timezone.localdate()
