from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpConfig(AppConfig):
    name = "rondom.help"
    label = "help"
    verbose_name = _("Questions and help")
