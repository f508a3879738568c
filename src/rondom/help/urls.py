from django.urls import path

from .views import satisfaction

app_name = "help"

CASE = "<int:case_id>"

urlpatterns: list = [
    path(f"{CASE}/satisfaction/", satisfaction.satisfaction_overview, name="satisfaction"),
    path(
        f"{CASE}/satisfaction/answer/",
        satisfaction.satisfaction_answer,
        name="satisfaction_answer",
    ),
]
