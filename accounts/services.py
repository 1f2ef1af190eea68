from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Role, User
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
