import pytest

from ops import store


@pytest.fixture
def ops_redis():
    """The operations keys in the test Redis, cleared before and after each test."""
    client = store.client()
    keys = (store.SWEEP_LAST_SUCCESS_KEY, store.SWEEP_DURATION_KEY)
    client.delete(*keys)
    yield client
    client.delete(*keys)
