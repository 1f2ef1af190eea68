"""CFO dashboard and notes list at 10 and 10,000 notes (100,000 transactions): time and queries."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test import Client

from accounts.models import Role, User
from bench.harness import get_page, measure, report
from matters.models import Matter
from notes.models import Note, NoteTransaction
from parties.models import Party


def _grow(matter: Matter, holders: list[Party], size: int) -> None:
    missing = size - Note.objects.count()
    notes = Note.objects.bulk_create(
        Note(matter=matter, issuer=matter.client, holder=holders[i % len(holders)], principal=Decimal("100000"),
             purchase_price=Decimal("95000"), issue_date=date(2025, 1, 1), maturity_date=date(2027, 1, 1) + timedelta(days=i % 700),
             interest_rate=Decimal("10"), day_count="ACT/360", status="outstanding", title=f"Bench note {i}")
        for i in range(missing)
    )
    NoteTransaction.objects.bulk_create(
        NoteTransaction(note=note, kind="payment", date=date(2025, 1, 1) + timedelta(days=30 * (k + 1)), amount=Decimal("1000"))
        for note in notes for k in range(10)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    client_company = Party.objects.create(legal_name="Bench Issuer, Inc.")
    holders = [Party.objects.create(legal_name=f"Bench Holder {i}") for i in range(20)]
    matter = Matter.objects.create(name="Bench matter", client=client_company)
    cfo = User.objects.create_user("bench-cfo", password="bench-password-1", role=Role.FINANCE, company=client_company)
    client = Client()
    client.force_login(cfo)
    for size in (10, 10_000):
        _grow(matter, holders, size)
        for label, url in (("CFO dashboard /notes/?as_of=2026-06-30", "/notes/?as_of=2026-06-30"),
                           ("notes list /notes/matter/<id>/", f"/notes/matter/{matter.pk}/")):
            ms, queries, _ = measure(get_page(client, url), repeat=3)
            report(label, size, ms, queries)
