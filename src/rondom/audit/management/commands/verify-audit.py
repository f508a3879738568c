"""`rondom verify-audit`: the old name of verify_audit, kept for cron jobs and scripts."""

from rondom.audit.management.commands.verify_audit import Command

__all__ = ["Command"]
