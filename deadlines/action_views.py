from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render

from deadlines.action_services import (
    LinkRefused,
    can_undo,
    email_action_apply,
    email_action_undo,
    email_action_use_for,
)
from deadlines.links import ActionClaim, read_token
from deadlines.models import EmailAction, Obligation

TAMPERED = "This link is not valid: it may have been altered or copied incompletely. Nothing was changed."
EXPIRED = "This link has expired (links work for 7 days). Nothing was changed; open Covenant to act."
TEMPLATE = "deadlines/link_result.html"


def act(request: HttpRequest, token: str) -> HttpResponse:
    """A signed email link. GET and HEAD (what mail scanners send) only show a confirmation page, or
    who used the link and when; the page's POST marks the deadline done or snoozes its reminders
    for a week, and a second POST within 24 hours undoes that."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        claim = read_token(token)
    except signing.SignatureExpired:
        return render(request, TEMPLATE, {"ok": False, "message": EXPIRED}, status=410)
    except signing.BadSignature:
        return render(request, TEMPLATE, {"ok": False, "message": TAMPERED}, status=400)
    if request.method == "POST":
        try:
            if request.POST.get("undo"):
                email_action_undo(claim=claim)
            else:
                email_action_apply(claim=claim)
        except LinkRefused as refusal:
            return render(request, TEMPLATE, {"ok": False, "message": str(refusal)}, status=410)
    return _page(request, claim)


def _page(request: HttpRequest, claim: ActionClaim) -> HttpResponse:
    use = email_action_use_for(claim=claim)
    if use is not None:
        return render(request, TEMPLATE, {
            "ok": True, "use": use, "obligation": use.obligation, "can_undo": can_undo(use),
            "message": _done_message(use.action, use.recipient_email),
        })
    obligation = Obligation.objects.select_related("matter").filter(pk=claim.obligation_id).first()
    return render(request, TEMPLATE, {
        "ok": True, "confirm": True, "obligation": obligation, "action": claim.action,
        "button": EmailAction(claim.action).label if claim.action in EmailAction.values else "Confirm",
        "recipient": claim.email,
    })


def _done_message(action: str, email: str) -> str:
    return f"Marked done by {email}." if action == EmailAction.DONE else f"Reminders to {email} snoozed for one week."
