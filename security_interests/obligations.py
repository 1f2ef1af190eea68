"""The obligations a security interest and its financing statements create, through
`deadlines.services.obligations_sync` (idempotent: call it after every change).

- No financing statement yet: "File UCC-1 with the <state> Secretary of State" (9-310(a), 9-501(a)(2)).
- Each active financing statement: the continuation (its window, critical, 9-515(d)) and the lapse
  date (9-515(a)); once every secured note is repaid, both give way to a termination due 20 days
  after the debtor's authenticated demand (9-513(c)), counted from the payoff until a demand is recorded.

UCC dates never move to a later business day: a continuation is due by the last business day
on or before lapse (PRECEDING), and the lapse date itself is a fact (no adjustment).
"""

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Model, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from closings.models import Closing
from deadlines.calendars import Convention
from deadlines.models import Obligation, ObligationKind, ObligationStatus
from deadlines.services import ObligationSpec, obligation_complete, obligations_sync
from notes.models import Note, NoteStatus, NoteTransaction, TransactionKind
from security_interests import ucc
from security_interests.models import (
    FinancingStatement,
    FinancingStatementStatus,
    SecurityInterest,
    SecurityInterestStatus,
)

UCC1_KEY = "ucc1"
DATE_NOT_KNOWN = (
    "UCC-1 filing date not known: record the grant date (or the closing) so the filing deadline can be counted."
)
TERMINATION_KEY = "termination"


def continuation_key(statement: FinancingStatement) -> str:
    return f"continuation:{statement.lapse_date.isoformat()}"


def lapse_key(statement: FinancingStatement) -> str:
    return f"lapse:{statement.lapse_date.isoformat()}"


# A note in one of these states is no longer an obligation the interest secures (9-513(c)(1)).
ENDED_STATUSES = (NoteStatus.REPAID, NoteStatus.CONVERTED, NoteStatus.WRITTEN_OFF)
ENDING_TRANSACTIONS = (TransactionKind.PAYMENT, TransactionKind.PREPAYMENT, TransactionKind.CONVERSION,
                       TransactionKind.WRITE_OFF)


def secured_obligation_ended(si: SecurityInterest) -> bool:
    """True when the interest secures at least one note and every one has ended: repaid,
    converted or written off."""
    statuses = list(Note.objects.filter(security_interests=si).values_list("status", flat=True))
    return bool(statuses) and all(status in ENDED_STATUSES for status in statuses)


def payoff_date(si: SecurityInterest) -> date | None:
    """The day of the last live payment, conversion or write-off on the secured notes (the day the
    secured obligation ended)."""
    return NoteTransaction.objects.filter(
        note__security_interests=si, kind__in=ENDING_TRANSACTIONS, voided_at__isnull=True,
    ).aggregate(last=Max("date"))["last"]


def closing_date(si: SecurityInterest) -> date | None:
    """The matter's first closing: the day the lien attaches when no grant date is recorded."""
    closing = Closing.objects.filter(matter=si.matter_id).filter(
        Q(closed_on__isnull=False) | Q(scheduled_at__isnull=False)).order_by(Coalesce("closed_on", TruncDate("scheduled_at"))).first()
    if closing is None:
        return None
    return closing.closed_on or timezone.localtime(closing.scheduled_at, ZoneInfo(closing.time_zone)).date()


def ucc1_due(si: SecurityInterest) -> date | None:
    """The UCC-1 is due when the lien is granted; without a grant date, on the closing date."""
    return si.granted_on or closing_date(si)


def filing_office_name(state: str) -> str:
    return f"the {state} Secretary of State" if state else "the filing office of the debtor's state of organization"


