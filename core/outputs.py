"""User text is data in every output: PDF paragraphs and spreadsheet cells.

ReportLab's `Paragraph` parses its text as markup (`<img>`, `<link>`, `<font>`), so user text is
escaped before it reaches one. A spreadsheet opens a cell that starts with `=`, `+`, `-`, `@`, tab
or carriage return as a formula; OWASP's rule is to prefix such text with a single quote.
"""

from typing import Any
from xml.sax.saxutils import escape

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def pdf_text(value: Any) -> str:
    """Escape user text for a ReportLab Paragraph, keeping its line breaks."""
    return escape("" if value is None else str(value)).replace("\n", "<br/>")


def spreadsheet_cell(value: Any) -> Any:
    """A value safe for a CSV or XLSX cell: text that a spreadsheet would run is neutralized;
    numbers, dates and empty cells pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def spreadsheet_row(values: list[Any]) -> list[Any]:
    return [spreadsheet_cell(value) for value in values]
