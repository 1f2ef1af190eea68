from django.contrib import admin

from agreements.models import Agreement, AgreementParty, NoticeRule, Signatory


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0


class RuleInline(admin.TabularInline):
    model = NoticeRule
    extra = 0


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("title", "matter", "kind", "dated_as_of", "status")
    inlines = [PartyInline, RuleInline, SignatoryInline]
