"""Each note's snapshot: the ledger's figures after its last entry (`notes.interest.snapshot`),
rebuilt in the same transaction as every write to the note (`snapshot_refresh`, called by the
services), marked stale by database triggers when anything it was built from changes outside
them, and never read while stale. Positions resume from it and replay only what the terms add
after it (resets, compounding, fees falling due, installments)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from notes import interest
from notes.daycount import BASIS_LCM
from notes.models import Note, NoteSnapshot, NoteTransaction

RATE_PLACES = 6  # the SQL sums' common rate unit: 10**-6 percent
SCALE = 10**2 * 10**RATE_PLACES * 100 * BASIS_LCM  # accrued units in one currency unit (100 cents)
# The SQL sums add cents as 64-bit integers: a snapshot is summable there only while its interest
# stays below this for a century of accrual (far beyond any note; the Python engine takes the rest).
CENTS_LIMIT = 4 * 10**18
CENTURY = 110 * BASIS_LCM  # weighted days in 100 years, with room for the longest day count


def columns(state: dict[str, Any]) -> dict[str, Any]:
    """The typed columns the dashboard's SQL reads, from a snapshot's state."""
    summable = state["money_places"] == 2 and state["rate_places"] <= RATE_PLACES
    scale = 10 ** (RATE_PLACES - state["rate_places"]) if summable else 0
    accrued, slope = state["accrued"] * scale, state["principal"] * state["rate"] * scale
    small = max(abs(state["principal"]), abs(state["commitment"] or 0)) < CENTS_LIMIT
    summable = summable and small and abs(accrued) + abs(slope) * CENTURY < CENTS_LIMIT * SCALE // 100
    return {
        "summable": summable, "cursor": date.fromisoformat(state["cursor"]), "accrues": state["accrues"],
        "principal_units": state["principal"], "advanced_units": state["advanced"],
        "commitment_units": state["commitment"], "accrued_units": accrued, "slope": slope,
    }


def _ledger_rows(note: Note) -> list[Any]:
    return list(NoteTransaction.objects.filter(note=note, voided_at__isnull=True).order_by("date", "id").values_list(
        "kind", "date", "amount", "rate", named=True))


def build(note: Note) -> interest.Snapshot | None:
    from notes.selectors import terms_of  # selectors read snapshots

    return interest.snapshot(terms_of(note), _ledger_rows(note))


def snapshot_refresh(*, note: Note) -> None:
    """Rebuild the note's snapshot from its ledger (inside the write's transaction)."""
    snap = build(note)
    if snap is None:
        NoteSnapshot.objects.filter(note=note).delete()
        return
    NoteSnapshot.objects.update_or_create(note=note, defaults={
        "as_of": snap.as_of, "valid_until": snap.valid_until, "state": snap.state, "stale": False,
        **columns(snap.state)})


def snapshots_rebuild(*, notes: list[Note]) -> int:
    """Rebuild many notes' snapshots from their ledgers in a few queries (the caller holds the
    transaction): what `note_snapshots --rebuild` and bulk loads use. Returns how many were stored."""
    from notes.selectors import ledgers_of, terms_for

    terms = terms_for(notes)
    ledgers = ledgers_of([n.pk for n in notes])
    built = {note.pk: interest.snapshot(terms[note.pk], ledgers[note.pk]) for note in notes}
    NoteSnapshot.objects.filter(note__in=[pk for pk, snap in built.items() if snap is None]).delete()
    rows = [NoteSnapshot(note_id=pk, as_of=snap.as_of, valid_until=snap.valid_until, state=snap.state, stale=False,
                         **columns(snap.state))
            for pk, snap in built.items() if snap is not None]
    NoteSnapshot.objects.bulk_create(rows, update_conflicts=True, unique_fields=["note"], update_fields=[
        "as_of", "valid_until", "state", "stale", "built_at", *columns(rows[0].state)] if rows else ["stale"])
    return len(rows)


def fresh(rows: Any) -> dict[int, interest.Snapshot]:
    """The snapshots of these notes that may be read (not stale), by note id."""
    return {
        note_id: interest.Snapshot(as_of, state, valid_until)
        for note_id, as_of, state, valid_until in NoteSnapshot.objects.filter(note__in=rows, stale=False).values_list(
            "note_id", "as_of", "state", "valid_until")
    }


@dataclass(frozen=True)
class Difference:
    note: Note
    stored: str
    rebuilt: str


def check(notes: Any, as_of: date) -> list[Difference]:
    """Every note whose stored snapshot (stale or not) gives another position than its ledger."""
    from notes.selectors import terms_of

    found = []
    stored = {row.note_id: row for row in NoteSnapshot.objects.filter(note__in=notes)}
    for note in notes:
        row = stored.get(note.pk)
        snap = build(note)
        if row is None or snap is None:
            if (row is None) != (snap is None):
                found.append(Difference(note, "none" if row is None else "stored", "none" if snap is None else "built"))
            continue
        terms = terms_of(note)
        day = max(as_of, row.as_of)
        kept = interest.position_from(terms, interest.Snapshot(row.as_of, row.state, row.valid_until), day)
        replayed = interest.position(terms, _ledger_rows(note), day)
        if row.stale or kept != replayed:
            found.append(Difference(note, "stale" if row.stale else repr(kept), repr(replayed)))
    return found
