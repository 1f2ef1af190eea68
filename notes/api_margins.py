"""`/api/v1/notes/{note}/margin-grid/` and `/margin-ratios/`: a floating note's margin grid and
the ratios reported for it (each sets the margin from its date)."""

from decimal import Decimal
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from core.bounds import BoundedDateField
from core.filters import ALWAYS_KNOWN, refuse_unknown_parameters
from matters.api_access import MatterAccess
from notes import facility_services, margins
from notes.api import NoteChildMixin
from notes.models import MarginLevel, MarginRatio
from notes.selectors import margin_grid

RATIO_LIMIT = Decimal("99999999")


class MarginLevelSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    ratio_from = serializers.DecimalField(max_digits=12, decimal_places=4, allow_null=True, required=False, default=None,
                                          max_value=RATIO_LIMIT, min_value=-RATIO_LIMIT,
                                          help_text="The level applies from this ratio (null: no lower bound)")
    ratio_below = serializers.DecimalField(max_digits=12, decimal_places=4, allow_null=True, required=False,
                                           default=None, max_value=RATIO_LIMIT, min_value=-RATIO_LIMIT,
                                           help_text="...up to, not including, this ratio (null: no upper bound)")
    margin = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=Decimal(-100), max_value=Decimal(100),
                                      help_text="Percent over the index: 2.25 for 2.25%")


class MarginGridWriteSerializer(serializers.Serializer):
    levels = MarginLevelSerializer(many=True, allow_empty=False)

    def validate_levels(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(rows) > 20:
            raise ValidationError("A margin grid has at most 20 levels here.")
        return rows


class MarginRatioSerializer(serializers.ModelSerializer):
    effective_date = BoundedDateField()
    ratio = serializers.DecimalField(max_digits=12, decimal_places=4, max_value=RATIO_LIMIT, min_value=-RATIO_LIMIT)
    margin = serializers.SerializerMethodField(help_text="The margin the ratio's level sets, in percent")
    level = serializers.SerializerMethodField(help_text="The grid level the ratio falls in")

    class Meta:
        model = MarginRatio
        fields = ["effective_date", "ratio", "source", "margin", "level"]

    def _level(self, row: MarginRatio) -> margins.Level | None:
        levels = self.context.get("levels", [])
        try:
            return margins.level_for(levels, row.ratio)
        except margins.GridRefused:
            return None

    @extend_schema_field(serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True))
    def get_margin(self, row: MarginRatio) -> str | None:
        level = self._level(row)
        return None if level is None else f"{level.margin:.6f}"

    @extend_schema_field(OpenApiTypes.STR)
    def get_level(self, row: MarginRatio) -> str:
        level = self._level(row)
        return "" if level is None else level.label()


def _grid(rows: Any) -> Any:
    return MarginLevelSerializer(
        [{"name": r.name, "ratio_from": r.ratio_from, "ratio_below": r.ratio_below, "margin": r.margin} for r in rows],
        many=True).data


class NoteMarginGridViewSet(NoteChildMixin):
    """The margin grid; POST replaces it (levels may not overlap; recorded ratios must fit it)."""

    permission_classes = [MatterAccess]
    serializer_class = MarginGridWriteSerializer
    queryset = MarginLevel.objects.none()
    pagination_class = None  # a grid's few levels, answered whole

    @extend_schema(responses=MarginLevelSerializer(many=True))
    def list(self, request: Request, note_pk: str | None = None) -> Response:
        refuse_unknown_parameters(request, set(ALWAYS_KNOWN))
        return Response(_grid(self.note().margin_levels.all()))

    @extend_schema(request=MarginGridWriteSerializer, responses={201: MarginLevelSerializer(many=True)})
    def create(self, request: Request, note_pk: str | None = None) -> Response:
        note = self.note(write=True)
        serializer = MarginGridWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        levels = [margins.Level(r["name"], r["ratio_from"], r["ratio_below"], r["margin"])
                  for r in serializer.validated_data["levels"]]
        rows = facility_services.margin_grid_set(note=note, levels=levels, by=request.user)
        return Response(_grid(rows), status=201)


class NoteMarginRatioViewSet(NoteChildMixin):
    """Ratios reported for the grid, oldest first; POST records one (a date already recorded is corrected)."""

    permission_classes = [MatterAccess]
    serializer_class = MarginRatioSerializer
    queryset = MarginRatio.objects.none()
    pagination_class = None  # one row per report: a few a year

    @extend_schema(responses=MarginRatioSerializer(many=True))
    def list(self, request: Request, note_pk: str | None = None) -> Response:
        refuse_unknown_parameters(request, set(ALWAYS_KNOWN))
        note = self.note()
        return Response(MarginRatioSerializer(note.margin_ratios.all(), many=True, context={"levels": margin_grid(note)}).data)

    @extend_schema(request=MarginRatioSerializer, responses={201: MarginRatioSerializer})
    def create(self, request: Request, note_pk: str | None = None) -> Response:
        note = self.note(write=True)
        serializer = MarginRatioSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        row = facility_services.margin_ratio_record(note=note, effective_date=data["effective_date"], ratio=data["ratio"],
                                                    source=data.get("source", ""), by=request.user)
        return Response(MarginRatioSerializer(row, context={"levels": margin_grid(note)}).data, status=201)
