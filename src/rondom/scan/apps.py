from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScanConfig(AppConfig):
    name = "rondom.scan"
    verbose_name = _("Collaboration scan")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from rondom.core.periodic import add_purge, add_reminders
        from rondom.networks.agreements import add_origin

        from .answering import remember_at_login
        from .followup import ORIGIN_RELATED, describe_origin
        from .reminders import send_reminders
        from .retention import purge_answers

        # A network agreement made from a statement names its round and statement in lists.
        add_origin("scan", ORIGIN_RELATED, describe_origin)
        add_purge("scan", purge_answers)
        add_reminders("scan", lambda days, today: send_reminders(days, today))
        user_logged_in.connect(remember_at_login, dispatch_uid="rondom.scan.remember_at_login")
