"""When a notice counts, by the agreement's own rule for the method used (DOMAIN.md §4).

A rule has one part, or two combined by "the earlier of" or "the later of" (receipt, or three days
after deposit in the mail). Days after dispatch count from the dispatch day where the notice was
sent (the notice's own zone, the firm's TIME_ZONE by default); moments (transmission, delivery,
receipt) are read, and the cut-off applied, where it is received (the recipient's zone). The result
is an aware moment and the day the law counts from, `on`."""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from agreements.models import part_words
from deadlines import calendars

RECEIPT_KINDS = ("on_delivery", "on_receipt", "on_confirmation")
PENDING = "pending until delivery is recorded"


@dataclass(frozen=True)
class Part:
    kind: str  # on_delivery | on_transmission | on_receipt | after_dispatch | next_business_day | on_confirmation
    offset_days: int = 0
    business_days: bool = False

    @property
    def words(self) -> str:
        return part_words(self.kind, self.offset_days, self.business_days)


@dataclass(frozen=True)
class Rule:
    method_label: str
    deemed_given: str
    offset_days: int = 0
    business_days: bool = False
    cutoff_time: time | None = None
    clause: str = ""
    method_words: str = ""
    combine: str = ""  # "" | earlier | later
    also: Part | None = None

    @property
    def parts(self) -> tuple[Part, ...]:
        first = Part(self.deemed_given, self.offset_days, self.business_days)
        return (first, self.also) if self.combine and self.also else (first,)


@dataclass(frozen=True)
class Evaluated:
    part: Part
    at: datetime | None
    on: date | None


@dataclass(frozen=True)
class Deemed:
    at: datetime | None  # None: pending, it depends on a receipt not yet recorded
    rule: str
    on: date | None = None
    parts: tuple[dict[str, str | bool | None], ...] = ()


def deemed_given(rule: Rule, *, dispatched_at: datetime, delivered_at: datetime | None,
                 calendar: str, zone: ZoneInfo, recipient_zone: ZoneInfo | None = None) -> Deemed:
    where = zone if recipient_zone is None else recipient_zone
    words = f' ("{rule.method_words}")' if rule.method_words else ""
    head = f"{rule.clause + ': ' if rule.clause else ''}{rule.method_label}{words}, deemed given "
    evaluated = [_evaluate(p, dispatched_at, delivered_at, calendar, zone, where) for p in rule.parts]
    chosen, text = _combine(rule, evaluated)
    if chosen is None or chosen.at is None:
        return Deemed(None, f"{head}{text}: {PENDING}", None, _report(evaluated, None))
    moment, moved = _after_cutoff(chosen.at, rule.cutoff_time, calendar, where)
    on = moment.astimezone(where).date() if moved else chosen.on
    suffix = "; after the cut-off or on a non-business day, the next business day" if moved else ""
    return Deemed(moment, f"{head}{text}{suffix}", on, _report(evaluated, chosen))


def _evaluate(part: Part, dispatched_at: datetime, delivered_at: datetime | None, calendar: str,
              zone: ZoneInfo, where: ZoneInfo) -> Evaluated:
    if part.kind == "on_transmission":
        return Evaluated(part, dispatched_at, dispatched_at.astimezone(where).date())
    if part.kind in RECEIPT_KINDS:
        if delivered_at is None:
            return Evaluated(part, None, None)
        return Evaluated(part, delivered_at, delivered_at.astimezone(where).date())
    sent = dispatched_at.astimezone(zone).date()
    if part.kind == "next_business_day":
        day = calendars.add_business_days(sent, 1, calendar)
    else:
        day = calendars.add_days(sent, part.offset_days, business=part.business_days, calendar=calendar)
    return Evaluated(part, datetime.combine(day, time(0, 0), tzinfo=zone), day)


def _combine(rule: Rule, evaluated: list[Evaluated]) -> tuple[Evaluated | None, str]:
    if len(evaluated) == 1:
        return evaluated[0], evaluated[0].part.words
    label = f"the {rule.combine} of {evaluated[0].part.words} and {evaluated[1].part.words}"
    known = [e for e in evaluated if e.at is not None]
    if rule.combine == "later" and len(known) < 2:
        return None, label
    if not known:
        return None, label
    chosen = min(known, key=_order) if rule.combine == "earlier" else max(known, key=_order)
    unless = " unless received earlier" if len(known) < len(evaluated) else ""
    return chosen, f"{label}: {chosen.part.words} applied{unless}"


def _order(evaluated: Evaluated) -> tuple[date | None, datetime | None]:
    """Parts compare by the day they count, then by the moment (receipt on the third day wins)."""
    return evaluated.on, evaluated.at


def _report(evaluated: list[Evaluated], chosen: Evaluated | None) -> tuple[dict[str, str | bool | None], ...]:
    return tuple({"part": e.part.words, "at": e.at.isoformat() if e.at else None,
                  "on": e.on.isoformat() if e.on else None, "applied": e is chosen} for e in evaluated)


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


def clock_due_on(day: date, days: int, *, business: bool, calendar: str) -> date:
    """The nominal end of a period of `days` after the day a notice counts."""
    return calendars.add_days(day, days, business=business, calendar=calendar)
