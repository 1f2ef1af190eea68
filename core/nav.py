"""Top-level navigation entries. Apps register theirs in `ready()`; `core` imports none of them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    order: int
    label: str
    url_name: str
    finance_only: bool = False
    hide_for_finance: bool = False


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    if item not in _items:
        _items.append(item)


def items() -> list[NavItem]:
    return sorted(_items, key=lambda item: item.order)
