from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Agreements"

    def ready(self) -> None:
        from agreements import demo as agreements_demo
        from agreements import demo_notices
        from agreements.selectors import search_hits
        from core import demo, search
        from matters.tabs import MatterTab, register

        search.register("Agreements", search_hits)
        demo.register(30, "agreements", agreements_demo.load)
        demo.register(45, "notice clauses", demo_notices.load)  # after the notes step's matters
        register(MatterTab(10, "Agreements", "agreements:matter_list"))
