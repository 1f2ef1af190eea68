from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "Notices"

    def ready(self) -> None:
        from matters.tabs import MatterTab, register

        register(MatterTab(50, "Notices", "notices:matter_list"))
