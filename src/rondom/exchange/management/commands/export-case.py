"""`rondom export-case`: the old name of export_case, kept for cron jobs and scripts."""

from rondom.exchange.management.commands.export_case import Command

__all__ = ["Command"]
