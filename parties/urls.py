from django.urls import path

from parties import views

app_name = "parties"
urlpatterns = [
    path("", views.party_index, name="list"),
    path("new/", views.party_create, name="create"),
    path("<int:pk>/", views.party_detail, name="detail"),
    path("<int:pk>/edit/", views.party_edit, name="edit"),
    path("<int:pk>/addresses/new/", views.address_add, name="address_add"),
    path("<int:pk>/addresses/<int:address_pk>/edit/", views.address_edit, name="address_edit"),
    path("<int:pk>/people/new/", views.person_add, name="person_add"),
    path("<int:pk>/people/<int:person_pk>/edit/", views.person_edit, name="person_edit"),
]
