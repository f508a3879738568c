from django.urls import path

from . import api

urlpatterns = [
    path(
        "networks/<int:network_id>/scan/rounds/",
        api.RoundListView.as_view(),
        name="api-network-scan-rounds",
    ),
    path(
        "networks/<int:network_id>/scan/rounds/<int:round_id>/results/",
        api.RoundResultsView.as_view(),
        name="api-network-scan-results",
    ),
]
