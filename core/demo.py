"""Demo data steps. Each app registers a step; `manage.py load_demo` runs them in order.

Steps must be idempotent: running the command twice changes nothing.
"""

from collections.abc import Callable
from typing import Any

DemoStep = Callable[[dict[str, Any]], None]
_steps: list[tuple[int, str, DemoStep]] = []


def register(order: int, name: str, step: DemoStep) -> None:
    if all(existing != name for _, existing, _ in _steps):
        _steps.append((order, name, step))


def steps() -> list[tuple[int, str, DemoStep]]:
    return sorted(_steps, key=lambda item: item[0])
