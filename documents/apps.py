from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from core import search
        from documents.selectors import search_hits

        search.register("Document text", search_hits)
