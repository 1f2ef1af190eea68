from django.urls import path

from security_interests import views

app_name = "security_interests"
urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("matter/<int:pk>/", views.matter_list, name="matter_list"),
    path("matter/<int:pk>/new/", views.security_interest_create, name="create"),
    path("<int:pk>/", views.security_interest_detail, name="detail"),
    path("<int:pk>/edit/", views.security_interest_edit, name="edit"),
    path("<int:pk>/filings/new/", views.filing_add, name="filing_add"),
    path("<int:pk>/demand/", views.demand_record, name="demand"),
    path("statements/<int:pk>/", views.statement_detail, name="statement"),
    path("statements/<int:pk>/amendments/new/", views.amendment_add, name="amendment_add"),
]
