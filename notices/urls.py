from django.urls import path

from notices import views

app_name = "notices"
urlpatterns = [
    path("matter/<int:pk>/", views.matter_list, name="matter_list"),
    path("matter/<int:pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/delivery/", views.delivery, name="delivery"),
    path("<int:pk>/evidence/", views.evidence, name="evidence"),
    path("<int:pk>/letter.pdf", views.letter, name="letter"),
]
