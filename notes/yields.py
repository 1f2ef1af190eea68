"""Effective annual yield and the New York usury flag (DOMAIN.md §3). A flag, never a conclusion."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

CIVIL_LIMIT = Decimal("16")  # NY GOL 5-501: loans under $250,000
CIVIL_CEILING = Decimal("250000")
CRIMINAL_LIMIT = Decimal("25")  # NY Penal Law 190.40: loans under $2,500,000
CRIMINAL_CEILING = Decimal("2500000")
REVIEW = "Review with counsel"


@dataclass(frozen=True)
class YieldView:
    discount: Decimal | None  # principal - price (negative: a premium)
    discount_pct_of_price: Decimal | None
    effective_annual_yield: Decimal | None  # percent a year, coupon plus discount over the term
    is_premium: bool
    usury_flag: str  # "" when nothing to review


def note_yield(
    *, principal: Decimal, price: Decimal | None, rate: Decimal | None, issue: date | None,
    maturity: date | None, governing_law: str,
) -> YieldView:
    if price is None:
        return YieldView(None, None, None, False, "")
    discount = principal - price
    discount_pct = (discount / price * 100).quantize(Decimal("0.01"))
    years = Decimal((maturity - issue).days) / 365 if issue and maturity and maturity > issue else None
    exact = None
    if years is not None and rate is not None:
        exact = rate + discount / price * 100 / years
    flag = _usury_flag(principal, exact, discount_pct, governing_law)
    annual = None if exact is None else exact.quantize(Decimal("0.01"))
    return YieldView(discount, discount_pct, annual, price > principal, flag)


def _usury_flag(principal: Decimal, exact: Decimal | None, discount_pct: Decimal, law: str) -> str:
    """Compares the EXACT effective rate with the limits (16.004% is over 16%); says which limits
    apply: civil (GOL 5-501) under $250,000, criminal (Penal Law 190.40) under $2,500,000."""
    if "new york" not in law.lower():
        return ""
    if exact is None:
        if discount_pct > CIVIL_LIMIT:
            return (
                f"{REVIEW}: the discount alone is {discount_pct}% of the cash advanced and the term is "
                "not recorded; over a year or less that passes New York's usury thresholds "
                "(GOL 5-501: 16% civil under $250,000; Penal Law 190.40: 25% criminal under $2,500,000)."
            )
        return ""
    shown = exact.quantize(Decimal("0.001"), rounding=ROUND_DOWN)
    reasons = []
    if principal < CRIMINAL_CEILING and exact > CRIMINAL_LIMIT:
        reasons.append("the 25% criminal usury limit (NY Penal Law 190.40)")
    if principal < CIVIL_CEILING and exact > CIVIL_LIMIT:
        reasons.append("the 16% civil usury limit (NY GOL 5-501)")
    if not reasons:
        return ""
    return f"{REVIEW}: the effective yield ({shown}% a year, to 0.001% rounded down) is above {' and '.join(reasons)}."
