from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from core.search import SearchHit
from matters.access import scope
from notes.interest import NoteTerms, Position, position
from notes.models import Note, NoteTransaction
from notes.yields import YieldView, note_yield


def terms_of(note: Note) -> NoteTerms:
    return NoteTerms(
        principal=note.principal, issue_date=note.issue_date, interest_rate=note.interest_rate,
        day_count=note.day_count, currency=note.currency,
    )


def live_transactions(note: Note) -> QuerySet[NoteTransaction]:
    return note.transactions.filter(voided_at__isnull=True).order_by("date", "id")


def note_position(note: Note, as_of: date) -> Position:
    return position(terms_of(note), live_transactions(note), as_of)


def positions_for(notes: Iterable[Note], as_of: date) -> dict[int, Position]:
    """Positions of many notes with ONE query for all their transactions."""
    notes = list(notes)
    by_note: dict[int, list[Any]] = defaultdict(list)
    for txn in NoteTransaction.objects.filter(
        note_id__in=[n.pk for n in notes], voided_at__isnull=True, date__lte=as_of
    ).order_by("date", "id").values_list("note_id", "kind", "date", "amount", "rate", named=True):
        by_note[txn.note_id].append(txn)
    return {note.pk: position(terms_of(note), by_note[note.pk], as_of) for note in notes}


def governing_law(note: Note) -> str:
    agreement = note.agreement
    while agreement is not None and not agreement.governing_law and agreement.parent_id:
        agreement = agreement.parent
    return agreement.governing_law if agreement is not None else ""


def yield_of(note: Note) -> YieldView:
    return note_yield(
        principal=note.principal, price=note.purchase_price, rate=note.interest_rate,
        issue=note.issue_date, maturity=note.maturity_date, governing_law=governing_law(note),
    )


def note_list(*, user: Any) -> QuerySet[Note]:
    return scope(user, Note.objects.select_related("matter", "issuer", "holder", "agreement__parent"))


def search_hits(user: Any, query: str) -> list[SearchHit]:
    notes = note_list(user=user).filter(title__icontains=query)[:10]
    return [SearchHit("Note", str(n), reverse("notes:detail", args=[n.pk]), n.matter.name) for n in notes]
