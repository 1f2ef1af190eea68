"""Signed email links ("Mark done", "Snooze one week") that work without login, expire after
7 days and work once (a random nonce is recorded when used)."""

import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "deadlines.email-action"
MAX_AGE = 7 * 24 * 60 * 60


@dataclass(frozen=True)
class ActionClaim:
    obligation_id: int
    email: str
    action: str
    nonce: str


def make_token(*, obligation_id: int, email: str, action: str) -> str:
    payload = {"o": obligation_id, "e": email, "a": action, "n": secrets.token_urlsafe(16)}
    return signing.TimestampSigner(salt=SALT).sign_object(payload, compress=True)


def action_url(*, obligation_id: int, email: str, action: str) -> str:
    token = make_token(obligation_id=obligation_id, email=email, action=action)
    return settings.SITE_URL + reverse("deadline_actions:act", args=[token])


def read_token(token: str) -> ActionClaim:
    """Raises signing.SignatureExpired or signing.BadSignature."""
    data: Any = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=MAX_AGE)
    return ActionClaim(int(data["o"]), str(data["e"]), str(data["a"]), str(data["n"]))
