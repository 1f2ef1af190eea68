from django.apps import AppConfig


class RepresentationsConfig(AppConfig):
    name = "representations"
    verbose_name = "Representations and warranties"

    def ready(self) -> None:
        from core import demo
        from matters.tabs import MatterTab, register
        from representations import demo as representations_demo

        register(MatterTab(42, "Representations", "representations:matter_list"))
        demo.register(92, "representations", representations_demo.load)
