"""Acting on an obligation from an email link, without logging in.

Opening a link (GET or HEAD, as mail-security scanners do) changes nothing: it shows what the link
would do. Only the confirmation page's POST acts. A used link shows who used it and when; for 24
hours its holder (the person the email went to) can undo it.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from deadlines.links import ActionClaim
from deadlines.models import EmailAction, EmailActionUse, Obligation, ObligationStatus, Snooze
from deadlines.services import obligation_close, obligation_reopen

LINK_USED = "This link was already used. Each link works once."
NOT_OPEN = "This deadline is no longer open, so nothing was changed."
UNDO_WINDOW = timedelta(hours=24)
UNDO_EXPIRED = "This can no longer be undone here (undo works for 24 hours). Open Covenant to change it."
ALREADY_UNDONE = "This was already undone."
CHANGED_SINCE = "The deadline was changed since, so nothing was undone. Open Covenant to change it."


class LinkRefused(Exception):
    pass


def email_action_use_for(*, claim: ActionClaim) -> EmailActionUse | None:
    """The recorded use of this link, if it was used (read only)."""
    return EmailActionUse.objects.select_related("obligation__matter").filter(nonce=claim.nonce).first()


def can_undo(use: EmailActionUse) -> bool:
    return use.undone_at is None and timezone.now() - use.used_at <= UNDO_WINDOW


@transaction.atomic
def email_action_apply(*, claim: ActionClaim) -> Obligation:
    obligation = Obligation.objects.select_for_update().filter(pk=claim.obligation_id).first()
    if obligation is None or obligation.status != ObligationStatus.OPEN:
        raise LinkRefused(NOT_OPEN)
    try:
        with transaction.atomic():
            use = EmailActionUse.objects.create(
                nonce=claim.nonce, action=claim.action, obligation=obligation, recipient_email=claim.email
            )
    except IntegrityError as exc:
        raise LinkRefused(LINK_USED) from exc
    if claim.action == EmailAction.DONE:
        done, following = obligation_close(obligation=obligation, status=ObligationStatus.DONE, by=None,
                                           by_name=claim.email, comment="Marked done from an email link")
        use.next_occurrence = following
        use.save(update_fields=["next_occurrence"])
        return done
    until = timezone.localdate() + timedelta(days=7)
    Snooze.objects.update_or_create(obligation=obligation, recipient_email=claim.email, defaults={"until": until})
    return obligation


@transaction.atomic
def email_action_undo(*, claim: ActionClaim) -> Obligation:
    """Undo what this link did, within 24 hours of its use, for the person it was sent to."""
    use = EmailActionUse.objects.select_for_update().filter(nonce=claim.nonce).first()
    if use is None:
        raise LinkRefused(NOT_OPEN)
    if use.undone_at is not None:
        raise LinkRefused(ALREADY_UNDONE)
    if not can_undo(use):
        raise LinkRefused(UNDO_EXPIRED)
    obligation = Obligation.objects.select_for_update().get(pk=use.obligation_id)
    if use.action == EmailAction.DONE:
        if obligation.status != ObligationStatus.DONE or obligation.completed_by_name != use.recipient_email:
            raise LinkRefused(CHANGED_SINCE)
        obligation = obligation_reopen(obligation=obligation, withdraw=use.next_occurrence)
    else:
        Snooze.objects.filter(obligation=obligation, recipient_email=use.recipient_email).delete()
    use.undone_at = timezone.now()
    use.save(update_fields=["undone_at"])
    return obligation
