from django.urls import path

from registration_rights import views

app_name = "registration_rights"
urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("matter/<int:pk>/", views.matter_list, name="matter_list"),
    path("matter/<int:pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/events/", views.event_create, name="event_create"),
]
