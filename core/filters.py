"""API list filters every viewset gets: `?matter=` for records that belong to a matter, and a 400
naming any query parameter a list does not know (instead of silently returning the whole list)."""

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend
from rest_framework.request import Request

UNKNOWN_PARAMETER = "Unknown query parameter. This list accepts: {known}."
NOT_AN_ID = "Enter a whole number."
ALWAYS_KNOWN = frozenset({"page", "page_size", "search", "ordering", "format"})


def _filterset_fields(view: Any, queryset: QuerySet[Any]) -> set[str]:
    filterset_class = DjangoFilterBackend().get_filterset_class(view, queryset)
    return set(filterset_class.base_filters) if filterset_class else set()


def _matter_lookup(view: Any, queryset: QuerySet[Any]) -> str | None:
    """The lookup `?matter=` filters on, when the viewset's own filterset does not define it."""
    lookup = getattr(view, "matter_lookup", None)
    if lookup is None or "matter" in _filterset_fields(view, queryset):
        return None
    return str(lookup)


class MatterFilterBackend(BaseFilterBackend):
    """`?matter=<id>` on every list of records that reach their matter through `matter_lookup`
    (deliverables through their closing, financing statements through their security interest)."""

    def filter_queryset(self, request: Request, queryset: QuerySet[Any], view: Any) -> QuerySet[Any]:
        lookup = _matter_lookup(view, queryset)
        raw = request.query_params.get("matter")
        if lookup is None or raw is None or getattr(view, "action", None) != "list":
            return queryset
        if not raw.isdigit() or len(raw) > 18:
            raise serializers.ValidationError({"matter": [NOT_AN_ID]})
        return queryset.filter(**{lookup: int(raw)})

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        queryset = view.get_queryset() if hasattr(view, "get_queryset") else None
        if queryset is None or _matter_lookup(view, queryset) is None:
            return []
        return [{
            "name": "matter", "required": False, "in": "query",
            "description": "Only records of this matter", "schema": {"type": "integer"},
        }]


class KnownQueryParametersBackend(BaseFilterBackend):
    """Refuses a list request naming a query parameter the list does not use: a typo such as
    `?mater=4` would otherwise return every visible record as if it had been filtered."""

    def filter_queryset(self, request: Request, queryset: QuerySet[Any], view: Any) -> QuerySet[Any]:
        if getattr(view, "action", None) != "list":
            return queryset
        known = set(ALWAYS_KNOWN) | _filterset_fields(view, queryset) | set(getattr(view, "extra_query_parameters", ()))
        if _matter_lookup(view, queryset) is not None:
            known.add("matter")
        refuse_unknown_parameters(request, known)
        return queryset


def refuse_unknown_parameters(request: Request, known: set[str]) -> None:
    """For lists outside the filter backends (a record's own list action): a 400 naming each
    query parameter the list does not use."""
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        message = UNKNOWN_PARAMETER.format(known=", ".join(sorted(known)))
        raise serializers.ValidationError({name: [message] for name in unknown})
