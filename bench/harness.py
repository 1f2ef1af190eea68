"""Shared tools for benchmarks: a separate database, timing and SQL query counting."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases


@contextmanager
def bench_database() -> Iterator[None]:
    """Create `test_<name>` databases as the test runner does, and drop them afterwards."""
    config = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(config, verbosity=0)


def measure(call: Callable[[], Any], repeat: int = 5) -> tuple[float, int, Any]:
    """Best server time in ms over `repeat` runs, and the SQL queries one run makes."""
    best = float("inf")
    result: Any = None
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = call()
            elapsed = (time.perf_counter() - start) * 1000
        best = min(best, elapsed)
        queries = len(captured)
    return best, queries, result


def get_page(client: Client, url: str) -> Callable[[], Any]:
    def call() -> Any:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return call


def report(label: str, size: int, ms: float, queries: int) -> None:
    print(f"{label:<45} n={size:>9,}  {ms:>9.1f} ms  {queries:>3} queries", flush=True)
