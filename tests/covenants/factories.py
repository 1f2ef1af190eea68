from datetime import date
from decimal import Decimal

from agreements.services import agreement_create
from covenants import services
from tests.factories import PartyFactory


def loan_agreement(matter, bank=None):
    """A credit agreement between the matter's client (the Borrower) and a bank (the Lender)."""
    bank = bank or PartyFactory(legal_name="First Harbor Bank, N.A.")
    return agreement_create(matter=matter, data={"kind": "other", "title": "Credit Agreement",
                                                 "dated_as_of": date(2026, 6, 30), "status": "executed"},
                            parties=[{"party": matter.client, "role": "company", "defined_term": "the Borrower"},
                                     {"party": bank, "role": "purchaser", "defined_term": "the Lender"}])


def fixed_charge_coverage(agreement, **extra):
    data = {"agreement": agreement, "kind": "financial", "title": "Fixed charge coverage ratio",
            "clause": "§6.1(a)", "party": agreement.matter.client, "metric": "Fixed Charge Coverage Ratio",
            "operator": "at_least", "threshold": Decimal("1.25"), "unit": "ratio",
            "basis": "the four fiscal quarters then ended", "frequency": "quarterly",
            "first_period_end": date(2026, 9, 30), "cure_days": 30, "cure_from": "reported",
            "cure_clause": "§8.1(c)", **extra}
    return services.covenant_create(matter=agreement.matter, data=data, by=None)


def quarterly_statements(agreement, **extra):
    data = {"agreement": agreement, "kind": "reporting", "title": "Financial statements", "clause": "§5.1(a)",
            "party": agreement.matter.client, "deliverable": "financial_statements", "frequency": "quarterly",
            "first_period_end": date(2026, 9, 30), "last_period_end": date(2027, 9, 30), "days_after_period": 45,
            "days_after_year_end": 90, **extra}
    return services.covenant_create(matter=agreement.matter, data=data, by=None)
