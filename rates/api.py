"""`/api/v1/rate-indexes/`: firm-wide reference data. Everyone signed in reads; counsel and
admins write; finance users get 403 on writes."""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from core.bounds import BoundedDateField, BoundedModelSerializer
from core.filters import KnownQueryParametersBackend
from parties.api import DirectoryAccess
from rates import csv_import, services
from rates.models import RateIndex, RateValue, validate_rate
from rates.selectors import rate_index_list, rate_value_list


class RateIndexSerializer(BoundedModelSerializer):
    latest_date = serializers.DateField(read_only=True, allow_null=True)
    latest_rate = serializers.DecimalField(max_digits=9, decimal_places=6, read_only=True, allow_null=True)

    class Meta:
        model = RateIndex
        fields = ["id", "name", "kind", "source", "unit", "latest_date", "latest_rate", "created_at", "updated_at"]
        read_only_fields = ["unit", "created_at", "updated_at"]
        validators: list[Any] = []  # the name's case-insensitive uniqueness is the service's

    def create(self, validated_data: dict[str, Any]) -> RateIndex:
        return services.rate_index_create(data=validated_data, by=self.context["request"].user)

    def update(self, instance: RateIndex, validated_data: dict[str, Any]) -> RateIndex:
        return services.rate_index_update(index=instance, data=validated_data)

    def to_representation(self, instance: RateIndex) -> dict[str, Any]:
        # A freshly created or updated index has no annotations: read it back with them.
        if not hasattr(instance, "latest_date"):
            instance = rate_index_list().get(pk=instance.pk)
        return super().to_representation(instance)


class RateValueSerializer(serializers.ModelSerializer):
    date = BoundedDateField(source="effective_date")
    rate = serializers.DecimalField(
        max_digits=9, decimal_places=6, validators=[validate_rate], help_text="Percent per annum: 7.25 is 7.25%"
    )
    source_note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    recorded_by = serializers.StringRelatedField(read_only=True)  # type: ignore[var-annotated]

    class Meta:
        model = RateValue
        fields = ["id", "date", "rate", "source_note", "recorded_by", "recorded_at"]
        read_only_fields = ["recorded_at"]
        validators: list[Any] = []  # recording a date again updates it


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=csv_import.__doc__)
    source_note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class ImportResultSerializer(serializers.Serializer):
    added = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class RateIndexViewSet(viewsets.ModelViewSet):
    """Rate indexes with their latest value. Counsel and admins write; finance users read."""

    serializer_class = RateIndexSerializer
    permission_classes = [DirectoryAccess]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    filterset_fields = ["kind"]
    search_fields = ["name"]
    ordering_fields = ["name", "id"]

    def get_queryset(self) -> QuerySet[RateIndex]:
        return rate_index_list()


FROM_TO = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="Values effective on or after this date"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Values effective on or before this date"),
]


class RateValueViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """`/api/v1/rate-indexes/{index}/values/`: the index's values, newest first. POST records the
    rate from a date (a date already recorded is updated; the old rate stays in the history)."""

    serializer_class = RateValueSerializer
    permission_classes = [DirectoryAccess]
    queryset = RateValue.objects.none()  # the schema's model; requests use get_queryset
    filter_backends: list[Any] = [KnownQueryParametersBackend]
    extra_query_parameters = ("from", "to")

    def index(self) -> RateIndex:
        return get_object_or_404(RateIndex, pk=self.kwargs["index_pk"])

    def get_queryset(self) -> QuerySet[RateValue]:
        if getattr(self, "swagger_fake_view", False):
            return RateValue.objects.none()
        bounds = _from_to(self.request)
        return rate_value_list(index=self.index(), since=bounds["from"], until=bounds["to"])

    @extend_schema(parameters=FROM_TO)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={201: RateValueSerializer, 200: RateValueSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        index = self.index()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        existed = RateValue.objects.filter(index=index, effective_date=data["effective_date"]).exists()
        value = services.rate_value_record(
            index=index, effective_date=data["effective_date"], rate=data["rate"],
            source_note=data.get("source_note", ""), by=request.user,
        )
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(self.get_serializer(value).data, status=code)

    @extend_schema(request=ImportSerializer, responses=ImportResultSerializer, description=csv_import.__doc__)
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_csv(self, request: Request, index_pk: str | None = None) -> Response:
        index = self.index()
        serializer = ImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = services.rate_values_import(
            index=index, file=serializer.validated_data["file"], by=request.user,
            source_note=serializer.validated_data["source_note"],
        )
        return Response(ImportResultSerializer(result).data, status=status.HTTP_201_CREATED)


def _from_to(request: Request) -> dict[str, date | None]:
    bounds: dict[str, date | None] = {}
    errors: dict[str, str] = {}
    for name in ("from", "to"):
        raw = request.query_params.get(name)
        try:
            bounds[name] = BoundedDateField(allow_null=True).run_validation(raw or None)
        except serializers.ValidationError:
            errors[name] = "Use a date between 1900-01-01 and 2200-12-31 as YYYY-MM-DD."
    if errors:
        raise serializers.ValidationError(errors)
    return bounds


def register(router: BaseRouter) -> None:
    router.register("rate-indexes", RateIndexViewSet, basename="rate-index")
    router.register(r"rate-indexes/(?P<index_pk>\d+)/values", RateValueViewSet, basename="rate-value")
