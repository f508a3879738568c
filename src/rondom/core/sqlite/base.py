"""Django's SQLite backend, except that opening a database file first makes its folder.

SQLite creates a missing file but not a missing folder. The folder is made here, at the first
connection, instead of whenever the settings are imported.
"""

from pathlib import Path

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict):
        name = str(conn_params["database"])
        if not self.creation.is_in_memory_db(name) and not name.startswith("file:"):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        return super().get_new_connection(conn_params)
