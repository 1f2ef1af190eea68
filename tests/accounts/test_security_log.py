"""The security log: sign-ins, failures, lockouts, two-factor changes, tokens and downloads, on a
page for admins and as records in the audit history (django-pghistory)."""

import pghistory.models
import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import SecurityEvent
from accounts.services import api_token_create
from tests.accounts.test_two_factor import _activate_totp
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password},
                       REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Firefox/140")


def _kinds(**filters):
    return list(SecurityEvent.objects.filter(**filters).order_by("pk").values_list("kind", flat=True))


def test_a_sign_in_and_a_failure_are_logged_with_the_address_and_browser(client, counsel):
    _login(client, "casey", "wrong-password")
    _login(client, "casey", PASSWORD)
    client.post("/accounts/logout/")
    assert _kinds(user=counsel) == ["sign_in_failed", "signed_in", "signed_out"]
    signed_in = SecurityEvent.objects.get(kind="signed_in")
    assert (signed_in.ip_address, signed_in.user_agent, signed_in.detail) == ("203.0.113.9", "Firefox/140", "with password")


def test_a_failure_for_an_unknown_name_is_logged_with_the_name_given(client, db):
    _login(client, "mallory", "guess")
    event = SecurityEvent.objects.get()
    assert (event.kind, event.user, event.username) == ("sign_in_failed", None, "mallory")


def test_a_lockout_is_logged(client, counsel, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "casey", "wrong-password")
    assert _kinds(kind="locked_out") == ["locked_out"]
    assert SecurityEvent.objects.filter(kind="sign_in_failed").count() == settings.AXES_FAILURE_LIMIT


def test_adding_and_removing_an_authenticator_app_is_logged(client, counsel, django_capture_on_commit_callbacks):
    _login(client, "casey", PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):  # allauth signals once the change is committed
        _activate_totp(client)
    client.post("/accounts/2fa/totp/deactivate/")
    details = SecurityEvent.objects.filter(kind__startswith="two_factor").order_by("pk").values_list("kind", "detail")
    assert list(details) == [
        ("two_factor_added", "authenticator app"), ("two_factor_added", "recovery codes"),
        ("two_factor_removed", "authenticator app"), ("two_factor_removed", "recovery codes"),
    ]


def test_a_refused_two_factor_code_is_logged(client, counsel):
    TOTP.activate(counsel, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    _login(client, "casey", PASSWORD)
    client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert _kinds(kind="two_factor_failed") == ["two_factor_failed"]


def test_making_revoking_and_using_a_token_is_logged(client_as, counsel):
    client = client_as(counsel)
    client.post("/profile/tokens/", {"name": "script", "days": "30"})
    token = counsel.api_tokens.get()
    client.post(f"/profile/tokens/{token.pk}/revoke/")
    _other, key = api_token_create(user=counsel, name="other")
    client.logout()
    client.get("/api/v1/matters/", HTTP_AUTHORIZATION=f"Token {key}")
    assert _kinds(user=counsel, kind__startswith="token") == [
        "token_created", "token_revoked", "token_created", "token_used"]


def test_an_export_is_logged_with_its_file_name(client_as, cfo):
    client_as(cfo).post("/notes/export.csv", {"as_of": "2025-04-01"})
    event = SecurityEvent.objects.get(kind="download")
    assert event.user == cfo
    assert event.detail == '/notes/export.csv (attachment; filename="covenant-notes-2025-04-01.csv")'


def test_admins_read_the_log_with_names_escaped_and_others_are_refused(client, client_as, admin_user, counsel):
    _login(client, "<script>x</script>", "guess")
    page = client_as(admin_user).get("/profile/security-log/?kind=sign_in_failed")
    body = page.content.decode()
    assert page.status_code == 200
    assert "&lt;script&gt;x&lt;/script&gt;" in body
    assert "<script>x</script>" not in body
    assert body.count('data-testid="security-event"') == 1
    client.logout()
    assert client_as(counsel).get("/profile/security-log/").status_code == 403


def test_every_line_of_the_log_is_also_a_record_in_the_audit_history(client, counsel):
    _login(client, "casey", PASSWORD)
    event = SecurityEvent.objects.get(kind="signed_in")
    history = pghistory.models.Events.objects.tracks(event)
    assert [(h.pgh_label, h.pgh_data["kind"]) for h in history] == [("insert", "signed_in")]
