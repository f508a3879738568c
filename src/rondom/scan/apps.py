from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScanConfig(AppConfig):
    name = "rondom.scan"
    verbose_name = _("Collaboration scan")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from rondom.core.periodic import add_reminders

        from .answering import remember_at_login
        from .reminders import send_reminders

        add_reminders("scan", lambda days, today: send_reminders(days, today))
        user_logged_in.connect(remember_at_login, dispatch_uid="rondom.scan.remember_at_login")
