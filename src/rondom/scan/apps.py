from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScanConfig(AppConfig):
    name = "rondom.scan"
    verbose_name = _("Collaboration scan")

    def ready(self) -> None:
        from rondom.core.periodic import add_purge

        from .retention import purge_answers

        add_purge("scan", purge_answers)
