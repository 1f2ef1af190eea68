from django.contrib import admin

from closings.models import Closing


@admin.register(Closing)
class ClosingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "matter", "status", "closed_on")
