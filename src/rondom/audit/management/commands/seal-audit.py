"""`rondom seal-audit`: the old name of seal_audit, kept for cron jobs and scripts."""

from rondom.audit.management.commands.seal_audit import Command

__all__ = ["Command"]
