from django.contrib import admin

from documents.models import DocumentText


@admin.register(DocumentText)
class DocumentTextAdmin(admin.ModelAdmin):
    list_display = ("document", "status", "progress", "extractor", "ocr", "finished_at")
    list_filter = ("status", "extractor", "ocr")
    readonly_fields = ("document", "text", "page_starts", "claimed_at", "finished_at")
