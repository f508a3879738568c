from django.urls import path

from .views import organisations

app_name = "organisations"

urlpatterns = [
    path("", organisations.organisation_list, name="list"),
    path("<int:organisation_id>/", organisations.organisation_detail, name="detail"),
    path(
        "<int:organisation_id>/members/<int:membership_id>/remove/",
        organisations.member_remove,
        name="member_remove",
    ),
    path(
        "<int:organisation_id>/members/<int:membership_id>/admin/",
        organisations.member_toggle_admin,
        name="member_toggle_admin",
    ),
]
