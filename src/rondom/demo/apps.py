from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "rondom.demo"
    verbose_name = "Demo"
