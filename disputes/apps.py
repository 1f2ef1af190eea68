from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "disputes"
    verbose_name = "Disputes"

    def ready(self) -> None:
        from matters.tabs import MatterTab, register

        register(MatterTab(44, "Disputes", "disputes:matter_list"))
