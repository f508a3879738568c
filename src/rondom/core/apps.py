from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rondom.core"
    label = "core"
