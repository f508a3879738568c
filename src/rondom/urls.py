from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="caseload:cases", permanent=False)),
    path("about/", TemplateView.as_view(template_name="about.html"), name="about"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("cases/", include("rondom.cases.urls")),
    path("cases/", include("rondom.career.urls")),
    path("cases/", include("rondom.timeline.urls")),
    path("cases/", include("rondom.privacy.urls")),
    path("cases/", include("rondom.meetings.urls")),
    path("cases/", include("rondom.live.urls")),
    path("cases/", include("rondom.exchange.urls")),
    path("cases/", include("rondom.help.urls")),
    path("", include("rondom.documents.urls")),
    path("", include("rondom.caseload.urls")),
    path("", include("rondom.insights.urls")),
    path("organisations/", include("rondom.accounts.urls")),
    path("networks/", include("rondom.networks.urls")),
    path("", include("rondom.scan.urls")),
    path("", include("rondom.monitor.urls")),
    path("api/v1/", include("rondom.insights.api_urls")),
    path("api/v1/", include("rondom.scan.api_urls")),
    path("api/v1/", include("rondom.api.urls")),
    path("admin/", admin.site.urls),
]
