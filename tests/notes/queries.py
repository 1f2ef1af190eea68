from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url):
    """The SQL queries one page runs (it must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
