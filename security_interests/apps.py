from django.apps import AppConfig


class SecurityInterestsConfig(AppConfig):
    name = "security_interests"
    verbose_name = "Security interests"

    def ready(self) -> None:
        from core import demo, nav, search
        from matters import tabs
        from notes.signals import note_status_changed
        from security_interests import demo as si_demo
        from security_interests.receivers import resync_on_note_status
        from security_interests.selectors import search_hits

        tabs.register(tabs.MatterTab(50, "Security", "security_interests:matter_list"))
        nav.register(nav.NavItem(50, "Liens", "security_interests:portfolio"))
        search.register("Financing statements", search_hits)
        demo.register(70, "security_interests", si_demo.load)
        note_status_changed.connect(resync_on_note_status, dispatch_uid="security_interests.note_status")
