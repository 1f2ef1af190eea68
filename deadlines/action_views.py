from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from deadlines.action_services import LinkRefused, email_action_apply
from deadlines.links import read_token

TAMPERED = "This link is not valid: it may have been altered or copied incompletely. Nothing was changed."
EXPIRED = "This link has expired (links work for 7 days). Nothing was changed; open Covenant to act."


def act(request: HttpRequest, token: str) -> HttpResponse:
    """Follow a signed email link: mark the deadline done, or snooze its reminders for a week."""
    try:
        claim = read_token(token)
    except signing.SignatureExpired:
        return render(request, "deadlines/link_result.html", {"ok": False, "message": EXPIRED}, status=410)
    except signing.BadSignature:
        return render(request, "deadlines/link_result.html", {"ok": False, "message": TAMPERED}, status=400)
    try:
        obligation = email_action_apply(claim=claim)
    except LinkRefused as refusal:
        return render(request, "deadlines/link_result.html", {"ok": False, "message": str(refusal)}, status=410)
    message = (f"Marked done by {claim.email}." if claim.action == "done"
               else f"Reminders to {claim.email} are snoozed for one week.")
    return render(request, "deadlines/link_result.html", {"ok": True, "message": message, "obligation": obligation})
