from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "rondom.networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from rondom.core.periodic import add_reminders

        from .access import remember_at_login
        from .reminders import send_reminders

        user_logged_in.connect(remember_at_login, dispatch_uid="rondom.networks.remember_at_login")
        add_reminders("network_agreements", lambda days, today: send_reminders(days, today))
