from django.urls import path

from .views import contributions, meetings

app_name = "meetings"

MEETING = "<int:case_id>/meetings/<int:meeting_id>"

urlpatterns = [
    path("<int:case_id>/meetings/", meetings.meeting_list, name="list"),
    path("<int:case_id>/meetings/new/", meetings.meeting_create, name="create"),
    path(f"{MEETING}/", meetings.meeting_detail, name="detail"),
    path(f"{MEETING}/present/", meetings.meeting_present, name="present"),
    path(f"{MEETING}/close/", meetings.meeting_close, name="close"),
    path(f"{MEETING}/close/confirm/", meetings.meeting_close_confirm, name="close_confirm"),
    path(f"{MEETING}/steps/<int:step>/", contributions.save_note, name="note"),
    path(f"{MEETING}/factors/", contributions.add_factor, name="factor"),
    path(
        f"{MEETING}/factors/<int:factor_id>/remove/",
        contributions.remove_factor,
        name="factor_remove",
    ),
    path(f"{MEETING}/key-moments/", contributions.add_key_moment, name="key_moment"),
    path(
        f"{MEETING}/key-moments/<int:moment_id>/remove/",
        contributions.remove_key_moment,
        name="key_moment_remove",
    ),
    path(f"{MEETING}/agreements/", contributions.add_agreement, name="agreement"),
    path(
        f"{MEETING}/agreements/<int:agreement_id>/status/",
        contributions.set_agreement_status,
        name="agreement_status",
    ),
    path(f"{MEETING}/follow-up/", contributions.save_follow_up, name="follow_up"),
]
