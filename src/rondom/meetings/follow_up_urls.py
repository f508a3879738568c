from django.urls import path

from .views import follow_up

app_name = "follow_up"

urlpatterns = [
    path("agreements/", follow_up.my_agreements, name="my_agreements"),
    path("overview/", follow_up.overview, name="overview"),
]
