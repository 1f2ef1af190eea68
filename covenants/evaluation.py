"""Testing a reported figure against a covenant: pure Decimal arithmetic, no database.

Headroom is how far the figure is on the right side of the threshold, in the metric's own unit:
for "at least" and "more than", figure - threshold; for "not more than" and "less than",
threshold - figure. Negative headroom is a breach; so is zero headroom under a strict operator
("more than 1.25" is breached at exactly 1.25). The percentage is headroom over the threshold.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal("100")
CENT = Decimal("0.01")

# Words for each operator, as agreements say them.
OPERATOR_WORDS = {"at_least": "at least", "more_than": "more than", "not_more_than": "not more than",
                  "less_than": "less than"}


@dataclass(frozen=True)
class Evaluation:
    passed: bool
    headroom: Decimal
    headroom_percent: Decimal | None


def threshold_on(base: Decimal | None, steps: Iterable[tuple[date, Decimal]], day: date) -> Decimal | None:
    """The threshold in force on a test date: the latest step effective on or before it, else the base."""
    applicable = [(start, value) for start, value in steps if start <= day]
    return max(applicable)[1] if applicable else base


def evaluate(value: Decimal, operator: str, threshold: Decimal) -> Evaluation:
    above = operator in ("at_least", "more_than")
    headroom = value - threshold if above else threshold - value
    strict = operator in ("more_than", "less_than")
    passed = headroom > 0 if strict else headroom >= 0
    percent = None if threshold == 0 else (headroom / abs(threshold) * HUNDRED).quantize(CENT, ROUND_HALF_UP)
    return Evaluation(passed, headroom, percent)


def format_figure(value: Decimal | None, unit: str, currency: str = "USD") -> str:
    if value is None:
        return "—"
    if unit == "ratio":
        return f"{value.quantize(CENT, ROUND_HALF_UP)} to 1.00"
    if unit == "percent":
        return f"{value.normalize():f}%"
    symbol = "$" if currency == "USD" else f"{currency} "
    return f"{symbol}{value.quantize(CENT, ROUND_HALF_UP):,}"


def requirement(metric: str, operator: str, threshold: Decimal | None, unit: str, currency: str = "USD",
                basis: str = "", frequency_words: str = "") -> str:
    """The test in words: "Consolidated Fixed Charges Coverage Ratio at least 1.25 to 1.00, tested
    each fiscal quarter end on the four fiscal quarters then ended"."""
    words = f"{metric} {OPERATOR_WORDS.get(operator, operator)} {format_figure(threshold, unit, currency)}"
    if frequency_words:
        words += f", tested {frequency_words.lower()}"
    if basis:
        words += f" on {basis}"
    return words
