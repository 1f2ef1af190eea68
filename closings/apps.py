from django.apps import AppConfig


class ClosingsConfig(AppConfig):
    name = "closings"
    verbose_name = "Closings"

    def ready(self) -> None:
        from closings import demo as closings_demo
        from closings.selectors import home_panel
        from core import demo, home
        from matters.tabs import MatterTab, register

        register(MatterTab(30, "Closings", "closings:matter_list"))
        home.register(home.HomePanel(20, "closings/_home_outstanding.html", home_panel))
        demo.register(60, "closings", closings_demo.load)
