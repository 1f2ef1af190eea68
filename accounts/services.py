import hashlib
import secrets
from datetime import timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import (
    ApiToken,
    PasswordResetEmail,
    Role,
    SecurityEvent,
    SecurityEventKind,
    User,
)
from parties.models import Party

FINANCE_NEEDS_COMPANY = "A finance user must belong to a client company (--company PARTY_ID)."
UNKNOWN_ROLE = "Role must be one of admin, counsel, finance."


@transaction.atomic
def user_create(
    *,
    username: str,
    role: str,
    password: str | None,
    company: Party | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> User:
    if role not in Role.values:
        raise ValidationError({"role": UNKNOWN_ROLE})
    if role == Role.FINANCE and company is None:
        raise ValidationError({"company": FINANCE_NEEDS_COMPANY})
    user = User(
        username=username,
        role=role,
        company=company if role == Role.FINANCE else None,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def password_reset_email_claim(*, user: User, requester: str | None) -> bool:
    """Records a reset email for `user` asked from `requester`, or returns False (recording
    nothing) when the account or the address has had its hourly share."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one claim per account at a time
    recent = PasswordResetEmail.objects.filter(sent_at__gte=timezone.now() - timedelta(hours=1))
    if recent.filter(user=user).count() >= settings.PASSWORD_RESET_PER_ACCOUNT_PER_HOUR:
        return False
    if requester and recent.filter(requester=requester).count() >= settings.PASSWORD_RESET_PER_REQUESTER_PER_HOUR:
        return False
    PasswordResetEmail.objects.create(user=user, requester=requester)
    return True


TOKEN_NAME_NEEDED = "Give the token a name, such as the script that will use it."
TOKEN_DAYS_RANGE = "A token lasts from 1 to 365 days."
TOKEN_NOT_YOURS = "That token is not yours."
# A token's use is written to the security log at most this often (its last use always shows).
TOKEN_USE_LOGGED_EVERY = timedelta(hours=1)
TOKEN_LAST_USE_PRECISION = timedelta(minutes=1)


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def security_event_record(
    *, kind: str, request: HttpRequest | None = None, user: User | None = None, username: str = "",
    detail: str = "",
) -> SecurityEvent:
    """One line of the security log, with the address and browser of `request` when there is one."""
    if user is None and request is not None and isinstance(getattr(request, "user", None), User):
        user = request.user  # type: ignore[assignment]  # narrowed by the isinstance above
    event = SecurityEvent(
        kind=kind,
        user=user,
        username=(username or (user.get_username() if user else ""))[:150],
        ip_address=get_client_ip_address(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300],
        detail=detail[:500],
    )
    event.full_clean()
    event.save()
    return event


@transaction.atomic(durable=True)
def api_token_create(*, user: User, name: str, days: int | None = None, made_through_sso: bool = False,
                     request: HttpRequest | None = None) -> tuple[ApiToken, str]:
    """Makes a token and returns it with its key, which is stored nowhere else: show it once."""
    days = settings.API_TOKEN_DAYS if days is None else days
    if not name.strip():
        raise ValidationError({"name": TOKEN_NAME_NEEDED})
    if not 1 <= days <= 365:
        raise ValidationError({"days": TOKEN_DAYS_RANGE})
    key = secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), key_digest=token_digest(key), prefix=key[:8],
                     expires_at=timezone.now() + timedelta(days=days), made_through_sso=made_through_sso)
    token.full_clean()
    token.save()
    security_event_record(kind=SecurityEventKind.TOKEN_CREATED, request=request, user=user,
                          detail=f"{token.name} ({token.prefix}…), expires {token.expires_at:%Y-%m-%d}")
    return token, key


@transaction.atomic(durable=True)
def api_token_revoke(*, token_id: int, by: User, request: HttpRequest | None = None) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=by).first()
    if token is None:
        raise ValidationError(TOKEN_NOT_YOURS)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        security_event_record(kind=SecurityEventKind.TOKEN_REVOKED, request=request, user=by,
                              detail=f"{token.name} ({token.prefix}…)")
    return token


def api_token_use(*, key: str, request: HttpRequest | None = None) -> ApiToken | None:
    """The live token with this key, its last use brought up to date; None for an unknown,
    expired or revoked key. A use goes into the security log once an hour per token."""
    now = timezone.now()
    token = (ApiToken.objects.select_related("user")
             .filter(key_digest=token_digest(key), revoked_at__isnull=True, expires_at__gt=now).first())
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    logged = token.use_logged_at
    if logged is None or now - logged >= TOKEN_USE_LOGGED_EVERY:
        # A conditional update, so two requests at once write one line between them.
        if ApiToken.objects.filter(pk=token.pk, use_logged_at=logged).update(use_logged_at=now):
            security_event_record(kind=SecurityEventKind.TOKEN_USED, request=request, user=token.user,
                                  detail=f"{token.name} ({token.prefix}…)")
    return token


def user_tokens_revoke(*, user: User) -> int:
    """Revokes the user's live API tokens (after a password change or reset); returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
