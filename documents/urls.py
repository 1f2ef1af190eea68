from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/read/", views.read_now, name="read"),
    path("<int:pk>/proposals/", views.proposals, name="proposals"),
    path("proposals/<int:pk>/decide/", views.proposal_decide, name="proposal_decide"),
]
