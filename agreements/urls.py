from django.urls import path

from agreements import views

app_name = "agreements"
urlpatterns = [
    path("matter/<int:pk>/", views.matter_list, name="matter_list"),
    path("matter/<int:pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/documents/new/", views.document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/signatories/new/", views.signatory_add, name="signatory_add"),
    path("<int:pk>/signatories/<int:signatory_pk>/", views.signatory_edit, name="signatory_edit"),
    path("<int:pk>/signatories/<int:signatory_pk>/remove/", views.signatory_remove, name="signatory_remove"),
    path("<int:pk>/clauses/new/", views.clause_add, name="clause_add"),
    path("<int:pk>/clauses/<int:clause_pk>/", views.clause_edit, name="clause_edit"),
    path("<int:pk>/clauses/<int:clause_pk>/remove/", views.clause_remove, name="clause_remove"),
]
