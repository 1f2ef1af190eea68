"""Signal receivers: each only hands over to a service."""

from typing import Any

from security_interests import services


def resync_on_note_status(sender: Any, note: Any, old_status: str, new_status: str, **kwargs: Any) -> None:
    """A secured note changed status (e.g. repaid): regenerate the obligations it drives."""
    services.security_interests_resync_for_note(note=note)
