"""Two-factor sign-in in Chromium: enrolment at first sign-in with an authenticator app, then a
passkey through Chromium's virtual authenticator (WebAuthn over the DevTools protocol)."""

import time

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from rest_framework.test import APIClient

from tests.accounts.totp import totp_code
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _password_login(page, base, username="casey"):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()


def _log_out(page):
    page.locator("form[action='/accounts/logout/'] button").dispatch_event("click")  # in a closed menu
    page.wait_for_url("**/accounts/login/")


def test_a_user_required_to_have_two_factor_enrols_an_authenticator_app_at_first_sign_in(
    live_server, browser, counsel, settings
):
    settings.TWO_FACTOR_REQUIRED = True
    page = browser.new_page()
    _password_login(page, live_server.url)
    page.wait_for_url("**/accounts/2fa/")
    assert "Your firm requires two-factor sign-in" in page.content()
    page.goto(f"{live_server.url}/matters/")
    assert page.url.endswith("/accounts/2fa/")
    page.get_by_role("link", name="Activate").click()
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    page.goto(f"{live_server.url}/matters/")
    assert page.get_by_role("link", name="ROO Group / Petty").count() == 1
    _log_out(page)
    with time_machine.travel(time.time() + 60, tick=True):  # a later 30-second step: a fresh code
        _password_login(page, live_server.url)
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.get_by_label("Code").fill(totp_code(secret))
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url(f"{live_server.url}/")
    page.close()


def test_a_passkey_signs_in_without_a_password_and_its_session_makes_an_api_token(
    live_server, browser, counsel, settings
):
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True,
    }})
    _password_login(page, live_server.url)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/accounts/2fa/webauthn/add/")
    page.get_by_label("Name").fill("Laptop")
    page.get_by_label("Passwordless").check()
    page.get_by_role("button", name="Add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user=counsel, type="webauthn").count() == 1
    _log_out(page)
    page.get_by_role("button", name="Use a passkey").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/matters/")
    assert page.get_by_role("link", name="ROO Group / Petty").count() == 1
    settings.TWO_FACTOR_REQUIRED = True  # a passkey is a second factor: the pages stay open
    page.goto(f"{live_server.url}/profile/")
    page.get_by_label("What it is for").fill("Reports")
    page.get_by_role("button", name="Make a token").click()
    key = page.get_by_test_id("new-token").inner_text().strip()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/matters/").json()["count"] == 1
    context.close()
