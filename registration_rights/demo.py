"""Exhibit B of the seed (its terms are not in the seed: not recorded), and typical terms for the
current demo matter, with a closing date that puts something in default now."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from registration_rights.models import RegistrationRights
from registration_rights.services import event_record, rights_create


def load(context: dict[str, Any]) -> None:
    roo = context["roo_matter"]
    if not RegistrationRights.objects.filter(matter=roo).exists():
        rights_create(matter=roo, data={"agreement": context.get("roo_rra"), "purchase_price": Decimal("500500.00")},
                      holders=[context["petty"]])
    current = context.get("current_matter")
    if current is None or RegistrationRights.objects.filter(matter=current).exists():
        return
    closing = timezone.localdate() - timedelta(days=100)
    rights = rights_create(matter=current, data={
        "closing_date": closing, "purchase_price": Decimal("2675000.00"), "filing_deadline_days": 30,
        "effectiveness_deadline_days": 90, "effectiveness_deadline_days_if_reviewed": 120,
        "liquidated_damages_rate": Decimal("1"), "liquidated_damages_period_days": 30,
        "liquidated_damages_cap": Decimal("10"), "damages_payable": "Within 5 business days after each 30-day period",
        "maintenance_period": "Until all Registrable Securities are sold or saleable under Rule 144 without restriction",
        "registrable_securities": "Common stock issuable on conversion of the Notes",
    })
    event_record(rights=rights, kind="filed", on=closing + timedelta(days=34))
    event_record(rights=rights, kind="reviewed", on=closing + timedelta(days=60))
