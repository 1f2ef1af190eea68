from django.urls import path

from deadlines import action_views

app_name = "deadline_actions"
urlpatterns = [path("<str:token>/", action_views.act, name="act")]
