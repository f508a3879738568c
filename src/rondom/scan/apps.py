from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScanConfig(AppConfig):
    name = "rondom.scan"
    verbose_name = _("Collaboration scan")

    def ready(self) -> None:
        from rondom.core.periodic import add_purge
        from rondom.networks.agreements import add_origin

        from .followup import ORIGIN_RELATED, describe_origin
        from .retention import purge_answers

        # A network agreement made from a statement names its round and statement in lists.
        add_origin("scan", ORIGIN_RELATED, describe_origin)
        add_purge("scan", purge_answers)
