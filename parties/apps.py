from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = "parties"
    verbose_name = "Parties"

    def ready(self) -> None:
        from core import demo, search
        from parties import demo as parties_demo
        from parties.selectors import search_hits

        search.register("Parties", search_hits)
        demo.register(10, "parties", parties_demo.load)
