from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path(
        "cases/<int:case_id>/children/<int:child_id>/praatplaat.pdf",
        views.praatplaat,
        name="praatplaat",
    ),
    path(
        "cases/<int:case_id>/meetings/<int:meeting_id>/agreements.pdf",
        views.agreements_card,
        name="agreements_card",
    ),
    path(
        "cases/<int:case_id>/meetings/<int:meeting_id>/report.pdf",
        views.meeting_report,
        name="meeting_report",
    ),
    path("cases/<int:case_id>/my-data.pdf", views.family_copy, name="family_copy"),
    path("print/", views.blank_sheets, name="blank_sheets"),
    path("print/blank-cards.pdf", views.blank_cards, name="blank_cards"),
    path("print/blank-agreements.pdf", views.blank_agreements, name="blank_agreements"),
]
