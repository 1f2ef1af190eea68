"""When a notice counts, by the agreement's own rule for the method used (DOMAIN.md §4).

Every computation takes the notice's own zone (stored on the notice, the firm's TIME_ZONE by
default): the deemed-given moment is aware, and every date derived from it is read in that zone."""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from deadlines import calendars


@dataclass(frozen=True)
class Rule:
    method_label: str
    deemed_given: str  # on_delivery | on_transmission | on_receipt | after_dispatch
    offset_days: int = 0
    business_days: bool = False
    cutoff_time: time | None = None
    clause: str = ""


@dataclass(frozen=True)
class Deemed:
    at: datetime | None  # None: pending, it depends on a receipt not yet recorded
    rule: str


def deemed_given(rule: Rule, *, dispatched_at: datetime, delivered_at: datetime | None,
                 calendar: str, zone: ZoneInfo) -> Deemed:
    where = f"{rule.clause}: " if rule.clause else ""
    if rule.deemed_given == "on_transmission":
        moment, text = dispatched_at, "when transmitted"
    elif rule.deemed_given in ("on_delivery", "on_receipt"):
        text = "when delivered" if rule.deemed_given == "on_delivery" else "upon receipt"
        if delivered_at is None:
            return Deemed(None, f"{where}{rule.method_label}, deemed given {text}: pending until delivery is recorded")
        moment = delivered_at
    else:
        unit = "business days" if rule.business_days else "days"
        local = dispatched_at.astimezone(zone)
        day = calendars.add_days(local.date(), rule.offset_days, business=rule.business_days, calendar=calendar)
        moment = datetime.combine(day, time(0, 0), tzinfo=zone)
        text = f"{rule.offset_days} {unit} after dispatch"
    moment, moved = _after_cutoff(moment, rule.cutoff_time, calendar, zone)
    suffix = "; after the cut-off or on a non-business day, the next business day" if moved else ""
    return Deemed(moment, f"{where}{rule.method_label}, deemed given {text}{suffix}")


def _after_cutoff(moment: datetime, cutoff: time | None, calendar: str, zone: ZoneInfo) -> tuple[datetime, bool]:
    if cutoff is None:
        return moment, False
    local = moment.astimezone(zone)
    if calendars.is_business_day(local.date(), calendar) and local.time() <= cutoff:
        return moment, False
    next_day = calendars.add_business_days(local.date(), 1, calendar)
    if not calendars.is_business_day(local.date(), calendar):
        next_day = calendars.following(local.date(), calendar)
    return datetime.combine(next_day, time(9, 0), tzinfo=zone), True


def effective_date(deemed_at: datetime, zone: ZoneInfo) -> date:
    """The day a notice counts, in the notice's zone."""
    return deemed_at.astimezone(zone).date()


def clock_due(deemed_at: datetime, days: int, *, business: bool, calendar: str, zone: ZoneInfo) -> date:
    """The nominal date a period of `days` after a notice is deemed given ends (the obligation
    rolls it by the notice's convention on the matter's calendar)."""
    return calendars.add_days(effective_date(deemed_at, zone), days, business=business, calendar=calendar)
