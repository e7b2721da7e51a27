"""Export of cases.csv v1 (the command line's ``cases export``, the window's export,
``cases.csv`` inside packages).

Kept apart from ``case_exchange`` (import, packages, .xlsx) so that a CSV export loads
only what it needs (issue 13: importing the whole exchange service pulled in sqlite-utils,
the import machinery and the .xlsx writer, ~0.1 s of every export's start)."""

from __future__ import annotations

import contextlib
import csv
import sqlite3
from collections.abc import Generator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from mediator_app.domain.access import Action
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.progress import Progress
from mediator_app.services import permissions
from mediator_app.storage.exchange_repo import EXPORT_HEADER, ExchangeRepository
from mediator_app.storage.files import atomic_text

if TYPE_CHECKING:
    from sqlite_utils import Database


def iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def check_scope(repo: ExchangeRepository, scope: str | None) -> None:
    if scope and not repo.unit_exists(scope):
        raise DomainError(Problem("scope", "unknown_code", {"value": scope, "table": "org_unit"}))


def batches(cursor: sqlite3.Cursor, progress: Progress | None
            ) -> Generator[list[Any], None, None]:
    """The cursor's rows a batch at a time, reporting the running count to ``progress``;
    the cursor is closed at the end (also when the caller stops early)."""
    written = 0
    try:
        while rows := cursor.fetchmany():
            yield rows
            written += len(rows)
            if progress is not None:
                progress(written, 0)
    finally:
        cursor.close()


def export_cases(db: Database, out: str | Path, *, scope: str | None = None,
                 date_from: date | str | None = None, date_to: date | str | None = None,
                 progress: Progress | None = None) -> int:
    """Write every case in scope (tombstones included) as cases.csv v1: UTF-8 with BOM,
    every field quoted, CRLF line ends. Returns the number of rows written. The file
    appears only when complete (written next to it, then renamed)."""
    scope = permissions.scope_for(db, Action.EXPORT, scope)  # issue 9
    check_scope(ExchangeRepository(db), scope)
    with atomic_text(out, encoding="utf-8-sig", newline="") as fh:
        return write_cases_csv(db, fh, scope=scope, date_from=date_from, date_to=date_to,
                               progress=progress)


def write_cases_csv(db: Database, fh: TextIO, *, scope: str | None = None,
                    date_from: date | str | None = None, date_to: date | str | None = None,
                    progress: Progress | None = None) -> int:
    """cases.csv v1 into the open text stream ``fh`` (see export_cases); free-text
    cells are neutralised against formula injection (domain.spreadsheet)."""
    repo = ExchangeRepository(db)
    check_scope(repo, scope)
    lines = repo.export_lines(scope, iso(date_from), iso(date_to))
    written = 0
    with contextlib.closing(lines):
        csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerow(EXPORT_HEADER)
        fh.flush()  # the BOM and the header; then the lines as SQLite made them (UTF-8)
        raw = fh.buffer
        for count, data in lines:
            raw.write(data)
            written += count
            if progress is not None:
                progress(written, 0)
    return written
