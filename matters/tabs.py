"""Tabs on a matter's page. Each domain app registers its own; `matters` imports none of them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class MatterTab:
    order: int
    label: str
    url_name: str  # reversed with the matter's pk


_tabs: list[MatterTab] = []


def register(tab: MatterTab) -> None:
    if tab not in _tabs:
        _tabs.append(tab)


def tabs() -> list[MatterTab]:
    return sorted(_tabs, key=lambda tab: tab.order)
