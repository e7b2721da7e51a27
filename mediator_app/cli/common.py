"""What every command receives: the resolved database path and the language."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from mediator_app.domain.periods import parse_date
from mediator_app.storage import crypto
from mediator_app.storage.db import ENV_DB, StorageError, default_db_path

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_STORAGE = 0, 1, 2, 3
EXIT_LOGIN, EXIT_DENIED = 4, 5  # issue 9: failed login; refused by role or scope


@dataclass
class Context:
    db_arg: str | None
    lang: str = "zh"

    @property
    def db_path(self) -> Path:
        """--db, else $MEDIATOR_APP_DB, else the default file in the user data dir."""
        if self.db_arg:
            return Path(self.db_arg)
        env = os.environ.get(ENV_DB)
        return Path(env) if env else default_db_path()


@contextmanager
def opened(path: Path, *, create: bool) -> Iterator[Database]:
    """The migrated database; without ``create`` a missing file is an error (exit 3).
    An encrypted ledger is opened after the login (``cli.login``; exit 4 on failure)."""
    if not create and not path.exists():
        raise StorageError("db.missing", path=str(path))
    from mediator_app.cli.login import logged_in_db

    with ExitStack() as stack:
        try:
            db = stack.enter_context(logged_in_db(path))
        except (sqlite3.Error, *crypto.AllErrors) as exc:  # not a database, a folder …
            raise StorageError("db.unreadable", path=str(path), detail=str(exc)) from exc
        yield db


def date_arg(text: str | None, field: str) -> date | None:
    return parse_date(text, field) if text else None


def stderr_progress(label: str) -> Callable[[int, int], None]:
    """Prints ``label done/total`` to stderr at most every 5 percent."""
    last = [-1]

    def report(done: int, total: int) -> None:
        step = int(done * 20 / total) if total else done // 10_000
        if step != last[0]:
            last[0] = step
            suffix = f"{done}/{total}" if total else str(done)
            print(f"{label} {suffix}", file=sys.stderr, flush=True)

    return report
