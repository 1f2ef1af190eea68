"""Rows for every list page, `n` of each kind per matter, through the services where a list shows
what they compute (notices, closings, covenants, registration rights). Used by the query-count
test (2 rows against 6) and by `make bench` (the demo grown tenfold)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from agreements.models import Agreement, NoticeRule
from agreements.services import agreement_create
from closings.services import closing_create, deliverable_create
from matters.models import Matter
from notices.services import notice_dispatch
from registration_rights.services import rights_create
from tests.covenants.factories import quarterly_statements
from tests.deadlines.factories import ObligationFactory
from tests.factories import MatterFactory, MembershipFactory, NoticeAddressFactory, PartyFactory
from tests.notes.factories import NoteFactory
from tests.security_interests.factories import FinancingStatementFactory, SecurityInterestFactory

NEW_YORK = ZoneInfo("America/New_York")


def rows_add(*, matter: Matter, n: int, by: Any) -> None:
    """`n` more of every listed kind under `matter`: lenders (parties with an address) on `n`
    agreements, notes, deadlines, notices, closings of one deliverable (and one more on the
    matter's first open closing), covenants, security
    interests with a filing, and registration rights; `by` sends the notices."""
    if not matter.client.notice_addresses.exists():  # the notices go to the client
        NoticeAddressFactory(party=matter.client)
    for _ in range(n):
        lender = NoticeAddressFactory().party
        agreement = _agreement(matter, lender)
        NoteFactory(matter=matter, agreement=agreement, holder=lender)
        ObligationFactory(matter=matter, responsible_party=matter.client)
        notice_dispatch(matter=matter, agreement=agreement, by=by, data={
            "sender": lender, "recipient": matter.client, "method": "personal",
            "dispatched_at": datetime(2026, 3, 2, 10, tzinfo=NEW_YORK)})
        closing = closing_create(matter=matter, agreements=[agreement], data={"place": "Offices of counsel"})
        first_open = matter.closings.exclude(status__in=["closed", "cancelled"]).order_by("pk")[0]
        for checklist in (closing, first_open):  # the first open one grows too
            deliverable_create(closing=checklist, data={"description": f"Certificate of {lender}", "kind": "document",
                                                        "from_party": lender, "to_party": matter.client, "clause": "§3.2"})
        quarterly_statements(agreement)
        FinancingStatementFactory(security_interest=SecurityInterestFactory(matter=matter, secured_party=lender))
        rights_create(matter=matter, holders=[lender], data={
            "agreement": agreement, "closing_date": date(2026, 1, 5), "filing_deadline_days": 30,
            "effectiveness_deadline_days": 90, "purchase_price": Decimal("100000")})


def _agreement(matter: Matter, lender: Any) -> Agreement:
    agreement = agreement_create(
        matter=matter, data={"kind": "note_purchase", "title": f"Note Purchase Agreement with {lender}",
                             "dated_as_of": date(2026, 1, 5), "status": "executed"},
        parties=[{"party": matter.client, "role": "company"}, {"party": lender, "role": "purchaser"}])
    NoticeRule.objects.create(agreement=agreement, method="personal", deemed_given="on_delivery", clause="§9.3")
    return agreement


def list_pages(matter: Matter, user: Any) -> list[str]:
    """Every list page, and the closing checklist, of `matter` and of the user's matters (a finance
    user's home is a redirect to the dashboard, which is listed)."""
    pk, closing = matter.pk, matter.closings.order_by("pk")[0].pk
    home = [] if user.is_finance else ["/"]
    return [
        *home, "/search/?q=Company", "/matters/", f"/matters/{pk}/", f"/matters/{pk}/timeline/", "/parties/",
        "/deadlines/", "/deadlines/calendar/?year=2026&month=6", f"/deadlines/matter/{pk}/", f"/notices/matter/{pk}/",
        f"/closings/matter/{pk}/", f"/closings/{closing}/", f"/agreements/matter/{pk}/", "/documents/search/?q=note",
        "/notes/", f"/notes/matter/{pk}/", "/covenants/", f"/covenants/matter/{pk}/", "/security-interests/",
        f"/security-interests/matter/{pk}/", "/registration-rights/", f"/registration-rights/matter/{pk}/",
        f"/representations/matter/{pk}/", f"/disputes/matter/{pk}/", "/rates/",
    ]


def matters_add(*, user: Any, client: Any = None, n: int) -> list[Matter]:
    """`n` more matters with `user` as lead counsel (of `client`, else each its own new client)."""
    return [MembershipFactory(user=user, matter=MatterFactory(client=client or PartyFactory())).matter
            for _ in range(n)]
