"""Party list page and API at 10 and 10,000 parties: server time and SQL queries."""

from datetime import date

from django.db import connection
from django.test import Client

from accounts.models import Role, User
from bench.harness import get_page, measure, report
from parties.models import NoticeAddress, Party


def _grow_to(size: int) -> None:
    missing = size - Party.objects.count()
    parties = Party.objects.bulk_create(
        Party(legal_name=f"Bench Party {Party.objects.count() + i:06d}, Inc.", jurisdiction="Delaware")
        for i in range(missing)
    )
    NoticeAddress.objects.bulk_create(
        NoticeAddress(party=p, street_lines="1 Bench Street", city="New York", state="NY",
                      postal_code="10013", effective_from=date(2020, 1, 1))
        for p in parties
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    user = User.objects.create_user("bench-counsel", password="bench-password-1", role=Role.COUNSEL)
    client = Client()
    client.force_login(user)
    api = Client(HTTP_AUTHORIZATION="")
    api.force_login(user)
    for size in (10, 10_000):
        _grow_to(size)
        for label, url in (("party list page /parties/", "/parties/"),
                           ("party list API /api/v1/parties/", "/api/v1/parties/")):
            ms, queries, _ = measure(get_page(client if "page" in label else api, url))
            report(label, size, ms, queries)
