from django.urls import path

from rates import views

app_name = "rates"
urlpatterns = [
    path("", views.index_list, name="list"),
    path("new/", views.index_create, name="create"),
    path("<int:pk>/", views.index_detail, name="detail"),
    path("<int:pk>/edit/", views.index_edit, name="edit"),
    path("<int:pk>/values/new/", views.value_record, name="value_record"),
    path("<int:pk>/values/<int:value_pk>/delete/", views.value_delete, name="value_delete"),
    path("<int:pk>/import/", views.values_import, name="import"),
    path("<int:pk>/lookup/", views.lookup, name="lookup"),
]
