"""Every list page of the demo, as counsel and as the CFO: median server time of `PAGES_BENCH_RUNS`
requests (django.test.Client, in process) and the SQL queries of one, flagging a page over 100 ms;
then the same pages with the demo grown about tenfold (matters, notes, deadlines, notices,
parties, closings, covenants, liens, registration rights), where the query counts must not move."""

import os
import statistics
import time

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from matters.models import Matter
from tests.page_rows import list_pages, matters_add, rows_add

RUNS = int(os.environ.get("PAGES_BENCH_RUNS", "7"))
SLOW_MS = 100
ROO = "ROO Group, Inc.: $600,000 secured note to Robert Petty, May 2005"


def _median(client: Client, url: str) -> tuple[float, int]:
    client.get(url)  # warm: the first request of a page fills per-process caches
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries


def _table(roo: Matter, users: list[User]) -> dict[tuple[str, str], tuple[float, int]]:
    rows = {}
    for user in users:
        client = Client()
        client.force_login(user)
        rows.update({(user.username, url): _median(client, url) for url in list_pages(roo, user)})
    return rows


def _print(title: str, rows: dict[tuple[str, str], tuple[float, int]],
           before: dict[tuple[str, str], tuple[float, int]] | None = None) -> None:
    print(f"\n{title}\n{'page':<42} {'user':<8} {'ms':>8} {'queries':>8}  {'was':>4}  flag", flush=True)
    for (who, url), (ms, queries) in rows.items():
        was = f"{before[(who, url)][1]:>4}" if before else "    "
        flags = [f"over {SLOW_MS} ms"] if ms > SLOW_MS else []
        flags += ["QUERIES GREW"] if before and queries != before[(who, url)][1] else []
        print(f"{url:<42} {who:<8} {ms:>8.1f} {queries:>8}  {was}  {', '.join(flags)}", flush=True)


def _grow(roo: Matter, counsel: User) -> None:
    """Tenfold: 50 matters for counsel (20 more of ROO Group, so the CFO's grow too), 30 of each row
    kind on the ROO matter (each with a new lender party), about 10x the demo's parties and notes."""
    matters_add(user=counsel, client=roo.client, n=20)
    matters_add(user=counsel, n=25)
    rows_add(matter=roo, n=30, by=counsel)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    call_command("load_demo", verbosity=0)
    roo = Matter.objects.get(name=ROO)
    users = [User.objects.get(username="counsel"), User.objects.get(username="cfo")]
    demo = _table(roo, users)
    _print(f"The demo ({Matter.objects.count()} matters): median of {RUNS}", demo)
    _grow(roo, users[0])
    grown = _table(roo, users)
    _print(f"Grown ({Matter.objects.count()} matters, 30 more of each row on ROO Group): median of {RUNS}",
           grown, before=demo)
