"""`rondom send-reminders`: the old name of send_reminders, kept for cron jobs and scripts."""

from rondom.meetings.management.commands.send_reminders import Command

__all__ = ["Command"]
