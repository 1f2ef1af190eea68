"""Single sign-on through OpenID Connect against a real provider (oidc-provider-mock) started as
a second process on loopback: discovery, the authorization code, the token exchange and the ID
token's signature all go over HTTP, from the test client and from Chromium."""

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from accounts.models import ApiToken, SecurityEvent

pytestmark = pytest.mark.django_db

EMAIL = "casey@firm.example"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def oidc_provider():
    port = _free_port()
    claims = json.dumps({"sub": "casey-at-firm", "email": EMAIL, "email_verified": True, "name": "Casey Firm"})
    server = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--user-claims", claims],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/.well-known/openid-configuration", timeout=2)  # noqa: S310
            break
        except OSError:
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def sso(oidc_provider, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [{
        "provider_id": "sso", "name": "Firm SSO", "client_id": "covenant", "secret": "covenant-secret",
        "settings": {"server_url": oidc_provider},
    }]}}
    return oidc_provider


@pytest.fixture
def firm_counsel(counsel):
    counsel.email = EMAIL
    counsel.save()
    return counsel


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect back to Covenant is for the test client to follow


def _authorize(url: str, sub: str) -> str:
    """Answers the provider's sign-in form as a person would; returns where it sends them."""
    opener = urllib.request.build_opener(_NoRedirect)
    body = urllib.parse.urlencode({"sub": sub}).encode()
    try:
        opener.open(urllib.request.Request(url, data=body), timeout=10)
    except urllib.error.HTTPError as redirect:  # the 302 arrives as an "error" once not followed
        return redirect.headers["Location"]
    raise AssertionError("the provider did not redirect")


def _sso_sign_in(client, sub="casey-at-firm"):
    """The test client starts the login; the provider's form is answered over HTTP; the test
    client follows the provider's redirect back to Covenant's callback."""
    start = client.post("/accounts/oidc/sso/login/")
    assert start.status_code == 302
    callback = urllib.parse.urlsplit(_authorize(start["Location"], sub))
    return client.get(f"{callback.path}?{callback.query}")


def test_the_login_page_offers_the_firms_single_sign_on(client, sso):
    assert "Continue with Firm SSO" in client.get("/accounts/login/").content.decode()


def test_single_sign_on_signs_in_the_user_with_the_providers_verified_email(client, firm_counsel, sso):
    response = _sso_sign_in(client)
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get("/matters/").status_code == 200
    event = SecurityEvent.objects.get(kind="signed_in")
    assert (event.user, event.detail) == (firm_counsel, "with single sign-on")


def test_single_sign_on_for_an_email_nobody_has_signs_in_nobody(client, counsel, sso):
    response = _sso_sign_in(client)
    assert "Sign Up Closed" in response.content.decode()
    assert client.get("/matters/").status_code == 302


def test_with_two_factor_required_a_single_sign_on_session_and_its_token_reach_the_api(client, firm_counsel, sso,
                                                                                       settings):
    settings.TWO_FACTOR_REQUIRED = True
    _sso_sign_in(client)
    assert client.get("/matters/").status_code == 200
    page = client.post("/profile/tokens/", {"name": "report", "days": "7"}).content.decode()
    key = re.search(r'data-testid="new-token">([^<]+)<', page).group(1)
    client.logout()
    response = client.get("/api/v1/matters/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.json()["count"] == 1
    assert ApiToken.objects.get().made_through_sso


def test_with_two_factor_required_and_sso_not_trusted_an_sso_user_must_enrol(client, firm_counsel, sso, settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.TWO_FACTOR_TRUST_SSO = False
    _sso_sign_in(client)
    assert client.get("/matters/")["Location"] == "/accounts/2fa/"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_counsel_signs_in_through_the_firms_single_sign_on_in_the_browser(live_server, browser, firm_counsel, sso):
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="Continue with Firm SSO").click()
    page.wait_for_url(f"{sso}/**")
    page.locator("input[name=sub]").fill("casey-at-firm")
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/matters/")
    assert page.get_by_role("link", name="ROO Group / Petty").count() == 1
    page.close()


def test_only_the_login_page_lets_a_form_go_to_the_identity_provider(client, sso):
    login = client.get("/accounts/login/")["Content-Security-Policy"]
    reset = client.get("/accounts/password_reset/")["Content-Security-Policy"]
    assert f"form-action 'self' {sso};" in login
    assert "form-action 'self';" in reset
