from django.apps import AppConfig


class RatesConfig(AppConfig):
    name = "rates"
    verbose_name = "Rate indexes"

    def ready(self) -> None:
        from core import demo, nav, search
        from rates import demo as rates_demo
        from rates.selectors import search_hits

        nav.register(nav.NavItem(60, "Rates", "rates:list"))
        search.register("Rate indexes", search_hits)
        demo.register(15, "rates", rates_demo.load)
