"""Every write to agreements, their parties, notice rules, signatories and documents."""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from agreements.models import (
    Agreement,
    AgreementParty,
    Clause,
    Document,
    NoticeCopyTo,
    NoticeRule,
    Signatory,
)
from core.uploads import CONTENT_TYPES, upload_check
from matters.access import ensure_in_matter

AGREEMENT_FIELDS = (
    "kind", "title", "dated_as_of", "status", "governing_law", "governing_law_clause",
    "dispute_resolution", "forum", "arbitration_rules", "successor_forum", "arbitration_costs",
    "assignment_requires_consent", "amendments_require_writing", "parent", "exhibit_label",
    "notice_clause_ref", "notice_clause_text", "business_day_calendars",
)
NOT_A_PARTY = "{party} is not a party to this agreement."


@transaction.atomic
def agreement_create(
    *, matter: Any, data: dict[str, Any], parties: list[dict[str, Any]] | None = None,
    notice_rules: list[dict[str, Any]] | None = None, notice_copies: list[dict[str, Any]] | None = None,
) -> Agreement:
    agreement = Agreement(matter=matter, **{k: v for k, v in data.items() if k in AGREEMENT_FIELDS})
    _check_parent(agreement)
    agreement.full_clean()
    agreement.save()
    agreement_parties_set(agreement=agreement, parties=parties or [])
    notice_rules_set(agreement=agreement, rules=notice_rules or [])
    notice_copies_set(agreement=agreement, copies=notice_copies or [])
    return agreement


@transaction.atomic
def agreement_update(
    *, agreement: Agreement, data: dict[str, Any], parties: list[dict[str, Any]] | None = None,
    notice_rules: list[dict[str, Any]] | None = None, notice_copies: list[dict[str, Any]] | None = None,
) -> Agreement:
    _assign(agreement, AGREEMENT_FIELDS, data)
    _check_parent(agreement)
    agreement.full_clean()
    agreement.save()
    if parties is not None:
        agreement_parties_set(agreement=agreement, parties=parties)
    if notice_rules is not None:
        notice_rules_set(agreement=agreement, rules=notice_rules)
    if notice_copies is not None:
        notice_copies_set(agreement=agreement, copies=notice_copies)
    return agreement


def _assign(instance: Any, fields: tuple[str, ...], data: dict[str, Any]) -> None:
    for field in fields:
        if field in data:
            setattr(instance, field, data[field])


def _check_parent(agreement: Agreement) -> None:
    ensure_in_matter(agreement.matter, parent=agreement.parent)


def agreement_parties_set(*, agreement: Agreement, parties: list[dict[str, Any]]) -> None:
    agreement.agreement_parties.all().delete()
    for item in parties:
        row = AgreementParty(agreement=agreement, **item)
        row.full_clean()
        row.save()


def notice_rules_set(*, agreement: Agreement, rules: list[dict[str, Any]]) -> None:
    _replace_rows(agreement, NoticeRule, rules, party_field="recipient_party")


def notice_copies_set(*, agreement: Agreement, copies: list[dict[str, Any]]) -> None:
    """The "with a copy to" recipients the clause requires, per party of the agreement."""
    _replace_rows(agreement, NoticeCopyTo, copies, party_field="party")


def _replace_rows(agreement: Agreement, model: type[NoticeRule] | type[NoticeCopyTo], rows: list[dict[str, Any]], *,
                  party_field: str) -> None:
    model.objects.filter(agreement=agreement).delete()
    for item in rows:
        row = model(agreement=agreement, **item)
        _check_party(agreement, party_field, getattr(row, party_field))
        row.full_clean()
        row.save()


def _check_party(agreement: Agreement, field: str, party: Any) -> None:
    if party is not None and not agreement.agreement_parties.filter(party=party).exists():
        raise ValidationError({field: NOT_A_PARTY.format(party=party)})


def document_upload(*, agreement: Agreement, upload: UploadedFile, is_executed: bool, by: Any) -> Document:
    kind = upload_check(upload)
    name = upload.name or "document"
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        Agreement.objects.select_for_update().get(pk=agreement.pk)
        version = (agreement.documents.aggregate(v=Max("version"))["v"] or 0) + 1
        document = Document(
            agreement=agreement, original_name=name, version=version, sha256=digest.hexdigest(),
            content_type=CONTENT_TYPES[kind], size=upload.size or 0,
            is_executed=is_executed, uploaded_by=by,
        )
        document.file.save(name, upload, save=False)
        document.save()
    return document


PERSON_OF_ANOTHER_PARTY = "{person} acts for {their_party}, not for {party}."
SIGNATORY_FIELDS = ("person", "party", "title_as_signed")
CLAUSE_FIELDS = ("kind", "clause", "heading", "text")


def _save_signatory(signatory: Signatory) -> Signatory:
    _check_party(signatory.agreement, "party", signatory.party)
    if signatory.person.party_id != signatory.party_id:
        raise ValidationError({"person": PERSON_OF_ANOTHER_PARTY.format(
            person=signatory.person.name, their_party=signatory.person.party, party=signatory.party)})
    signatory.full_clean()
    signatory.save()
    return signatory


@transaction.atomic
def signatory_add(*, agreement: Agreement, data: dict[str, Any]) -> Signatory:
    """Who signed the agreement, in what capacity, for which of its parties (the signature block)."""
    return _save_signatory(Signatory(agreement=agreement, **{k: v for k, v in data.items() if k in SIGNATORY_FIELDS}))


@transaction.atomic
def signatory_update(*, signatory: Signatory, data: dict[str, Any]) -> Signatory:
    _assign(signatory, SIGNATORY_FIELDS, data)
    return _save_signatory(signatory)


@transaction.atomic
def signatory_remove(*, signatory: Signatory) -> None:
    signatory.delete()


@transaction.atomic
def clause_add(*, agreement: Agreement, data: dict[str, Any]) -> Clause:
    clause = Clause(agreement=agreement, **{k: v for k, v in data.items() if k in CLAUSE_FIELDS})
    clause.full_clean()
    clause.save()
    return clause


@transaction.atomic
def clause_update(*, clause: Clause, data: dict[str, Any]) -> Clause:
    _assign(clause, CLAUSE_FIELDS, data)
    clause.full_clean()
    clause.save()
    return clause


@transaction.atomic
def clause_remove(*, clause: Clause) -> None:
    clause.delete()
