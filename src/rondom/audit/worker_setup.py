"""The start of a process that checks part of the access log (see `verify.check_log`).

Kept apart from the rest of the app: a new process imports this module before Django is set
up, so it may not import any models at its top.
"""


def start_worker(alias: str, database: dict) -> None:
    """Set Django up, on the database the parent walks (in tests, the test database, which
    the settings alone would not name)."""
    import django
    from django.db import connections

    django.setup()
    connections[alias].settings_dict.update(database)
