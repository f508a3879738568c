from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "rondom.monitor"
    verbose_name = _("Monitor")

    def ready(self) -> None:
        from rondom.networks.agreements import add_origin
        from rondom.timeline.card_actions import register_card_actions

        from .signals import send_actions
        from .stories import ORIGIN_RELATED, describe_origin

        # A network agreement made from a story names its indicator, period and perspective.
        add_origin("monitor_story", ORIGIN_RELATED, describe_origin)
        # A case manager may pass a policy card on to the network.
        register_card_actions(send_actions)
