"""How a job that runs off the database worker reads the ledger.

The window renders files (PDF, XLSX, large CSV) on a render thread, not on the one
thread that owns the read-write connection: such a job gets a ``Read`` and calls
``read(job)`` for each piece of data, which runs ``job(db)`` on the database worker and
returns its result (ui/tasks.py). The command line has no worker: it passes the
database itself, which ``reader`` turns into a ``Read`` that runs jobs directly."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

if TYPE_CHECKING:  # the ledger's lean database object stands in for it (storage/db.py)
    from sqlite_utils import Database

T = TypeVar("T")


class Read(Protocol):
    def __call__(self, job: Callable[[Database], T], /) -> T: ...


class _Direct:
    def __init__(self, db: Database) -> None:
        self.db = db

    def __call__(self, job: Callable[[Database], T], /) -> T:
        return job(self.db)


def reader(source: Database | Read) -> Read:
    """``source`` if it already reads through a worker; a database read directly.
    A database is told apart by its ``execute`` (the ledger's own database object,
    storage/db.py, is not a sqlite-utils ``Database`` subclass)."""
    if hasattr(source, "execute"):
        return _Direct(cast("Database", source))
    return source
