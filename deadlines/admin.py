from django.contrib import admin

from deadlines.models import Delivery, FiscalYearEnd, Obligation, ReminderPolicy, ReminderPreference


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    """Reminder defaults per kind of obligation (blank kind: the default for every kind)."""

    list_display = ("kind", "offsets", "daily_when_overdue", "escalate_after_days")


@admin.register(Obligation)
class ObligationAdmin(admin.ModelAdmin):
    list_display = ("title", "matter", "kind", "due_date", "status")
    list_filter = ("status", "kind")
    search_fields = ("title",)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("recipient_email", "occasion", "status", "attempts", "sent_at")
    list_filter = ("status", "kind")


admin.site.register(ReminderPreference)
admin.site.register(FiscalYearEnd)
