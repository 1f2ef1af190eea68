"""Reads for the covenant pages and dashboards, scoped to what the user may see."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from covenants import evaluation, periods
from covenants.models import ComplianceCertificate, Covenant, CovenantKind, CovenantTest, TestResult
from deadlines.models import Obligation, ObligationKind, ObligationStatus
from matters.access import scope

DUE_WITHIN_DAYS = 90


@dataclass(frozen=True)
class FinancialRow:
    covenant: Covenant
    requirement: str
    last: CovenantTest | None
    next_test: date | None

    @property
    def reported(self) -> str:
        c = self.covenant
        return evaluation.format_figure(self.last.reported_value if self.last else None, c.unit, c.currency)

    @property
    def headroom(self) -> str:
        if self.last is None:
            return "—"
        c = self.covenant
        figure = evaluation.format_figure(self.last.headroom, c.unit if c.unit != "ratio" else "percent", c.currency)
        amount = f"{self.last.headroom.normalize():f}" if c.unit == "ratio" else figure
        percent = f" ({self.last.headroom_percent}%)" if self.last.headroom_percent is not None else ""
        return f"{amount}{percent}"


def requirement_words(covenant: Covenant) -> str:
    return evaluation.requirement(covenant.metric, covenant.operator, covenant.threshold, covenant.unit,
                                  covenant.currency, covenant.basis, covenant.get_frequency_display())


def covenants_for(user: Any) -> QuerySet[Covenant]:
    return scope(user, Covenant.objects.select_related("matter", "agreement", "party"))


def financial_rows(covenants: QuerySet[Covenant], today: date) -> list[FinancialRow]:
    rows = []
    for covenant in covenants.filter(kind=CovenantKind.FINANCIAL).prefetch_related("tests__certificate"):
        tests = sorted(covenant.tests.all(), key=lambda t: t.certificate.period_end)
        schedule = periods.schedule_for(covenant)
        rows.append(FinancialRow(covenant, requirement_words(covenant), tests[-1] if tests else None,
                                 periods.next_period_end(schedule, today)))
    return rows


def breaches(user: Any, matter: Any = None) -> list[tuple[CovenantTest, Obligation | None]]:
    """Tests in breach, newest first, each with its cure deadline."""
    tests = scope(user, CovenantTest.objects.select_related("covenant", "certificate", "certificate__matter"),
                  "certificate__matter").filter(result=TestResult.BREACH)
    if matter is not None:
        tests = tests.filter(certificate__matter=matter)
    source_type = ContentType.objects.get_for_model(CovenantTest)
    cures = {o.source_id: o for o in Obligation.objects.filter(source_type=source_type, source_key="cure",
                                                                source_id__in=[t.pk for t in tests])}
    return [(t, cures.get(t.pk)) for t in tests.order_by("-certificate__period_end", "-id")]


def reports_due(user: Any, today: date, matter: Any = None) -> QuerySet[Obligation]:
    """Open reporting deadlines of covenants due within 90 days (and any overdue)."""
    rows = scope(user, Obligation.objects.select_related("matter")).filter(
        source_type=ContentType.objects.get_for_model(Covenant), kind=ObligationKind.REPORTING,
        status=ObligationStatus.OPEN, due_date__lte=today + timedelta(days=DUE_WITHIN_DAYS))
    return rows.filter(matter=matter) if matter is not None else rows


def covenant_obligations(covenant: Covenant) -> QuerySet[Obligation]:
    return Obligation.objects.filter(source_type=ContentType.objects.get_for_model(Covenant), source_id=covenant.pk)


def test_obligations(test: CovenantTest) -> QuerySet[Obligation]:
    return Obligation.objects.filter(source_type=ContentType.objects.get_for_model(CovenantTest), source_id=test.pk)


def certificates_for(user: Any) -> QuerySet[ComplianceCertificate]:
    return scope(user, ComplianceCertificate.objects.select_related("matter", "agreement"))
