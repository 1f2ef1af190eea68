"""Every write to matters and their membership."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Role
from matters.models import Matter, Membership, MembershipRole

MEMBER_MUST_BE_COUNSEL = "Only counsel and admins can be members of a matter."
MATTER_FIELDS = ("name", "client", "status", "description", "holiday_calendar")


@transaction.atomic
def matter_create(*, data: dict[str, Any], by: Any) -> Matter:
    matter = Matter()
    for field in MATTER_FIELDS:
        if field in data:
            setattr(matter, field, data[field])
    matter.full_clean()
    matter.save()
    if by is not None and by.role == Role.COUNSEL:
        membership_add(matter=matter, user=by, role=MembershipRole.LEAD)
    return matter


@transaction.atomic
def matter_update(*, matter: Matter, data: dict[str, Any]) -> Matter:
    for field in MATTER_FIELDS:
        if field in data:
            setattr(matter, field, data[field])
    matter.full_clean()
    matter.save()
    return matter


@transaction.atomic
def membership_add(*, matter: Matter, user: Any, role: str = MembershipRole.COUNSEL) -> Membership:
    if user.role == Role.FINANCE:
        raise ValidationError({"user": MEMBER_MUST_BE_COUNSEL})
    membership, _ = Membership.objects.update_or_create(
        matter=matter, user=user, defaults={"role": role}
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    membership.delete()
