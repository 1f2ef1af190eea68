from django.contrib import admin

from parties.models import NoticeAddress, Party, Person


class NoticeAddressInline(admin.StackedInline):
    model = NoticeAddress
    fk_name = "party"
    extra = 0


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ("legal_name", "kind", "jurisdiction", "entity_type")
    list_filter = ("kind",)
    search_fields = ("legal_name",)
    inlines = [NoticeAddressInline, PersonInline]
