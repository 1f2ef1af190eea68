from django.contrib import admin

from security_interests.models import (
    FinancingStatement,
    FinancingStatementAmendment,
    SecurityInterest,
)


@admin.register(SecurityInterest)
class SecurityInterestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "matter", "status"]
    list_select_related = ["matter", "debtor", "secured_party"]
    raw_id_fields = ["matter", "debtor", "secured_party", "granting_agreement"]


@admin.register(FinancingStatement)
class FinancingStatementAdmin(admin.ModelAdmin):
    list_display = ["file_number", "filing_office", "filing_date", "lapse_date", "status"]
    readonly_fields = ["lapse_date"]
    raw_id_fields = ["security_interest"]


@admin.register(FinancingStatementAmendment)
class FinancingStatementAmendmentAdmin(admin.ModelAdmin):
    list_display = ["financing_statement", "kind", "filing_date"]
    raw_id_fields = ["financing_statement"]
