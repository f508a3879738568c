from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "rondom.live"
    verbose_name = "Live updates"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the publishers)
