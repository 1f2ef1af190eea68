from datetime import date
from typing import Any

from django.db.models import QuerySet

from matters.access import scope
from registration_rights.models import RegistrationRights
from registration_rights.position import Position, Terms, position


def terms_of(rights: RegistrationRights) -> Terms:
    return Terms(
        closing_date=rights.closing_date, purchase_price=rights.purchase_price,
        filing_days=rights.filing_deadline_days, filing_date=rights.filing_deadline_date,
        effectiveness_days=rights.effectiveness_deadline_days,
        effectiveness_days_if_reviewed=rights.effectiveness_deadline_days_if_reviewed,
        counted_from_filing=rights.effectiveness_counted_from == "filing", convention=rights.business_day_convention,
        rate=rights.liquidated_damages_rate, period_days=rights.liquidated_damages_period_days,
        cap=rights.liquidated_damages_cap, suspension_days_per_period=rights.suspension_days_per_period,
        suspension_days_per_year=rights.suspension_days_per_year,
    )


def rights_position(rights: RegistrationRights, as_of: date) -> Position:
    """Uses prefetched `events` when present (lists run a fixed number of queries)."""
    return position(terms_of(rights), list(rights.events.all()), as_of, rights.matter.holiday_calendar)


def rights_list(*, user: Any) -> QuerySet[RegistrationRights]:
    return scope(user, RegistrationRights.objects.select_related("matter", "agreement").prefetch_related("events"))
