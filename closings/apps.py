from django.apps import AppConfig


class ClosingsConfig(AppConfig):
    name = "closings"
    verbose_name = "Closings"
