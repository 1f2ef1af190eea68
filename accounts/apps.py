from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts import signals  # noqa: F401  # connects the security log's receivers
        from accounts.selectors import users_panel
        from core import home

        home.register(home.HomePanel(90, "accounts/_home_users.html", users_panel, admin_only=True))
