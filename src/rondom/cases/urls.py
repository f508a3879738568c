from django.urls import path

from .views import cases, children, consent, participants, retention

app_name = "cases"

urlpatterns = [
    path("new/", cases.case_create, name="create"),
    path("<int:case_id>/", cases.case_detail, name="detail"),
    path("<int:case_id>/edit/", cases.case_edit, name="edit"),
    path("<int:case_id>/make-named/", cases.case_make_named, name="make_named"),
    path("<int:case_id>/consent/", consent.consent_list, name="consent"),
    path("<int:case_id>/close/", retention.case_close, name="close"),
    path("<int:case_id>/reopen/", retention.case_reopen, name="reopen"),
    path("<int:case_id>/erasure/", retention.erasure_request, name="erasure_request"),
    path(
        "<int:case_id>/erasure/<int:request_id>/",
        retention.erasure_handle,
        name="erasure_handle",
    ),
    path(
        "<int:case_id>/consent/<int:consent_id>/withdraw/",
        consent.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "<int:case_id>/consent/figures/",
        consent.figures_consent_give,
        name="figures_consent_give",
    ),
    path(
        "<int:case_id>/consent/figures/withdraw/",
        consent.figures_consent_withdraw,
        name="figures_consent_withdraw",
    ),
    path("<int:case_id>/children/new/", children.child_create, name="child_create"),
    path("<int:case_id>/children/<int:child_id>/edit/", children.child_edit, name="child_edit"),
    path(
        "<int:case_id>/participants/new/",
        participants.participant_create,
        name="participant_create",
    ),
    path(
        "<int:case_id>/participants/<int:participant_id>/edit/",
        participants.participant_edit,
        name="participant_edit",
    ),
    path(
        "<int:case_id>/participants/<int:participant_id>/invite/",
        participants.participant_invite,
        name="participant_invite",
    ),
    path(
        "<int:case_id>/participants/<int:participant_id>/delete/",
        participants.participant_delete,
        name="participant_delete",
    ),
]
