"""Django's SQLite backend, which also makes the database file's folder when it is missing."""
