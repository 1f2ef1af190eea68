from django.apps import AppConfig


class RegistrationRightsConfig(AppConfig):
    name = "registration_rights"
    verbose_name = "Registration rights"
