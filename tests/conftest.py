"""The cast: a client company, its matter, counsel on it, its CFO, an outsider and an admin."""

import pytest
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
    from accounts.services import api_token_create

    api = APIClient()
    _token, key = api_token_create(user=user, name="tests")
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
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


@pytest.fixture
def browser(live_server):
    """Headless Debian Chromium driven by Playwright, for tests against `live_server`."""
    import os

    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM is used from the
    # test body between browser calls, never concurrently, so this is safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        )
        yield chromium
        # The test body's queries ran while Playwright's greenlet was current, so their
        # connection lives in that context: close it there, or dropping the test database fails.
        connections.close_all()
        chromium.close()
    connections.close_all()


@pytest.fixture
def login_page(browser, live_server):
    """`login_page(user)`: a new browser page logged in as `user` through the login form."""
    from tests.factories import PASSWORD

    pages = []

    def login(user):
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        pages.append(context)
        return page

    yield login
    for context in pages:
        context.close()
