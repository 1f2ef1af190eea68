"""Panels of the home page. Each app registers its own (as with tabs, search and the demo), so
`core` knows no domain app: counsel see their matters with what is outstanding next; an admin
also sees users and failed deliveries. A finance user's home is the dashboard (core.views.home)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class HomePanel:
    order: int
    template: str
    # The panel's context for this user and day; None: the panel has nothing to show this user.
    context: Callable[[Any, date], dict[str, Any] | None]
    admin_only: bool = False


_panels: list[HomePanel] = []


def register(panel: HomePanel) -> None:
    if all(existing.template != panel.template for existing in _panels):
        _panels.append(panel)


def panels_for(user: Any, today: date) -> list[tuple[str, dict[str, Any]]]:
    shown = []
    for panel in sorted(_panels, key=lambda p: p.order):
        if panel.admin_only and not user.is_admin:
            continue
        context = panel.context(user, today)
        if context is not None:
            shown.append((panel.template, context))
    return shown
