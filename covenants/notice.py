"""The draft notice of default a breach opens, as a Notices notice that is never saved: it is
rendered by `notices.letter` and becomes a real notice only when counsel sends it through the
Notices pages (which date it, check the clause's methods and start its own period)."""

from django.utils import timezone

from agreements.models import NoticeMethod
from covenants.models import CovenantTest
from notices.models import Notice, NoticeKind
from parties.selectors import notice_address_in_effect


def draft_notice(test: CovenantTest) -> Notice | None:
    if not test.breached or test.notice_sender is None or test.notice_recipient is None:
        return None
    covenant = test.covenant
    address = notice_address_in_effect(party=test.notice_recipient, on=timezone.localdate())
    lines = address.lines if address is not None else [test.notice_recipient.legal_name]
    rule = covenant.agreement.notice_rules.first()
    # With no notice clause recorded, the draft says hand delivery, which every clause allows.
    method = rule.method if rule is not None else NoticeMethod.PERSONAL
    return Notice(matter=covenant.matter, agreement=covenant.agreement, sender=test.notice_sender,
                  recipient=test.notice_recipient, kind=NoticeKind.DEFAULT, method=method, subject=test.notice_subject,
                  body=test.notice_body, address_lines=lines, dispatched_at=timezone.now(),
                  period_days=covenant.cure_days, period_business_days=covenant.cure_business_days)
