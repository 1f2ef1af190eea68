"""Proposals scored against hand labels in the same JSON shape (`manage.py extract_score`): per
field, precision and recall; names matched ignoring case, punctuation and "Inc."/"Inc" (and a
leading "the"), amounts and rates as numbers, everything else exactly."""

import re
from collections.abc import Callable
from typing import Any

from documents.extraction import Json, number_of

SCORED_FIELDS = ("parties", "governing_law", "dispute_resolution", "amounts.principal", "amounts.commitment",
                 "amounts.purchase_price", "interest.rate", "interest.index", "interest.spread", "interest.default_rate",
                 "interest.default_spread", "interest.day_count", "maturity_date", "notice.methods", "title",
                 "dated_as_of", "notice.clause", "parties.entity", "clauses", "dispute.forum", "dispute.rules",
                 "interest.floor", "interest.cap")
TARGET_GROUPS = {
    "parties": ("parties",), "governing_law": ("governing_law",), "dispute_resolution": ("dispute_resolution",),
    "amounts": ("amounts.principal", "amounts.commitment", "amounts.purchase_price"),
    "rate/index/spread": ("interest.rate", "interest.index", "interest.spread"),
    "day_count": ("interest.day_count",), "maturity_date": ("maturity_date",), "notice_methods": ("notice.methods",),
}


def name_key(name: str) -> str:
    """Names compared ignoring case, punctuation and "Inc."/"Inc" (and a leading "the")."""
    words = re.sub(r"[^\w\s&]", " ", name.lower()).split()
    words = [w for w in words if w not in ("inc", "the")]
    return " ".join(words)


def _index_key(name: str) -> str:
    key = name_key(name.replace("-", " "))
    return re.sub(r"\s+rate$", "", key)


def _get(data: Json, path: str) -> Any:
    if path == "parties.entity":
        return data.get("parties")
    for key in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(key)  # type: ignore[assignment]
    return data


def _items(field: str, value: Any) -> set[str]:
    """A field's value as a set of comparable items: one for a scalar, one per name or method for a list."""
    if value is None or value == "" or value == []:
        return set()
    if field == "parties":
        return {name_key(p["name"]) for p in value}
    if field == "parties.entity":
        return {f"{name_key(p['name'])}|{(p.get('entity_type') or '').lower()}|{name_key(p.get('jurisdiction') or '')}"
                for p in value if p.get("entity_type") or p.get("jurisdiction")}
    if field == "notice.methods":
        return set(value)
    if field == "clauses":
        return {f"{c['kind']}:{c['clause']}" for c in value}
    keyers: dict[str, Callable[[Any], str]] = {
        "interest.index": _index_key, "governing_law": name_key, "title": name_key, "dispute.forum": name_key,
        "dispute.rules": name_key,
    }
    if field.startswith("amounts.") or field in ("interest.rate", "interest.spread", "interest.default_rate",
                                                  "interest.default_spread", "interest.floor", "interest.cap"):
        number = number_of(str(value))
        return {format(number.normalize(), "f") if number is not None else str(value)}
    return {keyers.get(field, str)(value)}


def score(labels: dict[str, Json], proposals: dict[str, Json]) -> dict[str, Json]:
    """Per field: true positives, proposals and labelled items, precision and recall over the documents."""
    fields = {f: {"tp": 0, "proposed": 0, "labelled": 0} for f in SCORED_FIELDS}
    misses: list[str] = []
    for name, label in labels.items():
        proposal = proposals.get(name, {})
        for field in SCORED_FIELDS:
            want, got = _items(field, _get(label, field)), _items(field, _get(proposal, field))
            counts = fields[field]
            counts["tp"] += len(want & got)
            counts["proposed"] += len(got)
            counts["labelled"] += len(want)
            if want != got:
                misses.append(f"{name}: {field}: labelled {sorted(want)}, proposed {sorted(got)}")
    out: dict[str, Json] = {}
    for field, c in fields.items():
        out[field] = {**c, "precision": c["tp"] / c["proposed"] if c["proposed"] else 1.0,
                      "recall": c["tp"] / c["labelled"] if c["labelled"] else 1.0}
    for group, members in TARGET_GROUPS.items():
        c = {k: sum(fields[m][k] for m in members) for k in ("tp", "proposed", "labelled")}
        out[f"target:{group}"] = {**c, "precision": c["tp"] / c["proposed"] if c["proposed"] else 1.0,
                                  "recall": c["tp"] / c["labelled"] if c["labelled"] else 1.0}
    out["_misses"] = {"list": misses}
    return out
