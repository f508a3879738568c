from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareerConfig(AppConfig):
    name = "rondom.career"
    label = "career"
    verbose_name = _("School career")
