from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from closings.models import Closing, Deliverable


@dataclass
class PartyGroup:
    party: Any
    items: list[Deliverable] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(item.status != "outstanding" for item in self.items)

    @property
    def percent(self) -> int:
        return int(self.done * 100 / len(self.items)) if self.items else 100


def checklist(closing: Closing, *, outstanding_only: bool = False, party_id: int | None = None) -> list[PartyGroup]:
    """Deliverables grouped by delivering party, in one query."""
    items = closing.deliverables.select_related("from_party", "to_party", "status_by").order_by("from_party__legal_name", "position", "id")
    if outstanding_only:
        items = items.filter(status="outstanding")
    if party_id:
        items = items.filter(from_party_id=party_id)
    groups: dict[int, PartyGroup] = defaultdict(lambda: PartyGroup(None))
    for item in items:
        group = groups[item.from_party_id]
        group.party = item.from_party
        group.items.append(item)
    return list(groups.values())
