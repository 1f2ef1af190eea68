from django.contrib import admin

from disputes.models import Dispute


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = ("title", "matter", "stage", "notice_given_on", "negotiation_ends_on")
