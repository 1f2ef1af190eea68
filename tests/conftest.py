"""The cast: a client company, its matter, counsel on it, its CFO, an outsider and an admin."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import Role
from tests.factories import MatterFactory, MembershipFactory, PartyFactory, UserFactory


@pytest.fixture
def client_company(db):
    return PartyFactory(legal_name="ROO Group, Inc.")


@pytest.fixture
def matter(client_company):
    return MatterFactory(name="ROO Group / Petty", client=client_company)


@pytest.fixture
def counsel(matter):
    user = UserFactory(username="casey", role=Role.COUNSEL)
    MembershipFactory(matter=matter, user=user)
    return user


@pytest.fixture
def cfo(client_company):
    return UserFactory(username="robin", role=Role.FINANCE, company=client_company)


@pytest.fixture
def outsider(db):
    """Counsel at the firm who is not on the matter."""
    return UserFactory(username="olive", role=Role.COUNSEL)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="ada", role=Role.ADMIN, is_staff=True, is_superuser=True)


def _api_for(user) -> APIClient:
    api = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api


@pytest.fixture
def api_as():
    """`api_as(user)` gives an API client authenticated with the user's token."""
    return _api_for


@pytest.fixture
def client_as(client):
    def login(user):
        client.force_login(user)
        return client

    return login
