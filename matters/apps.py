from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "matters"
    verbose_name = "Matters"

    def ready(self) -> None:
        from core import demo, search
        from matters import demo as matters_demo
        from matters import tabs
        from matters.selectors import search_hits

        search.register("Matters", search_hits)
        tabs.register(tabs.MatterTab(90, "Timeline", "matters:timeline"))
        demo.register(20, "matters", matters_demo.load)
