from typing import Any

import django_filters
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from core.bounds import BoundedDateField, BoundedModelSerializer, validate_day_count
from core.filters import ALWAYS_KNOWN, refuse_unknown_parameters
from deadlines import catalog, services
from deadlines.forms import DATE_NEEDED
from deadlines.models import Delivery, Obligation
from deadlines.reminders import MAX_OFFSETS
from matters.api_access import MatterScopedMixin, VisibleMatterField, VisibleRecordField


class ChainLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Obligation
        fields = ["id", "title", "due_date", "status", "completed_at"]


class ObligationFilter(django_filters.FilterSet):
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")

    class Meta:
        model = Obligation
        fields = ["matter", "status", "kind", "due_before", "due_after"]


class PeopleField(serializers.ListField):
    """User ids. Reads as ids; on write the ids are only checked for shape here: the service
    checks that each one can open the matter, with the same message for a foreign id and an id
    that does not exist (a "does not exist" message would reveal which ids do)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.IntegerField(min_value=1, max_value=2**62), required=False,
                         max_length=100, **kwargs)

    def to_representation(self, data: Any) -> list[int]:
        return [user.pk for user in data.all()]


class ObligationSerializer(BoundedModelSerializer):
    matter = VisibleMatterField()
    due_date = serializers.DateField(read_only=True, help_text="After the business-day rule")
    nominal_due_date = BoundedDateField(required=False, allow_null=True, help_text="Before the business-day rule")
    overdue = serializers.BooleanField(read_only=True, help_text="Open and past its due date")
    status_label = serializers.CharField(read_only=True, help_text='"Overdue" for an overdue open obligation')
    assignees = PeopleField()
    watchers = PeopleField()
    trigger = VisibleRecordField(queryset=Obligation.objects.all(), required=False, allow_null=True,
                                 help_text="The deadline this one is dated from")
    chain = serializers.SerializerMethodField(help_text="The deadlines this one is dated from, the root first")
    reminder_offsets = serializers.ListField(
        child=serializers.IntegerField(validators=[validate_day_count]), required=False, write_only=True,
        max_length=MAX_OFFSETS, help_text="Days before the due date to remind (default 30, 14, 7, 1, 0)",
    )

    class Meta:
        model = Obligation
        fields = [
            "id", "matter", "title", "kind", "description", "clause", "responsible_party", "nominal_due_date",
            "due_date", "window_opens", "window_closes", "business_day_convention", "critical", "recurrence",
            "recurrence_days_after", "recurrence_year_end_days_after", "trigger", "trigger_days",
            "trigger_business_days", "chain", "remind_when_overdue", "status", "overdue", "status_label", "completed_at", "completed_by_name", "evidence", "comment", "assignees", "watchers",
            "watcher_emails", "source_key", "sequence", "reminder_offsets",
        ]
        # The model's own date bound is applied once, by BoundedModelSerializer.
        extra_kwargs: dict[str, dict[str, Any]] = {"window_opens": {"validators": []}, "window_closes": {"validators": []}}
        read_only_fields = ["status", "completed_at", "completed_by_name", "source_key", "sequence"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        dated = attrs.get("nominal_due_date") or attrs.get("window_closes") or attrs.get("trigger")
        if not dated and self.instance is None:
            raise serializers.ValidationError({"nominal_due_date": DATE_NEEDED})
        opens, closes = attrs.get("window_opens"), attrs.get("window_closes")
        if opens and closes and closes < opens:
            raise serializers.ValidationError({"window_closes": "The window cannot close before it opens."})
        return attrs

    @extend_schema_field(ChainLinkSerializer(many=True))
    def get_chain(self, obligation: Obligation) -> list[dict[str, Any]]:
        return ChainLinkSerializer(services.trigger_chain(obligation), many=True).data  # type: ignore[return-value]

    def create(self, validated_data: dict[str, Any]) -> Obligation:
        matter = validated_data.pop("matter")
        self.context["view"].check_matter_writable(matter)
        return services.obligation_create(matter=matter, data=validated_data, by=self.context["request"].user)


class CompleteSerializer(serializers.Serializer):
    evidence = serializers.CharField(required=False, allow_blank=True, default="")
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ObligationViewSet(MatterScopedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ObligationSerializer
    queryset = Obligation.objects.prefetch_related("assignees", "watchers").order_by("due_date", "id")
    filterset_class = ObligationFilter
    search_fields = ["title", "clause"]

    @action(detail=True, methods=["post"], serializer_class=CompleteSerializer)
    def complete(self, request: Request, pk: str | None = None) -> Response:
        obligation = self.get_object()
        data = CompleteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = services.obligation_complete(obligation=obligation, by=request.user, **data.validated_data)
        return Response(ObligationSerializer(done, context=self.get_serializer_context()).data)


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = Delivery
        fields = ["id", "obligation", "recipient_email", "kind", "occasion", "due_at", "status", "attempts",
                  "last_error", "sent_at", "message_id", "subject"]


class DeliveryViewSet(MatterScopedMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = DeliverySerializer
    queryset = Delivery.objects.filter(obligation__isnull=False).order_by("-due_at", "id")
    matter_lookup = "obligation__matter"
    filterset_fields = ["obligation", "status"]


class CalendarSerializer(serializers.Serializer):
    key = serializers.CharField(help_text='Names the calendar in an agreement\'s or rule\'s calendars ("US-MN", "GB-ENG")')
    name = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    last_reviewed = serializers.DateField()


class HolidaySerializer(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField()


class CalendarYearSerializer(CalendarSerializer):
    year = serializers.IntegerField()
    holidays = HolidaySerializer(many=True, help_text="The weekdays this calendar is closed in the year")


class CalendarYearQuery(serializers.Serializer):
    year = serializers.IntegerField(min_value=1900, max_value=2100, required=False)


class CalendarViewSet(viewsets.GenericViewSet):
    """Business-day calendars: the named ones (list) and any the catalog knows (by key), each with
    its source, last review and the holidays it produces for a year."""

    lookup_value_regex = "[A-Za-z0-9_-]{1,24}"
    serializer_class = CalendarSerializer
    pagination_class = PageNumberPagination
    filter_backends: list[Any] = []

    def list(self, request: Request) -> Response:
        refuse_unknown_parameters(request, set(ALWAYS_KNOWN))
        page = self.paginate_queryset(list(catalog.NAMED))  # type: ignore[arg-type]
        return self.get_paginated_response(CalendarSerializer(page, many=True).data)

    @extend_schema(parameters=[CalendarYearQuery, OpenApiParameter("id", str, OpenApiParameter.PATH,
                                                                   description='A calendar key, e.g. "US-MN"')],
                   responses=CalendarYearSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        refuse_unknown_parameters(request, {"year", "format"})
        try:
            calendar = catalog.info(pk or "")
        except ValueError as exc:
            raise NotFound(str(exc)) from exc
        query = CalendarYearQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        holidays = [{"date": day, "name": name} for day, name in catalog.closed_days(calendar.key, year).items()]
        return Response(CalendarYearSerializer({**calendar.__dict__, "year": year, "holidays": holidays}).data)


def register(router: BaseRouter) -> None:
    router.register("obligations", ObligationViewSet, basename="obligation")
    router.register("deliveries", DeliveryViewSet, basename="delivery")
    router.register("calendars", CalendarViewSet, basename="calendar")

