from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("<int:case_id>/my-data.json", views.case_file, name="case_file"),
]
