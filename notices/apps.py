from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "Notices"

    def ready(self) -> None:
        from core import search
        from matters.tabs import MatterTab, register
        from notices.views import search_hits

        register(MatterTab(50, "Notices", "notices:matter_list"))
        search.register("Notices", search_hits)
