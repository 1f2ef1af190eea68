"""Lien portfolio page and financing-statement API at 10 and 10,000 statements: time and queries."""

from datetime import date, timedelta

from django.db import connection
from django.test import Client

from accounts.models import Role, User
from bench.harness import get_page, measure, report
from matters.models import Matter, Membership, MembershipRole
from parties.models import Party
from security_interests import ucc
from security_interests.models import FinancingStatement, SecurityInterest


def _grow_to(size: int, matter: Matter, debtor: Party, secured: Party) -> None:
    missing = size - FinancingStatement.objects.count()
    interests = SecurityInterest.objects.bulk_create(
        SecurityInterest(matter=matter, debtor=debtor, secured_party=secured, collateral="All assets", all_assets=True)
        for _ in range(missing)
    )
    start = date(2021, 1, 1)
    FinancingStatement.objects.bulk_create(
        FinancingStatement(
            security_interest=si, filing_office="Delaware", file_number=f"B{si.pk:07d}",
            filing_date=start + timedelta(days=si.pk % 1500), lapse_date=ucc.lapse_date(start + timedelta(days=si.pk % 1500)),
        )
        for si in interests
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    user = User.objects.create_user("bench-lien-counsel", password="bench-password-1", role=Role.COUNSEL)
    debtor = Party.objects.create(legal_name="Bench Debtor, Inc.", jurisdiction="Delaware")
    secured = Party.objects.create(legal_name="Bench Lender LLC", jurisdiction="New York")
    matter = Matter.objects.create(name="Bench liens", client=debtor)
    Membership.objects.create(matter=matter, user=user, role=MembershipRole.LEAD)
    client = Client()
    client.force_login(user)
    for size in (10, 10_000):
        _grow_to(size, matter, debtor, secured)
        for label, url in (
            ("lien portfolio /security-interests/", "/security-interests/"),
            ("lien portfolio, needs action", "/security-interests/?needs_action=1"),
            ("financing statements API", "/api/v1/financing-statements/"),
        ):
            ms, queries, _ = measure(get_page(client, url))
            report(label, size, ms, queries)
