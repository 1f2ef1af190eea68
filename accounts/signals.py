"""Receivers that write the security log: sign-ins and their failures (Django), lockouts
(django-axes), two-factor changes (allauth). Each only records; nothing else happens here."""

from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa import signals as mfa_signals
from axes.signals import user_locked_out
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.models import SecurityEventKind, User
from accounts.services import security_event_record

METHODS = {"password": "password", "mfa": "password and second factor", "socialaccount": "single sign-on"}
AUTHENTICATORS = {"totp": "authenticator app", "webauthn": "passkey", "recovery_codes": "recovery codes"}


def _how(request: HttpRequest, user: User) -> str:
    records = get_authentication_records(request, user)
    if any(r.get("method") == "mfa" and r.get("passwordless") for r in records):
        return "with a passkey"
    methods = [METHODS.get(r.get("method", ""), r.get("method", "")) for r in records]
    return f"with {methods[-1]}" if methods else ""


@receiver(auth_signals.user_logged_in)
def _signed_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None:  # force_login in tests, the admin's "log in as" have no request
        security_event_record(kind=SecurityEventKind.SIGNED_IN, request=request, user=user,
                              detail=_how(request, user))


@receiver(auth_signals.user_logged_out)
def _signed_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if request is not None and user is not None:
        security_event_record(kind=SecurityEventKind.SIGNED_OUT, request=request, user=user)


@receiver(auth_signals.user_login_failed)
def _sign_in_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None,
                    **kwargs: Any) -> None:
    username = str(credentials.get("username") or "")
    user = User.objects.filter(username=username).first() if username else None
    locked = bool(getattr(request, "axes_locked_out", False))
    security_event_record(kind=SecurityEventKind.SIGN_IN_FAILED, request=request, user=user, username=username,
                          detail="account locked" if locked else "wrong user name or password")


@receiver(user_locked_out)
def _locked_out(sender: Any, request: HttpRequest, username: str | None = None, ip_address: str | None = None,
                **kwargs: Any) -> None:
    user = User.objects.filter(username=username).first() if username else None
    security_event_record(kind=SecurityEventKind.LOCKED_OUT, request=request, user=user, username=username or "")


def _authenticator_name(authenticator: Any) -> str:
    return AUTHENTICATORS.get(authenticator.type, authenticator.type)


@receiver(mfa_signals.authenticator_added)
def _two_factor_added(sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any) -> None:
    security_event_record(kind=SecurityEventKind.TWO_FACTOR_ADDED, request=request, user=user,
                          detail=_authenticator_name(authenticator))


@receiver(mfa_signals.authenticator_removed)
def _two_factor_removed(sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any) -> None:
    security_event_record(kind=SecurityEventKind.TWO_FACTOR_REMOVED, request=request, user=user,
                          detail=_authenticator_name(authenticator))


@receiver(mfa_signals.authenticator_reset)
def _two_factor_reset(sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any) -> None:
    security_event_record(kind=SecurityEventKind.RECOVERY_CODES_RENEWED, request=request, user=user,
                          detail=_authenticator_name(authenticator))


@receiver(mfa_signals.authentication_failed)
def _two_factor_failed(sender: Any, request: HttpRequest, user: User, authenticator: Any = None,
                       **kwargs: Any) -> None:
    security_event_record(kind=SecurityEventKind.TWO_FACTOR_FAILED, request=request, user=user,
                          detail=_authenticator_name(authenticator) if authenticator is not None else "")
