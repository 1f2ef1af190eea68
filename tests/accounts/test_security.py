"""Password-reset flood limits, token revocation on a new password, per-account login lockout."""

import pytest
from django.core import mail

from accounts.models import ApiToken
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, username, password, address="203.0.113.9"):
    return client.post("/accounts/login/", {"username": username, "password": password},
                       REMOTE_ADDR=address)


def _reset_link(message) -> str:
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line).strip()
    return link[link.index("/accounts/reset/"):]


def test_twenty_reset_requests_for_one_account_send_three_emails_and_answer_the_same_page(client, counsel):
    responses = [client.post("/accounts/password_reset/", {"email": counsel.email}) for _ in range(20)]
    assert len(mail.outbox) == 3
    assert {(r.status_code, r.url) for r in responses} == {(302, "/accounts/password_reset/done/")}


def test_one_address_cannot_send_reset_emails_to_more_than_ten_accounts_an_hour(client):
    users = UserFactory.create_batch(12)
    for user in users:
        client.post("/accounts/password_reset/", {"email": user.email}, REMOTE_ADDR="198.51.100.7")
    client.post("/accounts/password_reset/", {"email": users[-1].email}, REMOTE_ADDR="198.51.100.8")
    assert [m.to for m in mail.outbox] == [[u.email] for u in users[:10]] + [[users[-1].email]]


def test_changing_the_password_revokes_the_users_api_tokens(client_as, counsel, api_as):
    api = api_as(counsel)
    assert api.get("/api/v1/matters/").status_code == 200
    client_as(counsel).post("/accounts/password_change/", {
        "old_password": PASSWORD, "new_password1": "another-long-pass-77", "new_password2": "another-long-pass-77"})
    assert ApiToken.objects.filter(user=counsel, revoked_at__isnull=True).count() == 0
    assert api.get("/api/v1/matters/").status_code == 401


def test_resetting_the_password_revokes_the_users_api_tokens(client, counsel, api_as):
    api = api_as(counsel)
    client.post("/accounts/password_reset/", {"email": counsel.email})
    form_page = client.get(_reset_link(mail.outbox[0]), follow=True)
    client.post(form_page.redirect_chain[-1][0],
                {"new_password1": "a-brand-new-pass-42", "new_password2": "a-brand-new-pass-42"})
    assert ApiToken.objects.filter(user=counsel, revoked_at__isnull=True).count() == 0
    assert api.get("/api/v1/matters/").status_code == 401


def test_an_admin_setting_a_password_revokes_the_users_api_tokens(client_as, admin_user, counsel, api_as):
    api = api_as(counsel)
    response = client_as(admin_user).post(f"/admin/accounts/user/{counsel.pk}/password/", {
        "usable_password": "true", "password1": "set-by-the-admin-91", "password2": "set-by-the-admin-91"})
    assert response.status_code == 302
    assert api.get("/api/v1/matters/").status_code == 401


def test_failed_logins_on_one_account_do_not_lock_out_colleagues_behind_the_same_address(
    client, counsel, outsider, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        _login(client, "casey", "wrong-password")
    assert _login(client, "olive", PASSWORD).status_code == 302


def test_an_account_locked_by_failed_logins_is_locked_from_every_address(client, counsel, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "casey", "wrong-password")
    assert _login(client, "casey", PASSWORD, address="192.0.2.44").status_code == 429
