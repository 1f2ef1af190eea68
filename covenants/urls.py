from django.urls import path

from covenants import views

app_name = "covenants"
urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("matter/<int:pk>/", views.matter_list, name="matter_list"),
    path("matter/<int:pk>/new/", views.create, name="create"),
    path("matter/<int:pk>/fiscal-year-end/<int:party_pk>/", views.fiscal_year_end, name="fiscal_year_end"),
    path("matter/<int:pk>/certificates/new/", views.certificate_create, name="certificate_create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/consents/", views.consent_add, name="consent_add"),
    path("<int:pk>/steps/", views.step_add, name="step_add"),
    path("<int:pk>/status/", views.status_set, name="status_set"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate"),
    path("certificates/<int:pk>/document/", views.certificate_document, name="certificate_document"),
    path("tests/<int:pk>/notice.pdf", views.notice_draft_pdf, name="notice_draft"),
]
