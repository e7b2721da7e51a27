"""Case exchange format v1 (cases.csv): import with merge by ``case_id`` and export.

Import is all-or-nothing: every file is read inside one transaction, rows are written
chunk by chunk as they are validated (so later rows are checked against earlier ones),
and the transaction is rolled back when any problem was found or on a dry run. Merge
rules: a new ``case_id`` is inserted; a known one is replaced only when the row's
``updated_at`` is newer (compared as aware datetimes), equal is "unchanged", older is
"stale". ``deleted=1`` rows are tombstones and travel like any other row.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from mediator_app.domain.errors import DomainError, Problem
from mediator_app.services.case_rows import FORMAT_COLUMNS, Lookups, RowParser
from mediator_app.services.csv_io import (
    CsvImportError,
    CsvProblem,
    CsvReader,
    CsvRow,
    FileInfo,
    ProblemList,
    header_aliases,
    header_problems,
    inspect_file,
    map_header,
    shape_problem,
)
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.exchange_repo import EXPORT_HEADER, ExchangeRepository

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
CHUNK_ROWS = 10_000
BULK_FTS_ROWS = 50_000  # above this many new rows, rebuild the FTS index once instead
CASE_ALIASES = header_aliases(FORMAT_COLUMNS, {"amount": "amount_yuan", "涉及金额": "amount_yuan",
                                               "金额(元)": "amount_yuan", "案件编号": "case_no"})


@dataclass
class FileCounts:
    file: str
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    errors: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "rows": self.rows, "new": self.new, "updated": self.updated,
                "unchanged": self.unchanged, "stale": self.stale, "errors": self.errors}


@dataclass
class ImportResult:
    files: list[FileCounts] = field(default_factory=list)
    dry_run: bool = False
    problems: list[CsvProblem] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)


class ImportCancelled(Exception):
    pass


class _Rollback(Exception):
    pass


@dataclass
class _Run:
    repo: ExchangeRepository
    parser: RowParser
    problems: ProblemList
    progress: Progress | None
    cancel: Cancel | None
    total_bytes: int
    names: list[str] = field(default_factory=list)
    done_bytes: int = 0
    next_id: int = 1


def import_cases(db: Database, paths: Sequence[str | Path], *, dry_run: bool = False,
                 progress: Progress | None = None, cancel: Cancel | None = None,
                 today: date | None = None) -> ImportResult:
    """Import cases.csv files in one transaction. Raises CsvImportError (with
    ``.result`` holding the counts) when any problem is found; nothing is written then,
    nor on a dry run. Raises ImportCancelled when ``cancel()`` turns true."""
    infos = _inspect_all(paths)
    repo = ExchangeRepository(db)
    run = _Run(repo, RowParser(Lookups.load(repo), today or date.today()), ProblemList(),
               progress, cancel, sum(i.size for i in infos), [i.name for i in infos])
    result = ImportResult(dry_run=dry_run)
    cache = repo.begin_import()
    try:
        with db.atomic():
            run.next_id = repo.next_rowid()
            _import_all(db, run, infos, result)
            if run.problems.total or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    finally:
        repo.end_import(cache)
    result.problems = run.problems.sorted_items()
    if run.problems.total:
        error = CsvImportError(result.problems, run.problems.total)
        error.result = result  # type: ignore[attr-defined]
        raise error
    return result


def _inspect_all(paths: Sequence[str | Path]) -> list[FileInfo]:
    infos, problems = [], ProblemList()
    for path in paths:
        try:
            infos.append(inspect_file(path))
        except CsvImportError as exc:
            for p in exc.problems:
                problems.add(p)
    problems.raise_if_any()
    return infos


def _import_all(db: Database, run: _Run, infos: list[FileInfo], result: ImportResult) -> None:
    triggers = run.repo.drop_fts_triggers() if _bulk(run, infos) else None
    for file_no, info in enumerate(infos):
        counts = FileCounts(info.name)
        result.files.append(counts)
        _import_file(run, file_no, info, counts)
        run.done_bytes += info.size
        counts.errors = run.problems.rows_with_errors(info.name)
    if triggers is not None and not run.problems.total and not result.dry_run:
        run.repo.restore_fts(triggers)
    if not run.problems.total and not result.dry_run:
        audit = AuditRepository(db)
        for info, counts in zip(infos, result.files, strict=True):
            record = {"kind": "cases", "sha256": info.sha256, **counts.as_dict()}
            audit.record("import", Path(info.name).name, "import", "cases.csv",
                         new=json.dumps(record, ensure_ascii=False))


def _bulk(run: _Run, infos: list[FileInfo]) -> bool:
    """A big import into a small table: drop the FTS triggers, rebuild once at the end."""
    estimated_rows = sum(i.size for i in infos) // 200
    return estimated_rows > BULK_FTS_ROWS and run.repo.case_count() < estimated_rows


def _import_file(run: _Run, file_no: int, info: FileInfo, counts: FileCounts) -> None:
    try:
        with CsvReader(info) as reader:
            order = _column_order(run, info, reader.read_header())
            if order is None:
                return
            width, chunk = len(reader.header), []
            for row in reader.rows():
                counts.rows += 1
                if (shape := shape_problem(info.name, row, width)) is not None:
                    run.problems.add(shape)
                    continue
                chunk.append(row)
                if len(chunk) >= CHUNK_ROWS:
                    _chunk(run, file_no, info, order, chunk, counts)
                    _tick(run, info, reader)
                    chunk = []
            _chunk(run, file_no, info, order, chunk, counts)
    except CsvImportError as exc:
        for p in exc.problems:
            run.problems.add(p)


def _tick(run: _Run, info: FileInfo, reader: CsvReader) -> None:
    if run.cancel is not None and run.cancel():
        raise ImportCancelled
    if run.progress is not None:
        run.progress(min(run.done_bytes + reader.position(), run.total_bytes), run.total_bytes)


def _column_order(run: _Run, info: FileInfo, header: list[str]) -> list[int] | None:
    mapped = map_header(header, CASE_ALIASES)
    problems = header_problems(info.name, mapped, FORMAT_COLUMNS)
    for p in problems:
        run.problems.add(p)
    return None if problems else [mapped.columns[k] for k in FORMAT_COLUMNS]


# --- one chunk of rows -----------------------------------------------------------------


@dataclass
class _Parsed:
    line: int
    values: tuple[Any, ...]  # IMPORT_COLUMNS order
    stamp: datetime
    rowid: int = 0

    @property
    def case_id(self) -> str:
        return str(self.values[0])


def _chunk(run: _Run, file_no: int, info: FileInfo, order: list[int], rows: list[CsvRow],
           counts: FileCounts) -> None:
    parsed = _parse_rows(run, info, order, rows)
    existing = run.repo.existing([p.case_id for p in parsed])
    seen = run.repo.seen([v[0] for v in existing.values()]) if existing else {}
    inserts: list[_Parsed] = []
    updates: list[_Parsed] = []
    local: dict[str, int] = {}
    for p in parsed:
        stored = existing.get(p.case_id)
        other = local.get(p.case_id) or _same_file_line(seen, stored, file_no)
        if other:
            _add(run, info, order, p.line, "case_id", "duplicate_in_file",
                 {"value": p.case_id, "other_line": other})
            continue
        local[p.case_id] = p.line
        _classify(run, p, stored, inserts, updates, counts)
    run.repo.mark_seen((p.rowid, file_no, p.line) for p in parsed if local.get(p.case_id) == p.line)
    _write(run, info, order, inserts, updates)


def _same_file_line(seen: dict[int, tuple[int, int]], stored: tuple[int, str] | None,
                    file_no: int) -> int | None:
    where = seen.get(stored[0]) if stored is not None else None
    return where[1] if where is not None and where[0] == file_no else None


def _parse_rows(run: _Run, info: FileInfo, order: list[int], rows: list[CsvRow]) -> list[_Parsed]:
    parsed = []
    for row in rows:
        values, stamp, problems = run.parser.parse([row.cells[i] for i in order])
        for column, problem in problems:
            col = order[column] + 1 if column is not None else None
            run.problems.add(CsvProblem(info.name, row.line, col, problem.field,
                                        problem.code, problem.params))
        if values is not None and stamp is not None:
            parsed.append(_Parsed(row.line, values, stamp))
    return parsed


def _classify(run: _Run, p: _Parsed, stored: tuple[int, str] | None, inserts: list[_Parsed],
              updates: list[_Parsed], counts: FileCounts) -> None:
    if stored is None:
        p.rowid, run.next_id = run.next_id, run.next_id + 1
        inserts.append(p)
        counts.new += 1
        return
    p.rowid = stored[0]
    old = RowParser.stamp_of(stored[1])
    if old is None or p.stamp > old:
        updates.append(p)
        counts.updated += 1
    elif p.stamp == old:
        counts.unchanged += 1
    else:
        counts.stale += 1


def _add(run: _Run, info: FileInfo, order: list[int], line: int, name: str, code: str,
         params: dict[str, Any]) -> None:
    column = order[FORMAT_COLUMNS.index(name)] + 1
    run.problems.add(CsvProblem(info.name, line, column, name, code, params))


def _write(run: _Run, info: FileInfo, order: list[int], inserts: list[_Parsed],
           updates: list[_Parsed]) -> None:
    """Write the chunk (also after problems were found, so that later rows are checked
    against it; the transaction is rolled back then). When SQLite refuses a row (a case
    number already taken), find the rows one at a time and report them."""
    run.repo.savepoint("import_chunk")
    try:
        run.repo.insert_cases([(p.rowid, *p.values) for p in inserts])
        run.repo.update_cases([p.values for p in updates])
    except sqlite3.IntegrityError:
        run.repo.rollback_to("import_chunk")
        for p in inserts:
            _write_one(run, info, order, p, insert=True)
        for p in updates:
            _write_one(run, info, order, p, insert=False)
    else:
        run.repo.release("import_chunk")


def _write_one(run: _Run, info: FileInfo, order: list[int], p: _Parsed, *,
               insert: bool) -> None:
    try:
        if insert:
            run.repo.insert_cases([(p.rowid, *p.values)])
        else:
            run.repo.update_cases([p.values])
    except sqlite3.IntegrityError:
        committee, year, number = p.values[3], p.values[2], p.values[1]
        holder = run.repo.number_holder(committee, year, number)
        where = run.repo.seen([holder[0]]).get(holder[0]) if holder else None
        if where is not None:
            _add(run, info, order, p.line, "case_no", "case_no.duplicate_in_file",
                 {"case_no": number, "other_file": run.names[where[0]], "other_line": where[1]})
        else:
            _add(run, info, order, p.line, "case_no", "case_no.duplicate",
                 {"case_no": number, "committee": committee, "year": year})


# --- export ----------------------------------------------------------------------------


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def export_cases(db: Database, out: str | Path, *, scope: str | None = None,
                 date_from: date | str | None = None, date_to: date | str | None = None,
                 progress: Progress | None = None) -> int:
    """Write every case in scope (tombstones included) as cases.csv v1: UTF-8 with BOM,
    every field quoted, CRLF line ends. Returns the number of rows written. The file
    appears only when complete (written next to it, then renamed)."""
    repo = ExchangeRepository(db)
    if scope and not repo.unit_exists(scope):
        raise DomainError(Problem("scope", "unknown_code", {"value": scope, "table": "org_unit"}))
    target = Path(out)
    partial = target.with_name(target.name + ".part")
    cursor = repo.export_cursor(scope, _iso(date_from), _iso(date_to))
    written = 0
    try:
        with partial.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerow(EXPORT_HEADER)
            while rows := cursor.fetchmany():
                fh.write("\r\n".join([r[0] for r in rows]))
                fh.write("\r\n")
                written += len(rows)
                if progress is not None:
                    progress(written, 0)
        os.replace(partial, target)
    finally:
        cursor.close()
        partial.unlink(missing_ok=True)
    return written
