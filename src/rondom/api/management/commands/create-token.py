"""`rondom create-token`: the old name of create_token, kept for cron jobs and scripts."""

from rondom.api.management.commands.create_token import Command

__all__ = ["Command"]
