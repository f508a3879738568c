from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("<int:case_id>/access-log/", views.case_log, name="case_log"),
]
