"""`rondom reseal-audit`: the old name of reseal_audit, kept for cron jobs and scripts."""

from rondom.audit.management.commands.reseal_audit import Command

__all__ = ["Command"]
