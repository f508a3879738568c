"""What Rondom's management commands share: the language they speak, and their old names."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

# Commands once had hyphens in their names, and `create_token` had the framework's name.
# Each old name is a module of its own that runs the new command, so cron jobs and habits
# keep working; `rondom help` lists only the new names.
OLD_NAMES = {
    "create-token": "create_token",
    "drf_create_token": "create_token",
    "demo-code": "demo_code",
    "export-case": "export_case",
    "import-case": "import_case",
    "print-document": "print_document",
    "reseal-audit": "reseal_audit",
    "revoke-tokens": "revoke_tokens",
    "seal-audit": "seal_audit",
    "send-reminders": "send_reminders",
    "verify-audit": "verify_audit",
}


class Command(BaseCommand):
    """A command that speaks the site's language (Dutch), whoever calls it.

    Django runs a command in whatever language is active in the calling thread, or with
    translations off for a command marked `@no_translations`. Called from code, that can be
    any language; from the shell it happens to be LANGUAGE_CODE. This makes it LANGUAGE_CODE
    always, for the messages on stdout and stderr and for a CommandError's text.
    """

    def execute(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            return super().execute(*args, **options)
