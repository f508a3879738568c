from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("networks/<int:network_id>/insight/", views.network_report, name="network"),
    path("networks/<int:network_id>/insight/csv/", views.network_csv, name="network_csv"),
    path("networks/<int:network_id>/insight/pdf/", views.network_pdf, name="network_pdf"),
    path("insight/", views.own_report, name="own"),
    path("insight/csv/", views.own_csv, name="own_csv"),
    path("insight/pdf/", views.own_pdf, name="own_pdf"),
]
