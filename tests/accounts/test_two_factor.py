"""Two-factor sign-in (django-allauth's TOTP and recovery codes) and the "require two-factor"
policy: a user it applies to is walked through enrolment and reaches nothing else before."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.utils import timezone

from tests.accounts.totp import totp_code
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username="casey", password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def _activate_totp(client) -> str:
    page = client.get("/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"|value="([A-Z2-7]+)"[^>]*id="authenticator_secret"', page)
    assert secret is not None
    key = secret.group(1) or secret.group(2)
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(key)})
    assert response.status_code == 302
    return key


def test_with_two_factor_required_a_user_without_it_is_sent_to_enrolment_from_every_page(client, counsel, settings):
    settings.TWO_FACTOR_REQUIRED = True
    assert _login(client).status_code == 302
    response = client.get("/matters/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/2fa/")
    assert client.get("/profile/")["Location"] == "/accounts/2fa/"
    enrolment = client.get("/accounts/2fa/")
    assert enrolment.status_code == 200
    assert "Your firm requires two-factor sign-in" in enrolment.content.decode()


def test_with_two_factor_required_the_api_refuses_a_session_without_it(client, counsel, settings):
    settings.TWO_FACTOR_REQUIRED = True
    _login(client)
    response = client.get("/api/v1/matters/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Two-factor sign-in is required: set it up on the profile page first."}


def test_activating_an_authenticator_app_opens_the_pages_and_shows_recovery_codes(client, counsel, settings):
    settings.TWO_FACTOR_REQUIRED = True
    _login(client)
    _activate_totp(client)
    codes = client.get("/accounts/2fa/recovery-codes/")
    assert codes.status_code == 200
    assert client.get("/matters/").status_code == 200
    assert client.get("/api/v1/matters/").json()["count"] == 1
    assert set(Authenticator.objects.filter(user=counsel).values_list("type", flat=True)) == {"totp", "recovery_codes"}


def test_a_user_with_an_authenticator_app_needs_its_code_after_the_password(client, counsel):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _login(client)
        secret = _activate_totp(client)
        client.post("/accounts/logout/")
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        response = _login(client)
        assert response["Location"] == "/accounts/2fa/authenticate/"
        assert client.get("/matters/")["Location"].startswith("/accounts/login/")
        wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
        assert "Incorrect code" in wrong.content.decode()
        signed_in = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
        assert signed_in.status_code == 302
        assert client.get("/matters/").status_code == 200


def test_a_recovery_code_signs_in_once(client, counsel):
    _login(client)
    _activate_totp(client)
    code = Authenticator.objects.get(user=counsel, type="recovery_codes").wrap().get_unused_codes()[0]
    client.post("/accounts/logout/")
    _login(client)
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    assert client.get("/matters/").status_code == 200
    client.post("/accounts/logout/")
    _login(client)
    assert "Incorrect code" in client.post("/accounts/2fa/authenticate/", {"code": code}).content.decode()


def test_two_factor_required_for_one_role_leaves_the_others_alone(client, counsel, admin_user, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["admin"]
    _login(client)
    assert client.get("/matters/").status_code == 200
    client.post("/accounts/logout/")
    _login(client, "ada")
    assert client.get("/matters/")["Location"] == "/accounts/2fa/"


def test_with_two_factor_off_nobody_is_asked_to_enrol(client, counsel, settings):
    settings.TWO_FACTOR_REQUIRED = False
    _login(client)
    assert client.get("/matters/").status_code == 200


def test_production_settings_require_two_factor_unless_the_environment_says_otherwise():
    import subprocess
    import sys

    script = "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "DJANGO_SECRET_KEY": "x" * 50, "PATH": ""}
    default = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {script}"],
                             env=env, capture_output=True, text=True, check=True)
    off = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {script}"],
                         env={**env, "TWO_FACTOR_REQUIRED": "0"}, capture_output=True, text=True, check=True)
    assert (default.stdout.strip(), off.stdout.strip()) == ("True", "False")


def test_the_admin_login_page_sends_people_to_the_login_with_two_factor(client, admin_user):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    posted = client.post("/admin/login/", {"username": "ada", "password": PASSWORD})
    assert posted["Location"].startswith("/accounts/login/")
    assert client.get("/admin/").status_code == 302
