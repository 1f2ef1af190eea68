from django.urls import path

from representations import views

app_name = "representations"
urlpatterns = [
    path("matter/<int:pk>/", views.matter_list, name="matter_list"),
    path("matter/<int:pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/flag-breach/", views.flag_breach, name="flag_breach"),
    path("<int:pk>/breaches/<int:flag_pk>/notice.pdf", views.notice_draft_pdf, name="notice_draft"),
]
