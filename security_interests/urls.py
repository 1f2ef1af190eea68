from django.urls import path  # noqa: F401

app_name = "security_interests"
urlpatterns: list = []
