from django.urls import path

from . import api

urlpatterns = [
    path(
        "networks/<int:network_id>/insight/",
        api.NetworkInsightView.as_view(),
        name="api-network-insight",
    ),
    path("insight/", api.OwnInsightView.as_view(), name="api-own-insight"),
]
