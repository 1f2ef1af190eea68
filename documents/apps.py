from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from core import demo, search
        from documents import demo as documents_demo
        from documents.selectors import search_hits

        search.register("Document text", search_hits)
        demo.register(99, "document texts and proposed terms", documents_demo.load)
