"""The scan's addresses: a coordinator's under the network, a respondent's under /scan/."""

app_name = "scan"

ROUND = "networks/<int:network_id>/scan/<int:round_id>"

urlpatterns: list = []
