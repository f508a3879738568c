from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "rondom.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from rondom.core.periodic import add_reminders

        from .reminders import send_reminders

        add_reminders("agreements", lambda days, today: send_reminders(days, today))
