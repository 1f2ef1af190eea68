"""The dashboard's sums in one SQL query over the notes' snapshots.

For a note whose snapshot is fresh and whose next event by the terms comes after the as-of date,
the position is the snapshot plus simple accrual from its last event: principal and commitment as
stored, interest = stored units + principal x rate x the day count (`notes_weighted_days`, the
Python day count in SQL) in exact integers, rounded half-up to the cent per note as the rows are.
PostgreSQL adds those up by currency, holder, issuer and maturity month. Every other note (no
snapshot, a stale one, an as-of date before it or past its next event, a currency whose minor
unit is not the cent, finer rates) is listed for the Python engine."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from notes.models import Note
from notes.money import MINOR_UNITS
from notes.snapshots import SCALE

QUERY = """
WITH figures AS (
  SELECT n.id, n.currency, n.holder_id, n.issuer_id, n.status,
         f.fast,
         CASE WHEN n.maturity_date IS NULL THEN NULL ELSE date_trunc('month', n.maturity_date)::date END AS month,
         CASE WHEN n.purchase_price IS NULL OR n.purchase_price >= n.principal OR n.issue_date IS NULL THEN 0
              WHEN n.maturity_date IS NULL THEN (n.principal - n.purchase_price) * 100
              ELSE div(2 * (n.principal - n.purchase_price) * 100
                         * greatest(0, least(n.maturity_date - n.issue_date, n.maturity_date - %(as_of)s))
                       + (n.maturity_date - n.issue_date), 2 * (n.maturity_date - n.issue_date))
         END::bigint AS discount,
         s.principal_units::bigint AS principal,
         CASE WHEN f.fast AND s.accrues THEN div(
             200 * (s.accrued_units + s.slope * notes_weighted_days(s.cursor, %(as_of)s, n.day_count)) + {scale},
             2 * {scale})::bigint
         END AS accrued,
         s.commitment_units::bigint AS commitment,
         CASE WHEN NOT f.fast OR s.commitment_units IS NULL THEN NULL
              WHEN coalesce(n.availability_end, n.maturity_date) IS NULL
                   OR %(as_of)s <= coalesce(n.availability_end, n.maturity_date) THEN greatest(s.commitment_units
                  - CASE WHEN n.facility = 'delayed_draw' THEN s.advanced_units ELSE s.principal_units END, 0)
              ELSE 0 END::bigint AS available
    FROM notes_note n LEFT JOIN notes_notesnapshot s ON s.note_id = n.id
    CROSS JOIN LATERAL (SELECT s.note_id IS NOT NULL AND NOT s.stale AND s.summable
                               AND s.as_of <= %(as_of)s AND %(as_of)s < s.valid_until
                               AND NOT (n.currency = ANY(%(other_units)s)) AS fast) f
   WHERE n.id IN ({picked})
  OFFSET 0  -- a fence: each note's figures computed once, not once per aggregate that reads them
),
grouped AS (
  -- One pass over the notes into their (currency, holder, issuer, month) cells; the totals below
  -- add up the few cells, not the notes, four ways.
  SELECT currency, holder_id, issuer_id, month,
         count(*) FILTER (WHERE counted) AS notes,
         sum(principal) FILTER (WHERE counted) AS principal,
         sum(accrued) FILTER (WHERE counted) AS accrued,
         count(*) FILTER (WHERE counted AND accrued IS NULL) AS without_rate,
         sum(principal) FILTER (WHERE counted AND accrued IS NOT NULL) AS with_rate,
         sum(discount) FILTER (WHERE counted) AS discount,
         count(*) FILTER (WHERE counted AND commitment IS NOT NULL) AS facilities,
         sum(commitment) FILTER (WHERE counted) AS commitment,
         sum(principal) FILTER (WHERE counted AND commitment IS NOT NULL) AS drawn,
         sum(available) FILTER (WHERE counted) AS available,
         string_agg(id::text, ',') FILTER (WHERE NOT fast) AS slow,
         string_agg(id::text, ',') FILTER (WHERE fast AND NOT counted) AS hidden
    FROM (SELECT *, fast AND (principal > 0 OR status = 'outstanding') AS counted FROM figures) AS marked
   GROUP BY currency, holder_id, issuer_id, month
)
SELECT currency, holder_id, issuer_id, month,
       GROUPING(holder_id, issuer_id, month) AS level,
       sum(notes), coalesce(sum(principal), 0), coalesce(sum(accrued), 0), sum(without_rate),
       coalesce(sum(with_rate), 0), coalesce(sum(discount), 0), sum(facilities), coalesce(sum(commitment), 0),
       coalesce(sum(drawn), 0), coalesce(sum(available), 0), string_agg(slow, ','), string_agg(hidden, ','),
       max(hp.legal_name), max(ip.legal_name)
  FROM grouped JOIN parties_party hp ON hp.id = holder_id JOIN parties_party ip ON ip.id = issuer_id
 GROUP BY GROUPING SETS ((currency), (currency, holder_id), (currency, issuer_id), (currency, month))
"""


@dataclass
class Sums:
    count: int
    principal: Decimal
    accrued: Decimal
    without_rate: int
    principal_with_rate: Decimal
    discount: Decimal
    facilities: int
    commitment: Decimal
    drawn: Decimal
    available: Decimal


@dataclass
class Result:
    by_currency: dict[str, Sums] = field(default_factory=dict)
    by_holder: dict[tuple[str, int], Sums] = field(default_factory=dict)
    by_issuer: dict[tuple[str, int], Sums] = field(default_factory=dict)
    by_month: dict[tuple[str, date | None], Sums] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)  # the holders' and issuers' names
    slow: list[int] = field(default_factory=list)  # for the Python engine
    hidden: set[int] = field(default_factory=set)  # repaid and not outstanding: not a row


def _cents(value: Any) -> Decimal:
    return Decimal(value).scaleb(-2)


def _ids(listed: str | None) -> list[int]:
    return [int(pk) for pk in listed.split(",")] if listed else []


def sums(notes: QuerySet[Note], as_of: date) -> Result:
    picked, params = notes.order_by().values("id").query.sql_with_params()
    named: dict[str, Any] = {"as_of": as_of, "other_units": list(MINOR_UNITS)}
    # The filter's own parameters are positional: bind them by name, in order.
    for i, value in enumerate(params):
        picked = picked.replace("%s", f"%(p{i})s", 1)
        named[f"p{i}"] = value
    sql = QUERY.format(picked=picked, scale=SCALE)
    result = Result()
    with connection.cursor() as cursor:
        cursor.execute(sql, named)
        for currency, holder, issuer, month, level, count, principal, accrued, without, with_rate, discount, \
                facilities, commitment, drawn, available, slow, hidden, holder_name, issuer_name in cursor.fetchall():
            figures = Sums(int(count), _cents(principal), _cents(accrued), int(without), _cents(with_rate),
                           _cents(discount), int(facilities), _cents(commitment), _cents(drawn), _cents(available))
            if level == 0b111:
                result.by_currency[currency] = figures
                result.slow += _ids(slow)
                result.hidden |= set(_ids(hidden))
            elif level == 0b011:
                result.by_holder[(currency, holder)] = figures
                result.names[holder] = holder_name
            elif level == 0b101:
                result.by_issuer[(currency, issuer)] = figures
                result.names[issuer] = issuer_name
            else:
                result.by_month[(currency, month)] = figures
    return result
