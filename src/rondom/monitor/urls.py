"""The monitor's addresses: a network's under /networks/<id>/monitor/, a case's under /cases/."""

from django.urls import path

from .views import agreements, indicators, reviews, signals

app_name = "monitor"

MONITOR = "networks/<int:network_id>/monitor"
INDICATOR = f"{MONITOR}/indicators/<int:indicator_id>"

urlpatterns = [
    # Joint agreements, their indicators and the figures entered by hand.
    path(f"{MONITOR}/", agreements.not_yet, name="overview"),
    # Per indicator: the trend, the stories, and the review meetings.
    path(f"{INDICATOR}/", indicators.not_yet, name="indicator"),
    path(f"{MONITOR}/reviews/", reviews.not_yet, name="reviews"),
    # Signals from the cases, and the network's answers.
    path(f"{MONITOR}/signals/", signals.signal_list, name="signals"),
    path(f"{MONITOR}/signals/group/", signals.signals_assign, name="signals_assign"),
    path(f"{MONITOR}/signals/themes/new/", signals.theme_new, name="theme_new"),
    path(f"{MONITOR}/signals/themes/<int:theme_id>/", signals.theme_detail, name="theme"),
    # A case manager passes a policy card on to the network.
    path(
        "cases/<int:case_id>/cards/<int:card_id>/signal/", signals.card_signal, name="card_signal"
    ),
]
