"""The two-factor policy: who must have a second factor, and whether a sign-in meets it."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest

from accounts.models import User

SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def two_factor_applies(*, user: User) -> bool:
    return settings.TWO_FACTOR_REQUIRED or user.role in settings.TWO_FACTOR_REQUIRED_ROLES


def user_has_two_factor(*, user: User) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


def user_meets_two_factor_policy(*, user: User) -> bool:
    """For API tokens: the user has the second factor the policy asks of them."""
    return not two_factor_applies(user=user) or user_has_two_factor(user=user)


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
