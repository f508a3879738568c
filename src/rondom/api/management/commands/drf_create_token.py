"""The command's old name, from Django REST framework, so existing scripts keep working."""

from importlib import import_module

Command = import_module("rondom.api.management.commands.create-token").Command
