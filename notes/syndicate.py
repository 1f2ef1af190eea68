"""Lenders of a syndicated facility, as pure functions: shares over time and exact cents.

- Each lender holds a percent of the facility; an assignment moves a percent from one lender to
  another from its date (the assignee's share counts from that day on).
- A lender's principal is its share of the facility's principal on the as-of date (advances and
  repayments are pro rata).
- Interest accrues to each lender on its share of each day's interest; the unpaid interest of the
  facility is shared in proportion to what each lender accrued since the interest was last fully
  paid (a partial payment is shared pro rata to what each is owed, which keeps those proportions).
- Fees are shared by the shares on the as-of date.
- Cents: each figure is allocated by largest remainder, so the lenders' cents always add up to the
  facility's: every lender gets its exact amount rounded down to the cent, and the cents left go
  one each to the largest remainders (ties to the larger share, then the earlier lender).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

SHARES_NOT_100 = "The lenders' shares add up to {total}%, not 100%."
LENDER_TWICE = "{lender} is listed twice."
ASSIGNS_TOO_MUCH = "On {day:%b %d, %Y} {lender} holds {held}%: it cannot assign {share}%."
ASSIGNS_TO_ITSELF = "A lender cannot assign to itself."


@dataclass(frozen=True)
class Assignment:
    date: date
    from_lender: int
    to_lender: int
    share: Decimal


class SharesRefused(ValueError):
    pass


def _pct(value: Decimal) -> str:
    """30.000000 -> "30", 33.333333 -> "33.333333"."""
    return f"{value.normalize():f}"


def check_initial(shares: Sequence[tuple[int, Decimal]], names: dict[int, str]) -> None:
    seen: set[int] = set()
    for lender, _ in shares:
        if lender in seen:
            raise SharesRefused(LENDER_TWICE.format(lender=names.get(lender, lender)))
        seen.add(lender)
    total = sum((share for _, share in shares), Decimal(0))
    if total != HUNDRED:
        raise SharesRefused(SHARES_NOT_100.format(total=_pct(total)))


def timeline(initial: dict[int, Decimal], assignments: Sequence[Assignment],
             names: dict[int, str] | None = None) -> list[tuple[date | None, dict[int, Decimal]]]:
    """The shares from the start (None) and after each assignment, in date order; refused when a
    lender would assign more than it holds."""
    current = dict(initial)
    steps: list[tuple[date | None, dict[int, Decimal]]] = [(None, dict(current))]
    for a in sorted(assignments, key=lambda a: a.date):
        if a.from_lender == a.to_lender:
            raise SharesRefused(ASSIGNS_TO_ITSELF)
        held = current.get(a.from_lender, Decimal(0))
        if a.share > held:
            name = (names or {}).get(a.from_lender, str(a.from_lender))
            raise SharesRefused(ASSIGNS_TOO_MUCH.format(day=a.date, lender=name, held=_pct(held),
                                                        share=_pct(a.share)))
        current[a.from_lender] = held - a.share
        current[a.to_lender] = current.get(a.to_lender, Decimal(0)) + a.share
        current = {lender: share for lender, share in current.items() if share > 0}
        steps.append((a.date, dict(current)))
    return steps


def shares_on(steps: Sequence[tuple[date | None, dict[int, Decimal]]], day: date) -> dict[int, Decimal]:
    found = steps[0][1]
    for when, shares in steps[1:]:
        if when is not None and when <= day:
            found = shares
    return found


def allocate(total: Decimal, weights: dict[int, Decimal], order: Sequence[int]) -> dict[int, Decimal]:
    """`total` (exact) shared by `weights`, in cents that add up to `total` rounded to the cent."""
    target = total.quantize(CENT, rounding=ROUND_HALF_UP)
    weight_sum = sum(weights.values(), Decimal(0))
    if weight_sum == 0:
        return dict.fromkeys(weights, Decimal("0.00"))
    exact = {lender: total * w / weight_sum for lender, w in weights.items()}
    floors = {lender: x.quantize(CENT, rounding=ROUND_DOWN) for lender, x in exact.items()}
    left = int((target - sum(floors.values(), Decimal(0))) / CENT)
    rank = sorted(weights, key=lambda lender: (-(exact[lender] - floors[lender]), -weights[lender], order.index(lender)))
    for lender in rank[:max(left, 0)]:
        floors[lender] += CENT
    return floors
