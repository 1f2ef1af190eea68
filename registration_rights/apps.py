from django.apps import AppConfig


class RegistrationRightsConfig(AppConfig):
    name = "registration_rights"
    verbose_name = "Registration rights"

    def ready(self) -> None:
        from core import demo, nav
        from matters.tabs import MatterTab, register
        from notes.dashboard import register_panel
        from registration_rights import demo as rr_demo
        from registration_rights.panels import damages_panel

        register(MatterTab(45, "Registration", "registration_rights:matter_list"))
        nav.register(nav.NavItem(30, "Registration", "registration_rights:portfolio"))
        register_panel(10, damages_panel)
        demo.register(80, "registration_rights", rr_demo.load)
