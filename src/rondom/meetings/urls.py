from django.urls import path

from .views import contributions, meetings

app_name = "meetings"

M = "<int:case_id>/meetings/<int:meeting_id>"

urlpatterns = [
    path("<int:case_id>/meetings/", meetings.meeting_list, name="list"),
    path("<int:case_id>/meetings/new/", meetings.meeting_create, name="create"),
    path(f"{M}/", meetings.meeting_detail, name="detail"),
    path(f"{M}/present/", meetings.meeting_present, name="present"),
    path(f"{M}/close/", meetings.meeting_close, name="close"),
    path(f"{M}/steps/<int:step>/", contributions.save_note, name="note"),
    path(f"{M}/factors/", contributions.add_factor, name="factor"),
    path(f"{M}/key-moments/", contributions.add_key_moment, name="key_moment"),
    path(f"{M}/agreements/", contributions.add_agreement, name="agreement"),
    path(
        f"{M}/agreements/<int:agreement_id>/status/",
        contributions.set_agreement_status,
        name="agreement_status",
    ),
    path(f"{M}/follow-up/", contributions.save_follow_up, name="follow_up"),
]
