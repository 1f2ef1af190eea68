"""Demo: the seed's general security interest (no UCC-1 recorded), and a filed UCC-1 on the
current demo matter whose continuation window opens soon. Idempotent; tolerates a missing
notes or agreements demo."""

from datetime import date
from typing import Any

from agreements.models import Agreement, AgreementKind
from notes.models import Note
from security_interests.models import SecurityInterest
from security_interests.services import financing_statement_create, security_interest_create

SEED_CLAUSE = "a general security interest in and to any and all assets of the Company"
SEED_SIGNED = date(2005, 5, 18)
# Lapses 2027-06-10: the continuation window opens 2026-12-10, a few weeks after the demo's today.
CURRENT_FILED = date(2022, 6, 10)


def _seed(context: dict[str, Any]) -> None:
    matter, roo, petty = context["roo_matter"], context["roo"], context["petty"]
    if SecurityInterest.objects.filter(matter=matter, debtor=roo, secured_party=petty).exists():
        return
    note = Note.objects.filter(matter=matter, principal=600000).order_by("id").first()
    agreement = Agreement.objects.filter(matter=matter, kind=AgreementKind.NOTE_PURCHASE).order_by("id").first()
    security_interest_create(
        matter=matter,
        data={
            "debtor": roo,
            "secured_party": petty,
            "notes": [note] if note else [],
            "collateral": "Any and all assets of the Company",
            "all_assets": True,
            "granting_agreement": agreement,
            "granting_clause": SEED_CLAUSE,
            "clause_reference": "§1",
            "granted_on": SEED_SIGNED,
        },
    )


def _current(context: dict[str, Any]) -> None:
    matter = context.get("current_matter")
    if matter is None or SecurityInterest.objects.filter(matter=matter).exists():
        return
    note = Note.objects.filter(matter=matter).order_by("id").first()
    debtor = note.issuer if note else matter.client
    secured_party = note.holder if note else context["petty"]
    if debtor == secured_party:
        return
    si = security_interest_create(
        matter=matter,
        data={
            "debtor": debtor,
            "secured_party": secured_party,
            "notes": [note] if note else [],
            "collateral": "All assets of the Debtor, now owned or hereafter acquired",
            "all_assets": True,
            "granted_on": CURRENT_FILED,
            "priority": "first",
        },
    )
    financing_statement_create(
        security_interest=si,
        data={"filing_office": debtor.jurisdiction or "Delaware", "file_number": "2022 4817203", "filing_date": CURRENT_FILED},
    )


def load(context: dict[str, Any]) -> None:
    _seed(context)
    _current(context)
