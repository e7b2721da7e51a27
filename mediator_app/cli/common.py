"""What every command receives: the resolved database path and the language."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mediator_app.cli.login import logged_in
from mediator_app.cli.texts import text
from mediator_app.domain.periods import parse_date
from mediator_app.services import ledger
from mediator_app.services.ledger import StorageError

if TYPE_CHECKING:
    from sqlite_utils import Database

# storage.db (and with it sqlite-utils) is imported when a command opens the ledger, not
# at start-up: `--help` stays quick (issue 13).
ENV_DB = "MEDIATOR_APP_DB"  # the same name as storage.db.ENV_DB (a test keeps them equal)

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
        if env:
            return Path(env)
        return ledger.default_db_path()


@contextmanager
def opened(path: Path, *, create: bool, waits: str | None = None) -> Iterator[Database]:
    """The migrated database; without ``create`` a missing file is an error (exit 3).
    An encrypted ledger is opened after the login (``cli.login``; exit 4 on failure).

    With ``create`` a missing file is made (never its folder) and, when the command then
    fails, deleted again unless something was written to it. ``waits`` (the language)
    makes write transactions wait for another program's write, saying so on stderr."""
    if not create and not path.exists():
        raise StorageError("db.missing", path=str(path))
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)

    entered = created = False
    try:
        with logged_in(path, create=create) as session:
            entered, created = True, session.handle.created
            if waits is not None:
                session.db.on_wait = waiting_message(waits)  # type: ignore[attr-defined]
            yield session.db
    except ledger.SQLITE_ERRORS as exc:  # no access, locked, a folder … (sqlite3 too)
        if created:
            ledger.remove_if_unused(path)
        if entered:
            raise
        raise StorageError("db.unreadable", path=str(path), detail=str(exc)) from exc
    except BaseException:
        if created:
            ledger.remove_if_unused(path)
        raise


def waiting_message(lang: str) -> Callable[[float], None]:
    """Says on stderr, about every five seconds, that the command waits for another
    program's write to finish."""
    last = [-5.0]

    def report(seconds: float) -> None:
        if seconds - last[0] >= 5 or last[0] < 0:
            last[0] = seconds
            print(text("db.waiting", lang, seconds=int(seconds)), file=sys.stderr, flush=True)

    return report


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
