"""`rondom drf_create_token`: the name from Django REST framework, kept for scripts."""

from rondom.api.management.commands.create_token import Command

__all__ = ["Command"]
