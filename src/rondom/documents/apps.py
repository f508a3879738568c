from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "rondom.documents"
    verbose_name = "Print documents"
