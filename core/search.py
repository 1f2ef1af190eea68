"""The global search box: each app registers a provider that returns what the user may see."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SearchHit:
    kind: str
    title: str
    url: str
    detail: str = ""


Provider = Callable[[Any, str], list[SearchHit]]
_providers: list[tuple[str, Provider]] = []


def register(kind: str, provider: Provider) -> None:
    if all(existing != kind for existing, _ in _providers):
        _providers.append((kind, provider))


def search(user: Any, query: str) -> dict[str, list[SearchHit]]:
    query = query.strip()
    if len(query) < 2:
        return {}
    results: dict[str, list[SearchHit]] = {}
    for kind, provider in _providers:
        hits = provider(user, query)
        if hits:
            results[kind] = hits
    return results
