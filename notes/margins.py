"""A margin (pricing) grid: the margin over a floating note's index set by the level a reported
ratio falls in (e.g. "Leverage Ratio < 1.50:1.00: 1.75%; >= 1.50 and < 2.25: 2.00%; >= 2.25: 2.50%"),
changing from each report's effective date. Before the first report the note's own spread applies."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

GRID_EMPTY = "Enter at least one level of the grid."
GRID_BOUNDS = "{level}: the ratio it starts from ({start}) must be below the ratio it ends before ({end})."
GRID_OVERLAP = "{first} and {second} overlap: a ratio of {ratio} would fall in both."
NO_LEVEL = "A ratio of {ratio} falls in no level of the grid."


class GridRefused(ValueError):
    pass


@dataclass(frozen=True)
class Level:
    name: str
    ratio_from: Decimal | None
    ratio_below: Decimal | None
    margin: Decimal

    def holds(self, ratio: Decimal) -> bool:
        return (self.ratio_from is None or ratio >= self.ratio_from) and (self.ratio_below is None or ratio < self.ratio_below)

    def label(self) -> str:
        return self.name or f"the {self.margin.normalize():f}% level"


@dataclass(frozen=True)
class Change:
    day: date
    ratio: Decimal
    level: Level


def _low(level: Level) -> Decimal:
    return level.ratio_from if level.ratio_from is not None else Decimal("-Infinity")


def _high(level: Level) -> Decimal:
    return level.ratio_below if level.ratio_below is not None else Decimal("Infinity")


def check_grid(levels: Sequence[Level]) -> None:
    """Bounds in order and no two levels holding the same ratio (gaps are allowed: a ratio in a
    gap is refused when it is recorded)."""
    if not levels:
        raise GridRefused(GRID_EMPTY)
    for level in levels:
        if _low(level) >= _high(level):
            raise GridRefused(GRID_BOUNDS.format(level=level.label(), start=level.ratio_from, end=level.ratio_below))
    ordered = sorted(levels, key=_low)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if _low(second) < _high(first):
            raise GridRefused(GRID_OVERLAP.format(first=first.label(), second=second.label(),
                                                  ratio=second.ratio_from if second.ratio_from is not None else first.ratio_from))


def level_for(levels: Sequence[Level], ratio: Decimal) -> Level:
    for level in levels:
        if level.holds(ratio):
            return level
    raise GridRefused(NO_LEVEL.format(ratio=ratio))


def changes(levels: Sequence[Level], ratios: Sequence[tuple[date, Decimal]]) -> list[Change]:
    """Each report's level, oldest first."""
    return [Change(day, ratio, level_for(levels, ratio)) for day, ratio in sorted(ratios)]


def in_effect(found: Sequence[Change], day: date) -> Change | None:
    """The last report effective on or before `day` (None before the first)."""
    last = None
    for change in found:
        if change.day > day:
            break
        last = change
    return last
