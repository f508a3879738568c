from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpConfig(AppConfig):
    name = "rondom.help"
    label = "help"
    verbose_name = _("Questions and help")

    def ready(self) -> None:
        from rondom.career.changes import school_career_changed

        from .dates import place_questions_again

        def follow_the_career(sender, child, **kwargs) -> None:
            place_questions_again(child)

        school_career_changed.connect(follow_the_career, weak=False, dispatch_uid="help")
