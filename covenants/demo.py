"""Demo covenants (filled in below)."""

from typing import Any


def load(context: dict[str, Any]) -> None:
    return None
