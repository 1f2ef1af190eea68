"""Acting on an obligation from an email link, without logging in."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from deadlines.links import ActionClaim
from deadlines.models import EmailAction, EmailActionUse, Obligation, ObligationStatus, Snooze
from deadlines.services import obligation_complete

LINK_USED = "This link was already used. Each link works once."
NOT_OPEN = "This deadline is no longer open, so nothing was changed."


class LinkRefused(Exception):
    pass


@transaction.atomic
def email_action_apply(*, claim: ActionClaim) -> Obligation:
    obligation = Obligation.objects.select_for_update().filter(pk=claim.obligation_id).first()
    if obligation is None or obligation.status != ObligationStatus.OPEN:
        raise LinkRefused(NOT_OPEN)
    try:
        with transaction.atomic():
            EmailActionUse.objects.create(
                nonce=claim.nonce, action=claim.action, obligation=obligation, recipient_email=claim.email
            )
    except IntegrityError as exc:
        raise LinkRefused(LINK_USED) from exc
    if claim.action == EmailAction.DONE:
        return obligation_complete(obligation=obligation, by_name=claim.email, comment="Marked done from an email link")
    until = timezone.localdate() + timedelta(days=7)
    Snooze.objects.update_or_create(obligation=obligation, recipient_email=claim.email, defaults={"until": until})
    return obligation
