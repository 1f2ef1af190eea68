"""Reading a CSV of index values (`date,rate`), line by line, with an error per bad line.

The header is required. Dates are ISO (2024-09-19) or US month/day/year (9/19/2024); rates are
percent a year, with or without a `%` sign. Nothing is imported unless every line is good.
"""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from core.bounds import validate_law_date
from rates.models import MAX_RATE, MIN_RATE

MAX_LINES = 20_000
MAX_BYTES = 1024 * 1024  # 20,000 lines of "2024-09-19,8.000000" are about 400 KB
MAX_ERRORS_SHOWN = 50
HEADER = ["date", "rate"]

FILE_TOO_LARGE = f"The file is larger than {MAX_BYTES // 1024:,} KB; split it."
TOO_MANY_LINES = f"The file has more than {MAX_LINES:,} lines; split it."
NOT_TEXT = "The file is not UTF-8 text; save it as CSV (UTF-8)."
EMPTY_FILE = "The file is empty; its first line must be the header: date,rate"
BAD_HEADER = "Line {line}: the first line must be the header date,rate (found: {found})."
WRONG_COLUMNS = "Line {line}: expected 2 values (date,rate), found {count}."
BAD_DATE = "Line {line}: '{value}' is not a date; use YYYY-MM-DD or MM/DD/YYYY."
DATE_OUT_OF_RANGE = "Line {line}: {value} is outside 1900-01-01..2200-12-31."
BAD_RATE = "Line {line}: '{value}' is not a rate; write percent a year, e.g. 7.25 or 7.25%."
RATE_OUT_OF_RANGE = "Line {line}: {value} is outside -100%..100%."
TOO_PRECISE = "Line {line}: {value} has more than 6 decimal places."
DUPLICATE_DATE = "Line {line}: {day:%Y-%m-%d} is already on line {first}; one value per date."
NO_VALUES = "The file has a header but no values."
MORE_ERRORS = "... and {count:,} more errors."

_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Row:
    line: int
    effective_date: date
    rate: Decimal


def read_rows(upload: UploadedFile) -> list[Row]:
    """Every row of the file, or a ValidationError on `file` listing each bad line."""
    text = _text(upload)
    rows: list[Row] = []
    errors: list[str] = []
    first_line: dict[date, int] = {}
    lines = _lines(text)
    header = next(lines, None)
    if header is None:
        raise ValidationError({"file": EMPTY_FILE})
    if [cell.strip().lower() for cell in header[1]] != HEADER:
        raise ValidationError({"file": BAD_HEADER.format(line=header[0], found=",".join(header[1])[:80])})
    for line, cells in lines:
        try:
            row = _row(line, cells)
        except ValueError as exc:
            errors.append(str(exc))
            continue
        if row.effective_date in first_line:
            errors.append(DUPLICATE_DATE.format(line=line, day=row.effective_date, first=first_line[row.effective_date]))
            continue
        first_line[row.effective_date] = line
        rows.append(row)
    if errors:
        raise ValidationError({"file": _shown(errors)})
    if not rows:
        raise ValidationError({"file": NO_VALUES})
    return rows


def _text(upload: UploadedFile) -> str:
    if (upload.size or 0) > MAX_BYTES:
        raise ValidationError({"file": FILE_TOO_LARGE})
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValidationError({"file": FILE_TOO_LARGE})
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError({"file": NOT_TEXT}) from exc


def _lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every non-blank line; at most MAX_LINES lines."""
    if "\x00" in text:
        raise ValidationError({"file": NOT_TEXT})
    reader = csv.reader(io.StringIO(text, newline=""))
    for cells in reader:
        if reader.line_num > MAX_LINES:
            raise ValidationError({"file": TOO_MANY_LINES})
        if any(cell.strip() for cell in cells):
            yield reader.line_num, cells


def _row(line: int, cells: list[str]) -> Row:
    if len(cells) != 2:
        raise ValueError(WRONG_COLUMNS.format(line=line, count=len(cells)))
    return Row(line=line, effective_date=_date(line, cells[0].strip()), rate=_rate(line, cells[1].strip()))


def _date(line: int, value: str) -> date:
    try:
        if _ISO_DATE.match(value):
            day = date.fromisoformat(value)
        elif match := _US_DATE.match(value):
            month, day_of_month, year = (int(part) for part in match.groups())
            day = date(year, month, day_of_month)
        else:
            raise ValueError(value)
    except ValueError:
        raise ValueError(BAD_DATE.format(line=line, value=value[:40])) from None
    try:
        validate_law_date(day)
    except ValidationError:
        raise ValueError(DATE_OUT_OF_RANGE.format(line=line, value=value)) from None
    return day


def _rate(line: int, value: str) -> Decimal:
    number = value.removesuffix("%").strip()
    try:
        rate = Decimal(number)
    except InvalidOperation:
        raise ValueError(BAD_RATE.format(line=line, value=value[:40])) from None
    if not rate.is_finite():
        raise ValueError(BAD_RATE.format(line=line, value=value[:40]))
    if not MIN_RATE <= rate <= MAX_RATE:
        raise ValueError(RATE_OUT_OF_RANGE.format(line=line, value=value))
    if -rate.normalize().as_tuple().exponent > 6:  # type: ignore[operator]
        raise ValueError(TOO_PRECISE.format(line=line, value=value))
    return rate


def _shown(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_ERRORS_SHOWN:
        return errors
    return [*errors[:MAX_ERRORS_SHOWN], MORE_ERRORS.format(count=len(errors) - MAX_ERRORS_SHOWN)]

