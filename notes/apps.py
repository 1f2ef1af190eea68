from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "notes"
    verbose_name = "Notes"

    def ready(self) -> None:
        from core import demo, nav, search
        from matters.tabs import MatterTab, register
        from notes import demo as notes_demo
        from notes.selectors import search_hits

        search.register("Notes", search_hits)
        demo.register(40, "notes", notes_demo.load)
        register(MatterTab(20, "Notes", "notes:matter_list"))
        nav.register(nav.NavItem(5, "Dashboard", "notes:dashboard"))
