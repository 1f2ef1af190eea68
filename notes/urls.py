from django.urls import path

from notes import views

app_name = "notes"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.<str:fmt>", views.export, name="export"),
    path("matter/<int:pk>/", views.matter_list, name="matter_list"),
    path("matter/<int:pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/transactions/", views.transaction_create, name="transaction_create"),
    path("<int:pk>/lenders/", views.lenders_save, name="lenders_save"),
    path("<int:pk>/margin-grid/", views.margin_grid_save, name="margin_grid_save"),
    path("<int:pk>/margin-ratios/", views.margin_ratio_record, name="margin_ratio_record"),
    path("<int:pk>/schedule/table/", views.schedule_table, name="schedule_table"),
    path("<int:pk>/schedule/generate/", views.schedule_generate, name="schedule_generate"),
]
