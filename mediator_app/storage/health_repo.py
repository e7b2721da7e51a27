"""The steps of ``check`` (issue 13): SQLite's ``quick_check`` by default (seconds at
1,000,000 cases; it verifies every page and row but not that each index matches its
table), ``integrity_check`` and the monthly counts against the cases with ``--full``
(a minute at 1M). Each step is one call so that the service can report progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mediator_app.storage.counts_repo import CountsRepository
from mediator_app.storage.db import current_state, integrity_check, record_verified
from mediator_app.storage.migrations import migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

Step = Callable[[], list[str]]


def _pragma(db: Database, pragma: str) -> list[str]:
    return [r[0] for r in db.execute(f"PRAGMA {pragma}").fetchall() if r[0] != "ok"]


def _foreign_keys(db: Database) -> list[str]:
    return [f"foreign key: table {r[0]} rowid {r[1]} -> {r[2]}"
            for r in db.execute("PRAGMA foreign_key_check").fetchall()]


def _counts(db: Database) -> list[str]:
    diffs = CountsRepository(db).differences()
    if not diffs:
        return []
    first = diffs[0]
    return [f"monthly counts (case_counts) differ from the cases in {len(diffs)} rows, "
            f"e.g. {first[0]} {first[1]} {first[2]} {first[3]} {first[4]}: counted "
            f"{first[5]}, stored {first[6]}"]


def check_steps(db: Database, *, full: bool) -> list[Step]:
    """The steps of a check; each returns its problems ([] when fine). A whole-file
    check that finds nothing is remembered for the opening health check
    (``storage.health_record``: the file's state is taken before it starts)."""
    state = current_state(db.conn)

    def remembered(problems: list[str]) -> list[str]:
        if not problems:
            record_verified(db.conn, state)
        return problems

    if full:
        return [lambda: remembered(integrity_check(db)), lambda: _counts(db)]

    def pending() -> list[str]:
        names = [m.name for m in migrations.pending(db)]
        return ["pending migrations: " + ", ".join(names)] if names else []

    return [lambda: remembered(_pragma(db, "quick_check")), lambda: _foreign_keys(db), pending]
