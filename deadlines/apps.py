from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = "Deadlines"

    def ready(self) -> None:
        from core import nav, search
        from deadlines.selectors import search_hits
        from matters.tabs import MatterTab, register

        register(MatterTab(60, "Deadlines", "deadlines:matter_list"))
        search.register("Deadlines", search_hits)
        nav.register(nav.NavItem(10, "My deadlines", "deadlines:mine"))
        nav.register(nav.NavItem(11, "Calendar", "deadlines:calendar"))
        nav.register(nav.NavItem(61, "Business days", "deadlines:calendar_list"))
