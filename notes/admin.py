from django.contrib import admin

from notes.models import Note


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ("__str__", "matter", "principal", "maturity_date", "status")
    list_filter = ("status",)
