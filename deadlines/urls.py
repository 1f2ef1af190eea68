from django.urls import path

from deadlines import admin_views, calendar_views, views

app_name = "deadlines"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("calendar/", views.month, name="calendar"),
    path("calendars/", calendar_views.calendar_list, name="calendar_list"),
    path("calendars/<str:key>/", calendar_views.calendar_detail, name="calendar_detail"),
    path("outbox/", admin_views.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", admin_views.outbox_retry, name="outbox_retry"),
    path("preferences/", admin_views.preferences, name="preferences"),
    path("matter/<int:pk>/", views.matter_list, name="matter_list"),
    path("matter/<int:pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/done/", views.close, {"action": "done"}, name="done"),
    path("<int:pk>/waive/", views.close, {"action": "waive"}, name="waive"),
    path("<int:pk>.ics", views.download_ics, name="ics"),
]
