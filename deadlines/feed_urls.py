from django.urls import path

from deadlines import feed_views

app_name = "calendar"
urlpatterns = [
    path("feed/<str:token>.ics", feed_views.feed, name="feed"),
    path("regenerate/", feed_views.regenerate, name="regenerate"),
    path("revoke/", feed_views.revoke, name="revoke"),
]
