"""`rondom revoke-tokens`: the old name of revoke_tokens, kept for cron jobs and scripts."""

from rondom.api.management.commands.revoke_tokens import Command

__all__ = ["Command"]
