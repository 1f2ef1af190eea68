from django.urls import path

from matters import views

app_name = "matters"
urlpatterns = [
    path("", views.matter_index, name="list"),
    path("new/", views.matter_create, name="create"),
    path("<int:pk>/", views.matter_detail, name="detail"),
    path("<int:pk>/edit/", views.matter_edit, name="edit"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/members/<int:membership_pk>/remove/", views.member_remove, name="member_remove"),
]
