"""The monitor's addresses: a network's under /networks/<id>/monitor/, a case's under /cases/."""

from django.urls import path

from .views import agreements, indicators, reviews, signals, values

app_name = "monitor"

MONITOR = "networks/<int:network_id>/monitor"
INDICATOR = f"{MONITOR}/indicators/<int:indicator_id>"
STORY = f"{INDICATOR}/periods/<int:period_id>/stories/<str:perspective>"
REVIEW = f"{MONITOR}/reviews/<int:review_id>"

urlpatterns = [
    # Joint agreements, their indicators and the figures entered by hand.
    path(f"{MONITOR}/", agreements.overview, name="overview"),
    path(f"{MONITOR}/agreements/new/", agreements.joint_new, name="joint_new"),
    path(f"{MONITOR}/agreements/<int:joint_id>/", agreements.joint_edit, name="joint_edit"),
    path(
        f"{MONITOR}/agreements/<int:joint_id>/indicators/new/",
        agreements.indicator_new,
        name="indicator_new",
    ),
    path(f"{INDICATOR}/edit/", agreements.indicator_edit, name="indicator_edit"),
    path(f"{INDICATOR}/agree/", agreements.indicator_agree, name="indicator_agree"),
    path(
        f"{INDICATOR}/agree/<int:organisation_id>/withdraw/",
        agreements.indicator_withdraw,
        name="indicator_withdraw",
    ),
    path(f"{INDICATOR}/values/", values.value_list, name="values"),
    path(f"{INDICATOR}/values/<int:year>-<int:half>/", values.value_edit, name="value_edit"),
    # Per indicator: the trend, the stories, and the review meetings.
    path(f"{INDICATOR}/", indicators.indicator, name="indicator"),
    path(f"{MONITOR}/reviews/", reviews.review_list, name="reviews"),
    # The story behind the numbers, and the review meeting.
    path(f"{STORY}/", indicators.story_edit, name="story_edit"),
    path(f"{STORY}/agreement/", indicators.story_agreement, name="story_agreement"),
    path(f"{REVIEW}/", reviews.review, name="review"),
    path(f"{REVIEW}/report/", reviews.review_report, name="review_report"),
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
