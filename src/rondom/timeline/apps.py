from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "rondom.timeline"
    verbose_name = _("Timeline")

    def ready(self) -> None:
        from rondom.career.changes import school_career_changed

        from .card_changes import reresolve_group_dates

        def place_cards_again(sender, child, **kwargs) -> None:
            reresolve_group_dates(child)

        school_career_changed.connect(place_cards_again, weak=False, dispatch_uid="timeline")
