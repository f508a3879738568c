from django.urls import path

from . import views

app_name = "caseload"

urlpatterns = [
    path("cases/", views.case_list, name="cases"),
    path("agreements/", views.my_agreements, name="my_agreements"),
    path("overview/", views.overview, name="overview"),
]
