"""axe-core (vendored in static/vendor/axe-core) over every page of the demo that counsel, the CFO
and the admin reach from home (tests/core/crawl.py), in Chromium: no serious or critical violation.

One browser page per role, reused; axe is injected into each page from the app's own static files
(the Content-Security-Policy allows only 'self' scripts)."""

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from tests.core.crawl import crawl
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ("admin", "counsel", "cfo")
AXE = "/static/vendor/axe-core/axe.min.js"
RUN = "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"


def _violations(page, base: str, path: str) -> list[str]:
    """Each serious or critical violation on the page: `url: rule (impact) target`, one a node."""
    page.goto(base + path)
    page.add_script_tag(url=AXE)
    return [f"{path}: {rule['id']} ({rule['impact']}) {node['target']}"
            for rule in page.evaluate(RUN) if rule["impact"] in ("serious", "critical") for node in rule["nodes"]]


def _paths(user: User) -> list[str]:
    client = Client()
    client.force_login(user)
    return [path for path, _html in crawl(client)]


def test_no_page_of_the_demo_has_a_serious_or_critical_accessibility_violation_for_any_role(live_server, login_page):
    call_command("load_demo", verbosity=0)
    found: list[str] = []
    visited: dict[str, int] = {}
    for user in User.objects.filter(username__in=ROLES).order_by("username"):
        user.set_password(PASSWORD)  # login_page signs in with the factories' password
        user.save()
        paths = _paths(user)
        visited[user.username] = len(paths)
        page = login_page(user)
        found += [f"{user.username} {v}" for path in paths for v in _violations(page, live_server.url, path)]
    # Enough of the product was walked for the test to mean something (counsel reaches the most).
    assert visited["counsel"] >= 40 and visited["cfo"] >= 20 and visited["admin"] >= 20, visited
    assert found == [], "\n".join(found)



# The pages the crawl leaves out, with the status each answers: before signing in, a user's own
# account and two-factor pages, and the not-found page.
SIGNED_OUT = {"/accounts/login/": 200, "/accounts/password_reset/": 200, "/no-such-page/": 404}
ACCOUNT = {"/accounts/password_change/": 200, "/accounts/2fa/": 200, "/accounts/2fa/totp/activate/": 200,
           "/no-such-page/": 404}


def _checked(page, base: str, pages: dict[str, int]) -> tuple[dict[str, int], list[str]]:
    statuses, found = {}, []
    for path in pages:
        response = page.goto(base + path)
        statuses[path] = response.status
        page.add_script_tag(url=AXE)
        found += [f"{path}: {rule['id']} ({rule['impact']}) {node['target']}" for rule in page.evaluate(RUN)
                  if rule["impact"] in ("serious", "critical") for node in rule["nodes"]]
    return statuses, found


def test_the_sign_in_account_and_error_pages_have_no_serious_or_critical_accessibility_violation(
        live_server, browser, login_page, counsel):
    statuses, found = _checked(browser.new_page(), live_server.url, SIGNED_OUT)
    assert statuses == SIGNED_OUT
    statuses, more = _checked(login_page(counsel), live_server.url, ACCOUNT)
    assert statuses == ACCOUNT
    assert found + more == [], "\n".join(found + more)