def ucc1_specs(si: SecurityInterest, has_statement: bool) -> list[ObligationSpec]:
    if has_statement or si.paid_off_on or si.status == SecurityInterestStatus.RELEASED:
        return []
    state = si.debtor.jurisdiction
    due = ucc1_due(si)
    if due is None:
        return []  # no date to count from: the security interest's page flags it (DATE_NOT_KNOWN)
    return [
        ObligationSpec(
            key=UCC1_KEY,
            title=f"File UCC-1 with {filing_office_name(state)}",
            kind=ObligationKind.UCC_FILING,
            nominal_due_date=due,
            convention=Convention.NONE,
            clause="UCC 9-310(a), 9-501(a)(2)",
            description=(
                f"{si} is not perfected by filing until a financing statement is filed. "
                f"{si.debtor} is organized in {state or 'an unrecorded state'}: a registered organization "
                "files in its state of organization (9-307(e)). Review with counsel. "
                + ("Due on the grant date." if si.granted_on else "Due on the closing date (no grant date recorded).")
            ),
            responsible_party=si.secured_party,
        )
    ]


def statement_specs(si: SecurityInterest, statement: FinancingStatement) -> list[ObligationSpec]:
    if statement.status == FinancingStatementStatus.TERMINATED or si.status == SecurityInterestStatus.RELEASED:
        return []
    label = f"UCC-1 {statement.file_number} ({statement.filing_office})"
    if si.paid_off_on:
        return [
            ObligationSpec(
                key=TERMINATION_KEY,
                title=f"File UCC-3 termination of {label}",
                kind=ObligationKind.UCC_TERMINATION,
                nominal_due_date=ucc.termination_due(
                    paid_off_on=si.paid_off_on, demand_on=si.termination_demanded_on
                ),
                convention=Convention.PRECEDING,
                clause="UCC 9-513(c)",
                description=(
                    "The secured obligation has ended (every secured note is repaid, converted or written off). Within 20 days after the debtor's authenticated demand "
                    "the secured party must file or send a termination statement (9-513(c)); failing "
                    "costs $500 plus actual damages (9-625(e)). "
                    + (
                        f"Demand received {si.termination_demanded_on:%B %-d, %Y}."
                        if si.termination_demanded_on
                        else "No demand recorded yet: counted from the payoff date."
                    )
                ),
                responsible_party=si.secured_party,
            )
        ]
    window = ucc.continuation_window(statement.lapse_date)
    return [
        ObligationSpec(
            key=continuation_key(statement),
            title=f"File UCC-3 continuation of {label}",
            kind=ObligationKind.UCC_CONTINUATION,
            window_opens=window.opens,
            window_closes=window.closes,
            convention=Convention.PRECEDING,
            clause="UCC 9-515(d), (e)",
            description=(
                f"A continuation is accepted only from {window.opens:%B %-d, %Y} to {window.closes:%B %-d, %Y} "
                "(the six months before lapse); it extends effectiveness five years from the lapse date."
            ),
            responsible_party=si.secured_party,
            critical=True,
        ),
        ObligationSpec(
            key=lapse_key(statement),
            title=f"{label} lapses unless continued",
            kind=ObligationKind.UCC_LAPSE,
            nominal_due_date=statement.lapse_date,
            convention=Convention.NONE,
            clause="UCC 9-515(a), (c)",
            description="After lapse the security interest is unperfected and deemed never perfected "
            "against a purchaser for value (9-515(c)).",
            responsible_party=si.secured_party,
        ),
    ]


def sync_all(si: SecurityInterest) -> None:
    statements = list(si.financing_statements.all())
    obligations_sync(matter=si.matter, source=si, specs=ucc1_specs(si, bool(statements)))
    for statement in statements:
        obligations_sync(matter=si.matter, source=statement, specs=statement_specs(si, statement))


def complete_open(*, source: Model, key: str, by: Any = None, evidence: str = "") -> None:
    """Mark the source's obligation `key` done (a filing was recorded), if it is still open."""
    obligation = Obligation.objects.filter(
        source_type=ContentType.objects.get_for_model(source, for_concrete_model=False),
        source_id=source.pk, source_key=key, status=ObligationStatus.OPEN,
    ).first()
    if obligation is not None:
        obligation_complete(obligation=obligation, by=by, evidence=evidence)
