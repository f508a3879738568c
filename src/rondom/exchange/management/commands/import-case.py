"""`rondom import-case`: the old name of import_case, kept for cron jobs and scripts."""

from rondom.exchange.management.commands.import_case import Command

__all__ = ["Command"]
