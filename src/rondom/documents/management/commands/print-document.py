"""`rondom print-document`: the old name of print_document, kept for cron jobs and scripts."""

from rondom.documents.management.commands.print_document import Command

__all__ = ["Command"]
