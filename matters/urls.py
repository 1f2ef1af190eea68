from django.urls import path

from matters import views

app_name = "matters"
urlpatterns = [
    path("", views.matter_index, name="list"),
    path("new/", views.matter_create, name="create"),
    path("<int:pk>/", views.matter_detail, name="detail"),
    path("<int:pk>/seen/", views.matter_seen, name="seen"),
    path("<int:pk>/timeline/", views.matter_timeline, name="timeline"),
    path("<int:pk>/timeline.csv", views.matter_timeline_csv, name="timeline_csv"),
    path("<int:pk>/timeline.pdf", views.matter_timeline_pdf, name="timeline_pdf"),
    path("<int:pk>/edit/", views.matter_edit, name="edit"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/members/<int:membership_pk>/remove/", views.member_remove, name="member_remove"),
]
