"""The two-factor policy: who must have a second factor, and whether a sign-in meets it."""

from typing import Any
from urllib.parse import urlsplit

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest

from accounts.models import ApiToken, User

SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def two_factor_applies(*, user: User) -> bool:
    return settings.TWO_FACTOR_REQUIRED or user.role in settings.TWO_FACTOR_REQUIRED_ROLES


def user_has_two_factor(*, user: User) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


def token_meets_two_factor_policy(*, token: ApiToken) -> bool:
    """A token works while its user has the second factor the policy asks of them, or, when
    single sign-on counts as two-factor, when it was made in a single sign-on session."""
    user = token.user
    if not two_factor_applies(user=user) or user_has_two_factor(user=user):
        return True
    return settings.TWO_FACTOR_TRUST_SSO and token.made_through_sso


def signed_in_by_sso(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "socialaccount" for record in records)


def sign_in_meets_two_factor_policy(request: HttpRequest) -> bool:
    """A signed-in session meets the policy when the policy does not apply to its user, the user
    has a second factor (allauth asks for it at every sign-in), or the sign-in came through the
    firm's single sign-on and TWO_FACTOR_TRUST_SSO is on."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101  # only called for signed-in users
    if not two_factor_applies(user=user) or user_has_two_factor(user=user):
        return True
    return settings.TWO_FACTOR_TRUST_SSO and signed_in_by_sso(request)


def sso_origins() -> list[str]:
    """The origins (scheme, host, port) of the configured single sign-on providers."""
    providers: dict[str, Any] = settings.SOCIALACCOUNT_PROVIDERS
    apps = providers.get("openid_connect", {}).get("APPS", [])
    urls = [urlsplit(app.get("settings", {}).get("server_url", "")) for app in apps]
    return [f"{url.scheme}://{url.netloc}" for url in urls if url.scheme in ("http", "https") and url.netloc]


def users_panel(user: Any, today: Any) -> dict[str, Any] | None:
    """An admin's home: the active users by role, and the accounts that are switched off."""
    from django.db.models import Count

    from accounts.models import Role

    counts = dict(User.objects.filter(is_active=True).values_list("role").annotate(n=Count("id")).values_list("role", "n"))
    return {"roles": [(label, counts.get(value, 0)) for value, label in Role.choices],
            "inactive": User.objects.filter(is_active=False).count()}
