from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "rondom.networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .access import remember_at_login

        user_logged_in.connect(remember_at_login, dispatch_uid="rondom.networks.remember_at_login")
