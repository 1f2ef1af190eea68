"""API tokens: made and revoked on the profile page, expiring, last use shown, and accepted only
from users who meet the two-factor policy."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken, SecurityEvent
from accounts.services import api_token_create
from tests.accounts.totp import totp_code
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _api(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def _new_key(response) -> str:
    match = re.search(r'data-testid="new-token">([^<]+)<', response.content.decode())
    assert match is not None
    return match.group(1)


def test_a_token_made_on_the_profile_page_works_and_the_page_shows_its_last_use(client_as, counsel):
    client = client_as(counsel)
    key = _new_key(client.post("/profile/tokens/", {"name": "Monthly report", "days": "30"}))
    assert _api(key).get("/api/v1/matters/").json()["count"] == 1
    token = ApiToken.objects.get(user=counsel)
    assert (token.name, token.prefix, token.expires_at.date()) == (
        "Monthly report", key[:8], (timezone.now() + timedelta(days=30)).date())
    page = client.get("/profile/").content.decode()
    assert "Monthly report" in page
    assert "never" not in page
    assert key not in page  # shown once, when made


def test_only_the_digest_of_a_key_is_stored(counsel):
    token, key = api_token_create(user=counsel, name="script")
    assert key not in {token.key_digest, token.prefix, token.name}
    assert len(token.key_digest) == 64


def test_a_token_revoked_on_the_profile_page_is_refused(client_as, counsel):
    token, key = api_token_create(user=counsel, name="script")
    response = client_as(counsel).post(f"/profile/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    refused = _api(key).get("/api/v1/matters/")
    assert (refused.status_code, refused.json()["detail"]) == (401, "Invalid, expired or revoked token.")


def test_a_token_past_its_expiry_is_refused(counsel):
    _token, key = api_token_create(user=counsel, name="script", days=30)
    with time_machine.travel(timezone.now() + timedelta(days=29, hours=23)):
        assert _api(key).get("/api/v1/matters/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=30, minutes=1)):
        assert _api(key).get("/api/v1/matters/").status_code == 401


def test_nobody_revokes_someone_elses_token(client_as, counsel, outsider):
    token, key = api_token_create(user=counsel, name="script")
    assert client_as(outsider).post(f"/profile/tokens/{token.pk}/revoke/").status_code == 404
    assert _api(key).get("/api/v1/matters/").status_code == 200


def test_a_token_without_a_name_is_refused_next_to_the_field(client_as, counsel):
    response = client_as(counsel).post("/profile/tokens/", {"name": "  ", "days": "30"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_lasting_more_than_a_year_is_refused(client_as, counsel):
    response = client_as(counsel).post("/profile/tokens/", {"name": "forever", "days": "3650"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_with_two_factor_required_the_token_of_a_user_without_it_is_refused(counsel, settings):
    _token, key = api_token_create(user=counsel, name="script")
    settings.TWO_FACTOR_REQUIRED = True
    refused = _api(key).get("/api/v1/matters/")
    assert (refused.status_code, refused.json()["detail"]) == (
        403, "Two-factor sign-in is required: set it up on the profile page first.")
    TOTP.activate(counsel, SECRET)
    assert _api(key).get("/api/v1/matters/").status_code == 200


def test_the_api_gives_a_user_with_two_factor_a_token_only_with_the_code(counsel):
    TOTP.activate(counsel, SECRET)
    body = {"username": "casey", "password": PASSWORD}
    without = APIClient().post("/api/v1/auth/token/", body, format="json")
    assert (without.status_code, list(without.json())) == (400, ["code"])
    wrong = APIClient().post("/api/v1/auth/token/", {**body, "code": "000000"}, format="json")
    assert wrong.json() == {"code": ["Incorrect code."]}
    right = APIClient().post("/api/v1/auth/token/", {**body, "code": totp_code(SECRET)}, format="json")
    assert right.status_code == 200
    assert _api(right.json()["token"]).get("/api/v1/matters/").json()["count"] == 1


def test_a_recovery_code_also_gets_a_token_from_the_api(counsel):
    TOTP.activate(counsel, SECRET)
    code = RecoveryCodes.activate(counsel).get_unused_codes()[0]
    response = APIClient().post("/api/v1/auth/token/", {"username": "casey", "password": PASSWORD, "code": code},
                                format="json")
    assert response.status_code == 200


def test_the_api_gives_no_token_to_a_user_required_to_have_two_factor_without_it(counsel, settings):
    settings.TWO_FACTOR_REQUIRED = True
    response = APIClient().post("/api/v1/auth/token/", {"username": "casey", "password": PASSWORD}, format="json")
    assert response.status_code == 403
    assert not ApiToken.objects.exists()


def test_a_wrong_password_gets_no_token(counsel):
    response = APIClient().post("/api/v1/auth/token/", {"username": "casey", "password": "nope"}, format="json")
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}


def test_a_tokens_use_goes_into_the_security_log_once_an_hour(counsel):
    _token, key = api_token_create(user=counsel, name="script")
    start = timezone.now()
    for minutes in (0, 5, 59, 61):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            _api(key).get("/api/v1/matters/")
    assert SecurityEvent.objects.filter(kind="token_used", user=counsel).count() == 2
    assert ApiToken.objects.get(user=counsel).last_used_at >= start + timedelta(minutes=61)
