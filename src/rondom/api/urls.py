from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("cases", views.CaseViewSet, basename="case")
router.register("children", views.ChildViewSet, basename="child")
router.register("participants", views.ParticipantViewSet, basename="participant")
router.register("school-periods", views.SchoolPeriodViewSet, basename="school-period")
router.register("cards", views.CardViewSet, basename="card")
router.register("satisfaction", views.SatisfactionViewSet, basename="satisfaction")
router.register("questions", views.QuestionViewSet, basename="question")

urlpatterns = [
    # The schema describes the API, not anyone's data, so it is public.
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[AllowAny]),
        name="api-schema",
    ),
    path("", include(router.urls)),
]
