"""How a job that runs off the database worker reads the ledger.

The window renders files (PDF, XLSX, large CSV) on a render thread, not on the one
thread that owns the read-write connection: such a job gets a ``Read`` and calls
``read(job)`` for each piece of data, which runs ``job(db)`` on the database worker and
returns its result (ui/tasks.py). The command line has no worker: it passes the
database itself, which ``reader`` turns into a ``Read`` that runs jobs directly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

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
    """``source`` if it already reads through a worker; a database read directly. (A
    ``Read`` is callable, a database is not: the ledger's own database object,
    ``storage.db.LedgerDatabase``, is no sqlite-utils ``Database``.)"""
    return source if callable(source) else _Direct(source)
