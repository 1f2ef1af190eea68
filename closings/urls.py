from django.urls import path

from closings import views

app_name = "closings"
urlpatterns = [
    path("matter/<int:pk>/", views.matter_list, name="matter_list"),
    path("matter/<int:pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/deliverables/", views.deliverable_add, name="deliverable_add"),
    path("<int:pk>/template/", views.apply_template, name="apply_template"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/checklist.<str:fmt>", views.export, name="export"),
    path("<int:pk>/binder/", views.binder_start, name="binder_start"),
    path("<int:pk>/binder/status/", views.binder_status, name="binder_status"),
    path("<int:pk>/binder/<int:binder_pk>/", views.binder_download, name="binder_download"),
    path("deliverables/<int:pk>/status/", views.deliverable_status, name="deliverable_status"),
    path("deliverables/<int:pk>/evidence/", views.evidence, name="evidence"),
    path("deliverables/<int:pk>/evidence/view/", views.evidence_view, name="evidence_view"),
    path("<int:pk>/bulk-status/", views.bulk_status, name="bulk_status"),
    path("<int:pk>/print/", views.print_view, name="print"),
]
