from django.contrib import admin

from matters.models import Matter, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    list_display = ("name", "client", "status")
    list_filter = ("status",)
    search_fields = ("name", "client__legal_name")
    inlines = [MembershipInline]
