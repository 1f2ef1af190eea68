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


NO_PARTY = 'Accept the party "{party}" first: this is its notice address.'
NO_CITY = ("The address has no line reading City, State ZIP: edit it with one item a line (separate lines with "
           '" | "), e.g. "1200 Main Street | Dallas, Texas 75202 | Attention: CFO".')
ADDRESS_DATA = ("attention", "care_of", "city", "state", "postal_code", "phone", "fax", "email")


def _address(value: Any, proposal: ProposedTerm, *, named: bool) -> dict[str, Any]:
    """The proposed fields, or an edit typed as text (one item a line, or separated by " | ")."""
    from documents import addresses

    if isinstance(value, dict):
        return value
    text = str(value or "").replace(" | ", "\n").replace("|", "\n")
    fields = addresses.address_parse(text, named=named)
    party = proposal.value.get("party", "") if isinstance(proposal.value, dict) else ""
    return {**fields, "party": party}


def _address_data(fields: dict[str, Any], agreement: Agreement) -> dict[str, Any]:
    if not fields.get("city"):
        raise ValidationError({"value": NO_CITY})
    data: dict[str, Any] = {key: str(fields.get(key) or "")[:255] for key in ADDRESS_DATA}
    data["street_lines"] = "\n".join(fields.get("street_lines") or [])
    data["effective_from"] = effective_from(agreement)
    return data


def notice_address_apply(*, agreement: Agreement, proposal: ProposedTerm, value: Any) -> None:
    from parties import services as party_services

    fields = _address(value, proposal, named=False)
    row = party_for_term(agreement, fields.get("party", ""))
    if row is None:
        raise ValidationError({"value": NO_PARTY.format(party=fields.get("party", ""))})
    party_services.notice_address_add(party=row.party, data=_address_data(fields, agreement))


def notice_copy_apply(*, agreement: Agreement, proposal: ProposedTerm, value: Any) -> None:
    """A "with a copy to" address: its addressee in the directory (found by name, else created with
    this address) and the agreement's rule that notices to the party need a copy to it."""
    from agreements import services as agreement_services
    from agreements.models import NoticeCopyTo
    from parties import services as party_services
    from parties.models import Party

    fields = _address(value, proposal, named=True)
    row = party_for_term(agreement, fields.get("party", ""))
    if row is None:
        raise ValidationError({"value": NO_PARTY.format(party=fields.get("party", ""))})
    name = " ".join(str(fields.get("name") or "").split())
    if not name:
        raise ValidationError({"value": "Enter the name the copy goes to on the first line."})
    data = _address_data(fields, agreement)
    copy_party = Party.objects.filter(legal_name__iexact=name).order_by("pk").first()
    if copy_party is None:
        copy_party = party_services.party_create(data={"legal_name": name}, addresses=[data])
    elif not copy_party.notice_addresses.exists():
        party_services.notice_address_add(party=copy_party, data=data)
    copies = [{"party": c.party, "copy_party": c.copy_party, "attention": c.attention, "clause": c.clause}
              for c in NoticeCopyTo.objects.filter(agreement=agreement).select_related("party", "copy_party")]
    if not any(c["party"] == row.party and c["copy_party"] == copy_party for c in copies):
        copies.append({"party": row.party, "copy_party": copy_party, "attention": data["attention"],
                       "clause": f"§{proposal.section}"[:50] if proposal.section else ""})
        agreement_services.notice_copies_set(agreement=agreement, copies=copies)


def clause_apply(*, agreement: Agreement, proposal: ProposedTerm, value: Any) -> None:
    """A standard clause (assignment, amendments, arbitration, jurisdiction) into the agreement's
    clauses: its section, heading and words; an edit replaces the words."""
    from agreements import services as agreement_services
    from agreements.models import Clause

    proposed = proposal.value if isinstance(proposal.value, dict) else {}
    fields = value if isinstance(value, dict) else {**proposed, "text": str(value or "")}
    number = str(fields.get("clause") or proposal.section or "").removeprefix("§")
    data = {"kind": fields.get("kind", ""), "clause": f"§{number}"[:50] if number else "",
            "heading": str(fields.get("heading") or "")[:200], "text": str(fields.get("text") or "").strip()}
    existing = Clause.objects.filter(agreement=agreement, kind=data["kind"], clause=data["clause"]).first()
    if existing is not None:
        agreement_services.clause_update(clause=existing, data=data)
    else:
        agreement_services.clause_add(agreement=agreement, data=data)
