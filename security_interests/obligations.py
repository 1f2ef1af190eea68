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

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Model
from django.utils import timezone

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
TERMINATION_KEY = "termination"


def continuation_key(statement: FinancingStatement) -> str:
    return f"continuation:{statement.lapse_date.isoformat()}"


def lapse_key(statement: FinancingStatement) -> str:
    return f"lapse:{statement.lapse_date.isoformat()}"


def all_notes_repaid(si: SecurityInterest) -> bool:
    """True when the interest secures at least one note and every one of them is repaid."""
    statuses = list(Note.objects.filter(security_interests=si).values_list("status", flat=True))
    return bool(statuses) and all(status == NoteStatus.REPAID for status in statuses)


def payoff_date(si: SecurityInterest) -> date | None:
    """The day of the last live payment on the secured notes (the day they were paid off)."""
    return NoteTransaction.objects.filter(
        note__security_interests=si,
        kind__in=[TransactionKind.PAYMENT, TransactionKind.PREPAYMENT],
        voided_at__isnull=True,
    ).aggregate(last=Max("date"))["last"]


def filing_office_name(state: str) -> str:
    return f"the {state} Secretary of State" if state else "the filing office of the debtor's state of organization"


def ucc1_specs(si: SecurityInterest, has_statement: bool) -> list[ObligationSpec]:
    if has_statement or si.paid_off_on or si.status == SecurityInterestStatus.RELEASED:
        return []
    state = si.debtor.jurisdiction
    return [
        ObligationSpec(
            key=UCC1_KEY,
            title=f"File UCC-1 with {filing_office_name(state)}",
            kind=ObligationKind.UCC_FILING,
            nominal_due_date=si.granted_on or timezone.localdate(),
            convention=Convention.NONE,
            clause="UCC 9-310(a), 9-501(a)(2)",
            description=(
                f"{si} is not perfected by filing until a financing statement is filed. "
                f"{si.debtor} is organized in {state or 'an unrecorded state'}: a registered organization "
                "files in its state of organization (9-307(e)). Review with counsel."
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
                    "Every secured note is repaid. Within 20 days after the debtor's authenticated demand "
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
