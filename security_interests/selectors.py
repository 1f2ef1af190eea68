"""Reads, scoped to what the user may see, each in a constant number of queries."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from core.search import SearchHit
from matters import access
from notes.models import Note
from security_interests import ucc
from security_interests.models import (
    FinancingStatement,
    FinancingStatementAmendment,
    FinancingStatementStatus,
    SecurityInterest,
    SecurityInterestStatus,
)

HORIZON_MONTHS = 6
STATEMENT_LOOKUP = "security_interest__matter"


def security_interests_of_matter(matter: Any) -> QuerySet[SecurityInterest]:
    return (
        SecurityInterest.objects.filter(matter=matter)
        .select_related("debtor", "secured_party", "granting_agreement")
        .prefetch_related(
            Prefetch("notes", queryset=Note.objects.select_related("issuer")),
            Prefetch(
                "financing_statements",
                queryset=FinancingStatement.objects.prefetch_related(
                    Prefetch("amendments", queryset=FinancingStatementAmendment.objects.order_by("filing_date", "id"))
                ).order_by("filing_date", "id"),
            ),
        )
        .order_by("id")
    )


def statements_for(user: Any) -> QuerySet[FinancingStatement]:
    return access.scope(user, FinancingStatement.objects.all(), STATEMENT_LOOKUP)


LAPSED_ACTION = (
    "Lapsed on {lapse:%B %-d, %Y}: perfection was lost on the lapse date (UCC 9-515(c)). File a new UCC-1 now."
)


@dataclass(frozen=True)
class PortfolioRow:
    statement: FinancingStatement
    window: ucc.Window
    action: str
    action_due: date | None
    urgent: bool
    status: str = FinancingStatementStatus.ACTIVE

    @property
    def status_label(self) -> str:
        return str(FinancingStatementStatus(self.status).label)


def portfolio_statements(user: Any, *, today: date, needs_action: bool = False) -> QuerySet[FinancingStatement]:
    """Every financing statement the user may see, soonest lapse first. `needs_action`: only those
    with something to do within the next six months (window open or opening, lapsed, or paid off)."""
    statements = statements_for(user).select_related(
        "security_interest__matter", "security_interest__debtor", "security_interest__secured_party"
    ).order_by("lapse_date", "id")
    if needs_action:
        horizon = today + relativedelta(months=2 * HORIZON_MONTHS)
        statements = statements.exclude(status=FinancingStatementStatus.TERMINATED).filter(
            Q(lapse_date__lte=horizon) | Q(security_interest__paid_off_on__isnull=False)
        )
    return statements


def portfolio_row(statement: FinancingStatement, today: date) -> PortfolioRow:
    window = ucc.continuation_window(statement.lapse_date)
    status = ucc.status_on(stored=statement.status, lapse=statement.lapse_date, today=today)
    row = _row_action(statement, window, status, today)
    return PortfolioRow(statement, window, *row, status=status)


def _row_action(statement: FinancingStatement, window: ucc.Window, status: str, today: date) -> tuple[str, date | None, bool]:
    si = statement.security_interest
    if status == FinancingStatementStatus.TERMINATED or si.status == SecurityInterestStatus.RELEASED:
        return "", None, False
    if status == FinancingStatementStatus.LAPSED:
        # A lapsed statement is ineffective: nothing to terminate, and perfection by it is gone.
        return ("", None, False) if si.paid_off_on else (LAPSED_ACTION.format(lapse=statement.lapse_date), today, True)
    if si.paid_off_on:
        due = ucc.termination_due(paid_off_on=si.paid_off_on, demand_on=si.termination_demanded_on)
        return "File termination (secured obligation ended)", due, True
    if today in window:
        return "Continue now: window open", window.closes, True
    if window.opens <= today + relativedelta(months=HORIZON_MONTHS):
        return "Continuation window opens", window.opens, False
    return "", None, False


def portfolio_summary(user: Any, *, today: date) -> dict[str, int]:
    horizon = today + relativedelta(months=HORIZON_MONTHS)
    active = Q(status=FinancingStatementStatus.ACTIVE)
    return statements_for(user).aggregate(
        total=Count("id"),
        lapsing=Count("id", filter=active & Q(lapse_date__gte=today, lapse_date__lte=horizon)),
        lapsed=Count("id", filter=~Q(status=FinancingStatementStatus.TERMINATED) & Q(lapse_date__lt=today)),
        to_terminate=Count("id", filter=active & Q(security_interest__paid_off_on__isnull=False)),
    )


def unfiled_security_interests(user: Any) -> QuerySet[SecurityInterest]:
    """Security interests with no financing statement: each needs a UCC-1."""
    return (
        access.scope(user, SecurityInterest.objects.all())
        .filter(financing_statements__isnull=True, paid_off_on__isnull=True)
        .exclude(status=SecurityInterestStatus.RELEASED)
        .select_related("matter", "debtor", "secured_party")
        .order_by("matter__name", "id")
    )


def search_hits(user: Any, query: str) -> list[SearchHit]:
    statements = (
        statements_for(user)
        .filter(Q(file_number__icontains=query) | Q(security_interest__debtor__legal_name__icontains=query))
        .select_related("security_interest__debtor")[:10]
    )
    return [
        SearchHit(
            "Financing statement", str(s), reverse("security_interests:statement", args=[s.pk]),
            f"{s.security_interest.debtor} · lapses {s.lapse_date:%Y-%m-%d}",
        )
        for s in statements
    ]
