from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.models import PasswordResetEmail, Role, User
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


def user_tokens_revoke(*, user: User) -> int:
    """Deletes the user's API tokens (after a password change or reset); returns how many."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return deleted
