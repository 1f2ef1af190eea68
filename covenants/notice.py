"""The draft notice of default a breach opens, through the Notices drafts (`notices.drafts`)."""

from covenants.models import CovenantTest
from notices.drafts import draft_notice as notices_draft
from notices.models import Notice, NoticeKind


def draft_notice(test: CovenantTest) -> Notice | None:
    if not test.breached or test.notice_sender is None or test.notice_recipient is None:
        return None
    covenant = test.covenant
    return notices_draft(agreement=covenant.agreement, sender=test.notice_sender, recipient=test.notice_recipient,
                         kind=NoticeKind.DEFAULT, subject=test.notice_subject, body=test.notice_body,
                         period_days=covenant.cure_days, period_business_days=covenant.cure_business_days)
