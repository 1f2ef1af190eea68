from datetime import date

import factory

from security_interests import ucc
from security_interests.models import FinancingStatement, SecurityInterest
from tests.factories import MatterFactory, PartyFactory


class SecurityInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecurityInterest

    matter = factory.SubFactory(MatterFactory)
    debtor = factory.LazyAttribute(lambda si: si.matter.client)
    secured_party = factory.SubFactory(PartyFactory, kind="individual", legal_name="Robert Petty", jurisdiction="")
    collateral = "Any and all assets of the Company"
    all_assets = True


class FinancingStatementFactory(factory.django.DjangoModelFactory):
    """Rows straight into the table (for volume tests); use the services for behaviour."""

    class Meta:
        model = FinancingStatement

    security_interest = factory.SubFactory(SecurityInterestFactory)
    filing_office = "Delaware"
    file_number = factory.Sequence(lambda n: f"2022 {n:07d}")
    filing_date = date(2022, 6, 10)
    lapse_date = factory.LazyAttribute(lambda fs: ucc.lapse_date(fs.filing_date))
