from django.urls import path

from disputes import views

app_name = "disputes"
urlpatterns = [
    path("matter/<int:pk>/", views.matter_list, name="matter_list"),
    path("matter/<int:pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/<str:name>/", views.step, name="step"),
]
