from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password},
                       REMOTE_ADDR="203.0.113.9")


def test_login_then_logout(client, counsel):
    assert _login(client, "casey", PASSWORD).status_code == 302
    assert client.get("/matters/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/matters/").status_code == 302


def test_a_session_expires_after_eight_hours_without_activity(client, counsel):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _login(client, "casey", PASSWORD)
    with time_machine.travel(start + timedelta(hours=7, minutes=59), tick=False):
        assert client.get("/matters/").status_code == 200
    with time_machine.travel(start + timedelta(hours=16), tick=False):
        assert client.get("/matters/").status_code == 302


def test_repeated_failed_logins_are_throttled_for_fifteen_minutes_only(client, counsel, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(client, "casey", "wrong-password")
        locked = _login(client, "casey", PASSWORD)
        assert locked.status_code == 429
        assert "Too many failed log-ins" in locked.content.decode()
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert _login(client, "casey", PASSWORD).status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(client, counsel):
    client.post("/accounts/password_reset/", {"email": counsel.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line).strip()
    path = link[link.index("/accounts/reset/"):]
    form_page = client.get(path, follow=True)
    response = client.post(form_page.redirect_chain[-1][0],
                           {"new_password1": "a-brand-new-pass-42", "new_password2": "a-brand-new-pass-42"})
    assert response.status_code == 302
    counsel.refresh_from_db()
    assert counsel.check_password("a-brand-new-pass-42")


def test_password_change(client_as, counsel):
    response = client_as(counsel).post("/accounts/password_change/", {
        "old_password": PASSWORD, "new_password1": "another-long-pass-77", "new_password2": "another-long-pass-77"})
    assert response.status_code == 302
    counsel.refresh_from_db()
    assert counsel.check_password("another-long-pass-77")


def test_add_user_creates_a_finance_user_of_a_company(client_company):
    call_command("add_user", "robin", "--role", "finance", "--company", str(client_company.pk),
                 "--password", "a-long-enough-pass-9")
    user = User.objects.get(username="robin")
    assert (user.role, user.company, user.is_staff) == ("finance", client_company, False)
    assert user.check_password("a-long-enough-pass-9")


def test_add_user_refuses_a_finance_user_without_a_company(db):
    with pytest.raises(CommandError, match="client company"):
        call_command("add_user", "robin", "--role", "finance", "--password", "a-long-enough-pass-9")
    assert not User.objects.filter(username="robin").exists()


def test_add_user_makes_admins_staff(db):
    call_command("add_user", "ada", "--role", "admin", "--password", "a-long-enough-pass-9")
    assert User.objects.get(username="ada").is_staff
