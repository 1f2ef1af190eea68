"""The demo matter and the demo users (password `covenant-demo`)."""

from typing import Any

from accounts.models import Role, User
from accounts.services import user_create
from matters.models import Matter, MembershipRole
from matters.services import matter_create, membership_add

DEMO_PASSWORD = "covenant-demo"
ROO_MATTER = "ROO Group, Inc.: $600,000 secured note to Robert Petty, May 2005"


def _user(username: str, role: str, **data: Any) -> User:
    existing = User.objects.filter(username=username).first()
    return existing or user_create(username=username, role=role, password=DEMO_PASSWORD, **data)


def load(context: dict[str, Any]) -> None:
    roo = context["roo"]
    admin = _user("admin", Role.ADMIN, email="admin@lawfirm.example", first_name="Ada", last_name="Admin")
    counsel = _user(
        "counsel", Role.COUNSEL, email="casey@lawfirm.example", first_name="Casey", last_name="Counsel"
    )
    cfo = _user(
        "cfo", Role.FINANCE, company=roo, email="cfo@roogroup.example", first_name="Robin", last_name="Smyth"
    )
    matter = Matter.objects.filter(name=ROO_MATTER).first() or matter_create(
        data={
            "name": ROO_MATTER,
            "client": roo,
            "description": (
                "Note Purchase Agreement made as of May 18, 2005 between ROO Group, Inc. and "
                "Robert Petty: a $600,000 principal amount promissory note (Exhibit A) for a "
                "$500,500 purchase price, secured by a general security interest in all assets "
                "of the Company, with a Registration Rights Agreement (Exhibit B)."
            ),
        },
        by=None,
    )
    membership_add(matter=matter, user=counsel, role=MembershipRole.LEAD)
    context.update({"admin": admin, "counsel": counsel, "cfo": cfo, "roo_matter": matter})
