from django.urls import path  # noqa: F401

app_name = "registration_rights"
urlpatterns: list = []
