"""The storage layer's exceptions, in a module that imports nothing heavy, so that the
command line can name them without loading sqlite-utils (issue 13: a quick start).
``storage.db`` re-exports them."""

from __future__ import annotations


class StorageError(Exception):
    """A problem with the database file itself; ``code`` maps to a message."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


class DatabaseTooNew(StorageError):
    def __init__(self, path: str, unknown: list[str]):
        super().__init__("db.too_new", path=path, unknown=", ".join(unknown))
        self.unknown = unknown


class DatabaseDamaged(StorageError):
    """The health check found damage. ``backup`` is the last verified backup recorded in
    the file (and still present), or ''; ``problems`` are SQLite's own lines."""

    def __init__(self, path: str, problems: list[str], backup: str = ""):
        code = "db.damaged_backup" if backup else "db.damaged"
        super().__init__(code, path=path, backup=backup, detail="; ".join(problems[:3]))
        self.problems = problems
        self.backup = backup
