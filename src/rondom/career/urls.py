from django.urls import path

from . import views

app_name = "career"

urlpatterns = [
    path("<int:case_id>/children/<int:child_id>/career/", views.career, name="career"),
    path(
        "<int:case_id>/children/<int:child_id>/career/new/",
        views.period_create,
        name="period_create",
    ),
    path(
        "<int:case_id>/children/<int:child_id>/career/<int:period_id>/edit/",
        views.period_edit,
        name="period_edit",
    ),
    path(
        "<int:case_id>/children/<int:child_id>/career/<int:period_id>/delete/",
        views.period_delete,
        name="period_delete",
    ),
]
