"""The monitor's addresses: a network's under /networks/<id>/monitor/, a case's under /cases/."""

from django.urls import path

from .views import agreements, indicators, reviews, signals

app_name = "monitor"

MONITOR = "networks/<int:network_id>/monitor"
INDICATOR = f"{MONITOR}/indicators/<int:indicator_id>"
STORY = f"{INDICATOR}/periods/<int:period_id>/stories/<str:perspective>"
REVIEW = f"{MONITOR}/reviews/<int:review_id>"

urlpatterns = [
    # Joint agreements, their indicators and the figures entered by hand.
    path(f"{MONITOR}/", agreements.not_yet, name="overview"),
    # Per indicator: the trend, the stories, and the review meetings.
    path(f"{INDICATOR}/", indicators.indicator, name="indicator"),
    path(f"{MONITOR}/reviews/", reviews.review_list, name="reviews"),
    # Signals from the cases, and the network's answers.
    path(f"{MONITOR}/signals/", signals.not_yet, name="signals"),
    # The story behind the numbers, and the review meeting.
    path(f"{STORY}/", indicators.story_edit, name="story_edit"),
    path(f"{STORY}/agreement/", indicators.story_agreement, name="story_agreement"),
    path(f"{REVIEW}/", reviews.review, name="review"),
    path(f"{REVIEW}/report/", reviews.review_report, name="review_report"),
]
