from django.apps import AppConfig


class ClosingsConfig(AppConfig):
    name = "closings"
    verbose_name = "Closings"

    def ready(self) -> None:
        from closings import demo as closings_demo
        from core import demo
        from matters.tabs import MatterTab, register

        register(MatterTab(30, "Closings", "closings:matter_list"))
        demo.register(60, "closings", closings_demo.load)
