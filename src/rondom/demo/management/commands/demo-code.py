"""`rondom demo-code`: the old name of demo_code, kept for cron jobs and scripts."""

from rondom.demo.management.commands.demo_code import Command

__all__ = ["Command"]
