"""The seed's closing of May 18, 2005 (§3), and a current closing a few days from today."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from agreements.models import Agreement
from closings.models import Closing
from closings.services import closing_close, closing_create, deliverable_create, deliverable_update

NY = ZoneInfo("America/New_York")


def load(context: dict[str, Any]) -> None:
    roo_matter = context["roo_matter"]
    if not Closing.objects.filter(matter=roo_matter).exists():
        _seed(context)
    current = context.get("current_matter")
    if current is not None and not Closing.objects.filter(matter=current).exists():
        _current(current)


def _seed(context: dict[str, Any]) -> None:
    roo, petty, counsel = context["roo"], context["petty"], context["counsel"]
    closing = closing_create(matter=context["roo_matter"], agreements=[context["roo_npa"]], data={
        "scheduled_at": datetime(2005, 5, 18, 10, tzinfo=NY), "place": "The offices of Sichenzia Ross Friedman Ference LLP",
        "place_party": context["sichenzia"], "simultaneous_with_signing": True, "clause": "§3.1"})
    items = [
        {"description": "The Note", "kind": "document", "from_party": roo, "to_party": petty, "clause": "§3.2(a)"},
        {"description": "The executed Registration Rights Agreement", "kind": "document", "from_party": roo,
         "to_party": petty, "clause": "§3.2(b)"},
        {"description": "Five Hundred Thousand Five Hundred Dollars ($500,500), in a manner to be agreed upon by Petty "
                        "and the Company", "kind": "funds", "amount": Decimal("500500.00"), "from_party": petty,
         "to_party": roo, "clause": "§3.3"},
    ]
    for position, data in enumerate(items):
        item = deliverable_create(closing=closing, data={**data, "position": position})
        # Received at the 2005 closing itself, not on the day the demo was loaded.
        deliverable_update(deliverable=item, data={"status": "received"}, version=item.version, by=counsel,
                           at=datetime(2005, 5, 18, 10, tzinfo=NY))
    closing_close(closing=closing, closed_on=date(2005, 5, 18), by=counsel)


def _current(matter: Any) -> None:
    npa = Agreement.objects.filter(matter=matter, kind="note_purchase").first()
    parties = {ap.role: ap.party for ap in npa.agreement_parties.all()} if npa else {}
    company, purchaser = parties.get("company", matter.client), parties.get("purchaser", matter.client)
    day = timezone.localdate() + timedelta(days=4)
    closing = closing_create(matter=matter, data={
        "scheduled_at": datetime.combine(day, time(10), tzinfo=NY), "place": "Video conference and escrow",
        "clause": "§2.2"})
    rows = [
        ("Amendment No. 1, executed", "document", company, None, "received"),
        ("Officer's bring-down certificate", "certificate", company, None, "outstanding"),
        ("Good-standing certificate (Delaware)", "certificate", company, None, "outstanding"),
        ("Legal opinion of the Company's counsel", "document", company, None, "outstanding"),
        ("UCC-3 amendment filed; acknowledgment copy", "filing", company, 10, "outstanding"),
        ("Additional purchase price by wire", "funds", purchaser, None, "outstanding"),
    ]
    for position, (text, kind, frm, days, status) in enumerate(rows):
        item = deliverable_create(closing=closing, data={
            "description": text, "kind": kind, "from_party": frm, "to_party": company if frm != company else purchaser,
            "days_after_closing": days, "position": position, "amount": Decimal("250000.00") if kind == "funds" else None})
        if status == "received":
            deliverable_update(deliverable=item, data={"status": status}, version=item.version, by=None)
