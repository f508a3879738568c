from django.urls import path

from . import views

app_name = "live"

urlpatterns = [path("<int:case_id>/events/", views.case_events, name="events")]
