from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = "Deadlines"

    def ready(self) -> None:
        from core import home, nav, search
        from deadlines.selectors import failed_deliveries_panel, home_panel, search_hits
        from matters.tabs import MatterTab, register

        register(MatterTab(60, "Deadlines", "deadlines:matter_list"))
        home.register(home.HomePanel(10, "deadlines/_home_week.html", home_panel))
        home.register(home.HomePanel(91, "deadlines/_home_failed.html", failed_deliveries_panel, admin_only=True))
        search.register("Deadlines", search_hits)
        nav.register(nav.NavItem(10, "My deadlines", "deadlines:mine"))
        nav.register(nav.NavItem(11, "Calendar", "deadlines:calendar"))
        nav.register(nav.NavItem(61, "Business days", "deadlines:calendar_list"))
