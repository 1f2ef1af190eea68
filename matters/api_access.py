"""The access rule for the JSON API: the same as the pages, through `matters.access`."""

from typing import Any

from django.db.models import QuerySet
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request

from matters import access
from matters.models import Matter


class MatterAccess(permissions.BasePermission):
    """Reads for anyone who can see the matter; writes for its counsel and admins only."""

    message = access.READ_ONLY

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or not request.user.is_finance

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return access.can_edit_matter(request.user, view.matter_of(obj))


class ReportingAccess(MatterAccess):
    """Compliance certificates: reads as `MatterAccess`; a write is also open to the finance users
    of the matter's client (`access.can_report_figures`), which the serializer checks per matter."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return access.can_report_figures(request.user, view.matter_of(obj))


class VisibleMatterField(serializers.PrimaryKeyRelatedField):
    """A `matter` field that only accepts matters the requesting user may see."""

    def get_queryset(self) -> QuerySet[Matter]:
        return access.visible_matters(self.context["request"].user)


class VisibleRecordField(serializers.PrimaryKeyRelatedField):
    """A related field that finds only records of matters the user may see: an id of another
    matter gets the same "does not exist" error as an id that was never used. The service still
    checks that the record belongs to the very matter being written (`access.ensure_in_matter`)."""

    def __init__(self, *, lookup: str = "matter", **kwargs: Any) -> None:
        self.lookup = lookup
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        assert queryset is not None, "VisibleRecordField needs a queryset"
        return access.scope(self.context["request"].user, queryset, self.lookup)


class MatterScopedMixin(viewsets.GenericViewSet):
    """For viewsets of records that belong to a matter through `matter_lookup`."""

    matter_lookup = "matter"
    permission_classes = [MatterAccess]

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        return access.scope(self.request.user, queryset, self.matter_lookup)

    def matter_of(self, obj: Any) -> Matter:
        return access._matter_of(obj, self.matter_lookup)

    def check_matter_writable(self, matter: Matter) -> None:
        if not access.can_edit_matter(self.request.user, matter):
            raise PermissionDenied(access.READ_ONLY)
