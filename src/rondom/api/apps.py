from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "rondom.api"
    verbose_name = "API"
