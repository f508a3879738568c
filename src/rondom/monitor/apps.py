from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "rondom.monitor"
    verbose_name = _("Monitor")

    def ready(self) -> None:
        from rondom.timeline.card_actions import register_card_actions

        from .signals import send_actions

        register_card_actions(send_actions)
