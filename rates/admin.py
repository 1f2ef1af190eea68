from django.contrib import admin

from rates.models import RateIndex, RateValue


class RateValueInline(admin.TabularInline):
    model = RateValue
    extra = 0
    fields = ("effective_date", "rate", "source_note", "recorded_by", "recorded_at")
    readonly_fields = ("recorded_by", "recorded_at")


@admin.register(RateIndex)
class RateIndexAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "unit")
    list_filter = ("kind",)
    search_fields = ("name",)
    inlines = [RateValueInline]
