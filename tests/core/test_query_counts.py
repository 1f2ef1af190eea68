"""Every list page makes as many SQL queries with 8 rows of each kind as with 4: no query per row.

The rows come in rounds (2, then 2 more, then 4 more), so the smaller size already has what only a
second round makes (a record changed after it was added, whose history then names its user): that
is one more query whatever the size, not one per row, and is not what this test looks for."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.page_rows import list_pages, matters_add, rows_add

pytestmark = pytest.mark.django_db


def _counts(client, urls: list[str]) -> dict[str, int]:
    for url in urls:  # a first pass fills per-process caches, and records what a visit records
        client.get(url)
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured)
    return counts


def _grown_by(n: int, *, matter, counsel, viewer, client) -> dict[str, int]:
    """`n` more rows of each kind on `matter` and `n` more matters of its client; the viewer's counts."""
    rows_add(matter=matter, n=n, by=counsel)
    matters_add(user=counsel, client=matter.client, n=n)
    return _counts(client, list_pages(matter, viewer))


def test_counsels_list_pages_make_the_same_queries_with_8_rows_as_with_4(client_as, counsel, matter):
    client = client_as(counsel)
    _grown_by(2, matter=matter, counsel=counsel, viewer=counsel, client=client)
    small = _grown_by(2, matter=matter, counsel=counsel, viewer=counsel, client=client)
    large = _grown_by(4, matter=matter, counsel=counsel, viewer=counsel, client=client)
    assert large == small


def test_the_cfos_list_pages_make_the_same_queries_with_8_rows_as_with_4(client_as, counsel, cfo, matter):
    client = client_as(cfo)
    _grown_by(2, matter=matter, counsel=counsel, viewer=cfo, client=client)
    small = _grown_by(2, matter=matter, counsel=counsel, viewer=cfo, client=client)
    large = _grown_by(4, matter=matter, counsel=counsel, viewer=cfo, client=client)
    assert large == small
