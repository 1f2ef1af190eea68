from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from closings.models import Closing, Deliverable
from core.history import HistoryRow, history_rows


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


def checklist(closing: Closing, *, outstanding_only: bool = False, party_id: int | None = None,
              status: str = "", kind: str = "") -> list[PartyGroup]:
    """Deliverables grouped by delivering party, in one query."""
    items = closing.deliverables.select_related("from_party", "to_party", "status_by").order_by("from_party__legal_name", "position", "id")
    if outstanding_only:
        items = items.filter(status="outstanding")
    if status:
        items = items.filter(status=status)
    if kind:
        items = items.filter(kind=kind)
    if party_id:
        items = items.filter(from_party_id=party_id)
    groups: dict[int, PartyGroup] = defaultdict(lambda: PartyGroup(None))
    for item in items:
        group = groups[item.from_party_id]
        group.party = item.from_party
        group.items.append(item)
    return list(groups.values())


def changed_since(closing: Closing, since: Any) -> set[int]:
    """The deliverables of the closing with an audited change after `since` (one query)."""
    from django.apps import apps

    events = apps.get_model("closings", "DeliverableEvent").objects
    return set(events.filter(closing_id=closing.pk, pgh_created_at__gt=since).values_list("pgh_obj_id", flat=True))


def progress(closing: Closing) -> dict[str, Any]:
    """The whole checklist's counts, whatever the filter: done (received or waived) of all."""
    from django.db.models import Count, Q

    counts = closing.deliverables.aggregate(total=Count("id"), done=Count("id", filter=~Q(status="outstanding")))
    total, done = counts["total"], counts["done"]
    return {"total": total, "done": done, "outstanding": total - done, "percent": int(done * 100 / total) if total else 100}


def closing_history(closing: Closing) -> list[HistoryRow]:
    """The closing's changes and every change to its deliverables, newest first."""
    rows = history_rows(closing)
    items = {str(item.pk): item for item in closing.deliverables.all()}
    if items:
        rows += [replace(row, action=f"{row.action} deliverable “{items[row.object_id].description}”")
                 for row in history_rows(*items.values())]
    return sorted(rows, key=lambda row: row.at, reverse=True)


def home_panel(user: Any, today: Any) -> dict[str, Any] | None:
    """Counsel's home: each open closing of their matters with its outstanding items by party."""
    from matters.access import scope

    closings = scope(user, Closing.objects.exclude(status__in=["closed", "cancelled"]).select_related("matter"))
    items = (Deliverable.objects.filter(closing__in=closings, status="outstanding", required=True, post_closing=False)
             .select_related("from_party", "closing__matter").order_by("closing__scheduled_at", "from_party__legal_name", "id"))
    rows: dict[Closing, dict[str, int]] = {}
    for item in items:
        by_party = rows.setdefault(item.closing, {})
        by_party[item.from_party.legal_name] = by_party.get(item.from_party.legal_name, 0) + 1
    return {"closings": [(closing, list(by_party.items())) for closing, by_party in rows.items()]}
