from django.urls import path  # noqa: F401

app_name = "help"

CASE = "<int:case_id>"

urlpatterns: list = []
