from notices.drafts import draft_notice as notices_draft
from notices.models import Notice, NoticeKind
from representations.models import BreachFlag


def draft_notice(flag: BreachFlag) -> Notice:
    """The flag's draft notice of breach, addressed per the agreement's notice clause (unsaved)."""
    return notices_draft(agreement=flag.representation.agreement, sender=flag.notice_sender,
                         recipient=flag.notice_recipient, kind=NoticeKind.BREACH, subject=flag.notice_subject,
                         body=flag.notice_body)
