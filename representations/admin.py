from django.contrib import admin

from representations.models import BreachFlag, Representation


@admin.register(Representation)
class RepresentationAdmin(admin.ModelAdmin):
    list_display = ("clause", "title", "agreement", "party", "status")


admin.site.register(BreachFlag)
