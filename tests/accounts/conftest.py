import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts log-ins per address in the cache (30 a minute): these tests sign in far
    more often than that from one address, so each starts with the counts at zero."""
    cache.clear()
    yield
    cache.clear()
