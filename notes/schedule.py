"""Amortization schedules as pure functions: reading an annex's table and generating level
principal, level payment (annuity) and balloon schedules.

- A schedule is a list of (due date, scheduled principal), dates ascending, one per date.
- Generated dates are the first payment date plus n periods (the end of month kept when the first
  date is a month end).
- A level payment is computed on the periodic rate (the annual rate x months / 12), as
  amortization tables are: payment = P x r / (1 - (1 + r)^-n), rounded to the cent; each period's
  interest is the balance x r to the cent, its principal the payment less that interest, and the
  last period takes whatever balance is left, so the principal always sums exactly to P.
- A balloon schedule amortizes as if over `amortize_over` periods and pays the balance at the last
  of its `count` periods.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from deadlines.recurrence import period_date

CENT = Decimal("0.01")
MAX_ROWS = 1200
_SPLIT = re.compile(r"\s*[,;\t]\s*")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

BAD_LINE = "Line {line}: write a date and an amount, e.g. 2026-03-31,250000.00 (found: {found})."
BAD_DATE = "Line {line}: '{value}' is not a date; use YYYY-MM-DD or MM/DD/YYYY."
BAD_AMOUNT = "Line {line}: '{value}' is not a positive amount."
DUPLICATE = "Line {line}: {day:%Y-%m-%d} is already on line {first}; one amount per date."
TOO_MANY = f"A schedule has at most {MAX_ROWS:,} payments."
EMPTY = "Paste or upload at least one line: date,amount."


@dataclass(frozen=True)
class Scheduled:
    due_date: date
    principal: Decimal
    interest: Decimal | None = None  # generated level payments: the interest the table assumes


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _date(text: str) -> date | None:
    us = _US_DATE.match(text)
    try:
        if us:
            return date(int(us.group(3)), int(us.group(1)), int(us.group(2)))
        return date.fromisoformat(text)
    except ValueError:
        return None


def read_table(text: str) -> tuple[list[Scheduled], list[str]]:
    """Rows of an annex pasted or uploaded: `date,amount` per line (comma, semicolon or tab; `$`
    and thousands separators allowed in the amount; a first line that is not a date is a header)."""
    rows: list[Scheduled] = []
    errors: list[str] = []
    first: dict[date, int] = {}
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if lines and _date(_SPLIT.split(lines[0][1], maxsplit=1)[0].strip('"')) is None and re.search(r"[A-Za-z]", lines[0][1]):
        lines = lines[1:]  # a header
    for number, line in lines:
        parts = _SPLIT.split(line, maxsplit=1)
        if len(parts) != 2:
            errors.append(BAD_LINE.format(line=number, found=line[:60]))
            continue
        raw_day, raw_amount = parts[0].strip('"'), parts[1].strip('"').replace("$", "").replace(",", "").strip()
        day = _date(raw_day)
        try:
            amount = Decimal(raw_amount)
        except InvalidOperation:
            amount = Decimal(-1)
        if day is None or not date(1900, 1, 1) <= day <= date(2200, 12, 31):
            errors.append(BAD_DATE.format(line=number, value=raw_day[:40]))
        elif not amount.is_finite() or amount <= 0 or amount != cents(amount) or amount >= Decimal("1e16"):
            errors.append(BAD_AMOUNT.format(line=number, value=parts[1][:40]))
        elif day in first:
            errors.append(DUPLICATE.format(line=number, day=day, first=first[day]))
        else:
            first[day] = number
            rows.append(Scheduled(day, amount))
    if not lines:
        errors.append(EMPTY)
    if len(rows) > MAX_ROWS:
        errors.append(TOO_MANY)
    return sorted(rows, key=lambda r: r.due_date), errors


def dates(first: date, months: int, count: int) -> list[date]:
    """The first payment date and every `months` after it (the end of month kept)."""
    return [period_date(first, months=months, n=n) for n in range(count)]


def level_principal(principal: Decimal, first: date, months: int, count: int) -> list[Scheduled]:
    """`count` equal principal payments to the cent; the last takes the rounding."""
    each = cents(principal / count)
    days = dates(first, months, count)
    return [Scheduled(day, each if n < count - 1 else principal - each * (count - 1)) for n, day in enumerate(days)]


def level_payment(principal: Decimal, annual_rate: Decimal, first: date, months: int, count: int,
                  amortize_over: int | None = None) -> list[Scheduled]:
    """A level payment (annuity) schedule; with `amortize_over` > `count`, a balloon at the end."""
    periods = amortize_over or count
    with localcontext() as context:
        context.prec = 40
        r = annual_rate / 100 * months / 12
        payment = cents(principal / periods) if r == 0 else cents(principal * r / (1 - (1 + r) ** -periods))
    balance, rows = principal, []
    for n, day in enumerate(dates(first, months, count)):
        interest = cents(balance * r)
        part = balance if n == count - 1 else min(balance, payment - interest)
        rows.append(Scheduled(day, part, interest))
        balance -= part
    return rows
