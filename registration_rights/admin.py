from django.contrib import admin

from registration_rights.models import RegistrationRights


@admin.register(RegistrationRights)
class RegistrationRightsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "closing_date", "purchase_price")
