from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "rondom.exchange"
    verbose_name = "Case files"
