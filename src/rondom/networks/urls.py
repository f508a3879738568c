from django.urls import path

from .views import agreements, networks

app_name = "networks"

NETWORK = "<int:network_id>"

urlpatterns = [
    path("", networks.network_list, name="list"),
    path(f"{NETWORK}/", networks.network_detail, name="detail"),
    path(f"{NETWORK}/members/add/", networks.member_add, name="member_add"),
    path(
        f"{NETWORK}/members/<int:member_id>/remove/", networks.member_remove, name="member_remove"
    ),
    path(f"{NETWORK}/settings/", networks.network_settings, name="settings"),
    # The network's agreements.
    path(f"{NETWORK}/agreements/", agreements.agreement_list, name="agreements"),
    path(
        f"{NETWORK}/agreements/<int:agreement_id>/",
        agreements.agreement_edit,
        name="agreement_edit",
    ),
    path(
        f"{NETWORK}/agreements/<int:agreement_id>/status/",
        agreements.agreement_status,
        name="agreement_status",
    ),
]
