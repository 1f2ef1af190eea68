"""A draft notice: a Notices notice that is never saved, addressed per the agreement and its notice
clause. It is rendered by `notices.letter` and becomes a real notice only when counsel sends it
through the Notices pages (which date it, check the clause's methods and start its own period).
Covenant breaches (notice of default) and representation breaches (notice of breach) use it."""

from typing import Any

from django.utils import timezone

from agreements.models import Agreement, NoticeMethod
from notices.models import Notice
from parties.selectors import notice_address_in_effect


def draft_notice(*, agreement: Agreement, sender: Any, recipient: Any, kind: str, subject: str, body: str,
                 period_days: int | None = None, period_business_days: bool = False) -> Notice:
    address = notice_address_in_effect(party=recipient, on=timezone.localdate())
    lines = address.lines if address is not None else [recipient.legal_name]
    rule = agreement.notice_rules.first()
    # With no notice clause recorded, the draft says hand delivery, which every clause allows.
    method = rule.method if rule is not None else NoticeMethod.PERSONAL
    return Notice(matter=agreement.matter, agreement=agreement, sender=sender, recipient=recipient, kind=kind,
                  method=method, subject=subject, body=body, address_lines=lines, dispatched_at=timezone.now(),
                  period_days=period_days, period_business_days=period_business_days)


def send_link_query(notice: Notice) -> dict[str, Any]:
    """The Notices form's fields for sending this draft (its page opens with them filled in)."""
    return {"agreement": notice.agreement_id, "sender": notice.sender_id, "recipient": notice.recipient_id,
            "kind": notice.kind, "method": notice.method, "subject": notice.subject, "body": notice.body,
            "period_days": notice.period_days or ""}
