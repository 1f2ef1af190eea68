from django.apps import AppConfig


class SecurityInterestsConfig(AppConfig):
    name = "security_interests"
    verbose_name = "Security interests"
