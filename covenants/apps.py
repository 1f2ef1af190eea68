from django.apps import AppConfig


class CovenantsConfig(AppConfig):
    name = "covenants"
    verbose_name = "Covenants"

    def ready(self) -> None:
        from core import demo, nav
        from covenants import demo as covenants_demo
        from matters.tabs import MatterTab, register

        register(MatterTab(40, "Covenants", "covenants:matter_list"))
        nav.register(nav.NavItem(25, "Covenants", "covenants:portfolio"))
        demo.register(90, "covenants", covenants_demo.load)
