from django.urls import path

from .views import questions, satisfaction

app_name = "help"

CASE = "<int:case_id>"

urlpatterns: list = [
    path(f"{CASE}/satisfaction/", satisfaction.satisfaction_overview, name="satisfaction"),
    path(
        f"{CASE}/satisfaction/answer/",
        satisfaction.satisfaction_answer,
        name="satisfaction_answer",
    ),
    path(f"{CASE}/questions/", questions.question_list, name="questions"),
    path(f"{CASE}/questions/new/", questions.question_create, name="question_create"),
    path(
        f"{CASE}/questions/<int:question_id>/edit/",
        questions.question_edit,
        name="question_edit",
    ),
    path(
        f"{CASE}/questions/<int:question_id>/delete/",
        questions.question_delete,
        name="question_delete",
    ),
]
