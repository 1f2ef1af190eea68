from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "notes"
    verbose_name = "Notes"

    def ready(self) -> None:
        from core import demo, nav, search
        from matters import timeline
        from matters.tabs import MatterTab, register
        from notes import demo as notes_demo
        from notes.selectors import search_hits
        from notes.services import notes_repriced
        from notes.timeline import export_events
        from rates.signals import index_values_changed

        def _repriced(sender: object, index: object, since: object, **kwargs: object) -> None:
            notes_repriced(index=index, since=since)  # type: ignore[arg-type]

        index_values_changed.connect(_repriced, dispatch_uid="notes_repriced", weak=False)

        timeline.register_source(export_events)
        search.register("Notes", search_hits)
        demo.register(40, "notes", notes_demo.load)
        register(MatterTab(20, "Notes", "notes:matter_list"))
        nav.register(nav.NavItem(5, "Dashboard", "notes:dashboard"))
