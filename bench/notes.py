"""CFO dashboard and notes list at 10, 10,000 and 100,000 notes (10 transactions each): time and
queries, beside one raw SQL query that reads the same notes' snapshot rows (the issue's yardstick:
the dashboard within 3x of it, under 150 ms at 10,000 notes and 1.5 s at 100,000)."""

import os
import time
from datetime import date, timedelta
from decimal import Decimal

import pgtrigger
from django.db import connection, transaction
from django.test import Client

from accounts.models import Role, User
from bench.harness import get_page, measure, report
from matters.models import Matter
from notes.models import Note
from notes.snapshots import snapshots_rebuild
from parties.models import Party

CHUNK = 2000
# NOTES_BENCH_MAX=10000 stops before the 100,000-note run (its bulk load takes minutes).
SIZES = tuple(size for size in (10, 10_000, 100_000) if size <= int(os.environ.get("NOTES_BENCH_MAX", "100000")))
DASHBOARD = "/notes/?as_of=2026-06-30"
SNAPSHOT_ROWS = """SELECT s.note_id, s.as_of, s.valid_until, s.stale, s.state
  FROM notes_notesnapshot s JOIN notes_note n ON n.id = s.note_id WHERE n.matter_id = %s"""


LEDGERS = """INSERT INTO notes_notetransaction (note_id, kind, date, amount, interest_paid, principal_paid, fees_paid,
    late_charges_paid, costs_paid, premium_paid, memo, reference, void_reason, fee_type, consent_evidence,
    previous_status, created_at)
  SELECT n.id, 'payment', DATE '2025-01-01' + 30 * k, 1000, 0, 0, 0, 0, 0, 0, '', '', '', '', '', '', now()
    FROM unnest(%s::int[]) AS n(id), generate_series(1, 10) AS k"""


def _grow(matter: Matter, holders: list[Party], size: int) -> None:
    """Bulk-load notes and ten payments each (one INSERT ... SELECT; the history and staleness
    triggers are skipped as a bulk load may), then build their snapshots as `note_snapshots --rebuild` does."""
    start = Note.objects.count()
    for first in range(start, size, CHUNK):
        with transaction.atomic(), pgtrigger.ignore():
            notes = Note.objects.bulk_create(
                Note(matter=matter, issuer=matter.client, holder=holders[i % len(holders)], principal=Decimal("100000"),
                     purchase_price=Decimal("95000"), issue_date=date(2025, 1, 1),
                     maturity_date=date(2027, 1, 1) + timedelta(days=i % 700), interest_rate=Decimal("10"),
                     day_count="ACT/360", status="outstanding", title=f"Bench note {i}")
                for i in range(first, min(size, first + CHUNK))
            )
            with connection.cursor() as cursor:
                cursor.execute(LEDGERS, [[n.pk for n in notes]])
            snapshots_rebuild(notes=list(Note.objects.filter(pk__in=[n.pk for n in notes]).select_related("matter")))
    with connection.cursor() as cursor:
        # As autovacuum leaves a table in steady use: statistics, and the visibility map and hint
        # bits set (the first reads after a bulk load would otherwise write them).
        cursor.execute("VACUUM ANALYZE")


def _snapshot_rows(matter: Matter) -> float:
    best = float("inf")
    for _ in range(3):
        with connection.cursor() as cursor:
            started = time.perf_counter()
            cursor.execute(SNAPSHOT_ROWS, [matter.pk])
            cursor.fetchall()
            best = min(best, (time.perf_counter() - started) * 1000)
    return best


def main() -> None:
    client_company = Party.objects.create(legal_name="Bench Issuer, Inc.")
    holders = [Party.objects.create(legal_name=f"Bench Holder {i}") for i in range(20)]
    matter = Matter.objects.create(name="Bench matter", client=client_company)
    cfo = User.objects.create_user("bench-cfo", password="bench-password-1", role=Role.FINANCE, company=client_company)
    client = Client()
    client.force_login(cfo)
    for size in SIZES:
        started = time.perf_counter()
        _grow(matter, holders, size)
        print(f"  (loaded {size:,} notes with ledgers and snapshots in {time.perf_counter() - started:.1f} s)", flush=True)
        dashboard_ms, queries, _ = measure(get_page(client, DASHBOARD), repeat=5)
        report(f"CFO dashboard {DASHBOARD}", size, dashboard_ms, queries)
        raw_ms = _snapshot_rows(matter)
        report("one SQL query reading the snapshot rows", size, raw_ms, 1)
        print(f"  dashboard / snapshot rows = {dashboard_ms / raw_ms:.2f}x", flush=True)
        if size <= 10_000:
            ms, queries, _ = measure(get_page(client, f"/notes/matter/{matter.pk}/"), repeat=3)
            report("notes list /notes/matter/<id>/", size, ms, queries)
