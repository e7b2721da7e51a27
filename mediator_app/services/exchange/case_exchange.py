"""Case exchange: import of cases.csv v1 files and exchange packages (.zip) with merge
by ``case_id``, export of cases.csv / .xlsx / packages, and the import log.

Import is all-or-nothing: every file is read inside one transaction (package org units
and committees first, then the cases), and the transaction is rolled back when any
problem was found or on a dry run (the counts and the receiver's totals before and
after are still reported). Merge rules: see services/exchange/case_merge.py and docs/exchange.md.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.messages import field_label
from mediator_app.domain.progress import CancelCheck, Cancelled, Progress
from mediator_app.reports.xlsx import TextWorkbook, scratch_folder
from mediator_app.services import permissions
from mediator_app.services.csv_io import (
    CsvImportError,
    CsvProblem,
    FileInfo,
    ProblemList,
    inspect_file,
)
from mediator_app.services.exchange import case_merge, sealed_packages
from mediator_app.services.exchange.case_export import batches, check_scope, iso
from mediator_app.services.exchange.case_export import export_cases as export_cases
from mediator_app.services.exchange.case_export import write_cases_csv as write_cases_csv
from mediator_app.services.exchange.case_merge import (
    CASE_ALIASES,
    MergeRun,
    estimate_new_rows,
    merge_file,
)
from mediator_app.services.exchange.case_rows import Lookups, RowParser
from mediator_app.services.exchange.import_types import (
    Conflict,
    FileCounts,
    ImportLogEntry,
    ImportResult,
    ImportWarning,
)
from mediator_app.services.exchange.package import (
    Package,
    is_package,
    open_package,
    totals_dict,
)
from mediator_app.services.exchange.package_import import (
    apply_personal,
    apply_records,
    duplicate_warnings,
    load_stats,
    merge_org,
    package_info,
)
from mediator_app.services.exchange.package_subsidy import apply_side_files
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.convert import now_iso
from mediator_app.storage.counts_repo import CountsRepository
from mediator_app.storage.exchange_repo import EXPORT_HEADER, ExchangeRepository
from mediator_app.storage.files import atomic_binary
from mediator_app.storage.package_repo import LOG_COUNTS, PackageRepository

BULK_FTS_ROWS = 50_000  # above this many new rows, rebuild the FTS index once instead
DROP_INDEXES = True  # in a bulk import, also rebuild the non-unique case indexes once
# Page cache of a bulk import (KiB). SQLite's sorter keeps as much again in memory while
# it builds an index, so the peak is about twice this plus Python; temp data (the
# sorter's overflow, the import's temp tables) goes to temp files, which the OS caches.
# Issue 13: 128 MiB with in-memory temp data peaked at 381-393 MiB at 1M cases, 64 MiB
# throughout at 265 MiB.
BULK_CACHE_KIB = 65536
SORT_CACHE_KIB = 32768  # while the indexes are built at the end (the sorts' buffers)
CHUNK_ROWS = case_merge.CHUNK_ROWS  # (tests patch case_merge.CHUNK_ROWS)

__all__ = [
    "CASE_ALIASES", "Conflict", "FileCounts", "Cancelled", "ImportLogEntry",
    "ImportResult", "ImportSource", "ImportWarning", "export_cases", "export_cases_xlsx",
    "import_cases", "list_imports",
]


class _Rollback(Exception):
    pass


@dataclass
class ImportSource:
    """One path given to import_cases: a bare cases.csv or a package; or a sheet of an
    old ledger (``ledger``: a services.ledger_import.importer.LedgerSource)."""

    name: str
    sha256: str
    cases: FileInfo
    package: Package | None = None
    ledger: Any = None

    @property
    def kind(self) -> str:
        return "ledger" if self.ledger is not None else "package" if self.package \
            else "cases.csv"



def import_cases(db: Database, paths: Sequence[str | Path], *, dry_run: bool = False,
                 progress: Progress | None = None, cancel: CancelCheck | None = None,
                 today: date | None = None,
                 package_password: str | None = None) -> ImportResult:
    """Import cases.csv files and packages in one transaction. Raises CsvImportError
    (with ``.result`` holding the counts) when any problem is found; nothing is written
    then, nor on a dry run. Raises Cancelled when ``cancel()`` turns true."""
    permissions.require(db, Action.IMPORT)
    with ExitStack() as stack:  # packages are read from their zip, never unpacked
        sources = _open_sources(paths, stack, package_password)
        with permissions.guarded(db, Action.IMPORT):  # issue 9: rows outside the scope
            return _import_sources(db, sources, dry_run, progress, cancel,
                                   today or date.today())


def _sealed_stream(path: str | Path, password: str | None,
                   stack: ExitStack) -> IO[bytes] | None:
    """The zip inside a sealed package (issue 9), read straight from the sealed file
    (no plain copy is written); None for other files. Without a password a sealed
    package reads as a damaged zip."""
    if (password is None or Path(path).suffix.lower() != ".zip"
            or not sealed_packages.is_sealed(path)):
        return None
    return stack.enter_context(sealed_packages.open_sealed(path, password))


def import_prepared(db: Database, sources: list[ImportSource], *, dry_run: bool,
                    progress: Progress | None, cancel: CancelCheck | None,
                    today: date) -> ImportResult:
    """``import_cases`` for sources opened by the caller (the ledger import): the same
    right and scope guard as ``import_cases`` (issue 9)."""
    permissions.require(db, Action.IMPORT)
    with permissions.guarded(db, Action.IMPORT):
        return _import_sources(db, sources, dry_run, progress, cancel, today)


def _open_sources(paths: Sequence[str | Path], stack: ExitStack,
                  package_password: str | None = None) -> list[ImportSource]:
    sources, problems = [], ProblemList()
    for path in paths:
        try:
            if is_package(path):
                pkg = open_package(path, str(path), stream=_sealed_stream(
                    path, package_password, stack))
                stack.callback(pkg.close)
                sources.append(ImportSource(pkg.name, pkg.sha256, package_info(pkg, "cases.csv"),
                                       pkg))
            else:
                info = inspect_file(path)
                sources.append(ImportSource(info.name, info.sha256, info))
        except CsvImportError as exc:
            for p in exc.problems:
                problems.add(p)
    problems.raise_if_any()
    return sources


def _import_sources(db: Database, sources: list[ImportSource], dry_run: bool,
                    progress: Progress | None, cancel: CancelCheck | None,
                    today: date) -> ImportResult:
    repo = ExchangeRepository(db)
    run = MergeRun(repo, RowParser(Lookups({}, {}, {}, {}), today), ProblemList(), progress,
                   cancel, sum(s.cases.size for s in sources), [s.cases.name for s in sources])
    result = ImportResult(dry_run=dry_run)
    run.bulk = bulk = _bulk(run, sources)
    cache = repo.begin_import(BULK_CACHE_KIB if bulk else 32768)
    try:
        with db.atomic(), _no_cycle_collection():
            _run_import(db, run, sources, result)
            if run.problems.total or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    finally:
        repo.end_import(cache)
    result.problems = run.problems.sorted_items()
    result.conflicts = run.conflicts
    if run.problems.total:
        error = CsvImportError(result.problems, run.problems.total)
        error.result = result  # type: ignore[attr-defined]
        raise error
    return result


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the rows are read: an import allocates
    tuples and lists by the million, none of them in a cycle (freed by their reference
    counts), and the collector ran ~700 times per 100,000 rows scanning them (issue 13:
    0.27 s of 4 s of CPU). Whatever cycles are made meanwhile are collected when it is
    switched back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run_import(db: Database, run: MergeRun, sources: list[ImportSource],
                result: ImportResult) -> None:
    repo = run.repo
    result.totals_before = totals_dict(repo.totals())
    warned = [0] * len(sources)
    for n, source in enumerate(sources):
        if source.package is not None:
            before = len(result.warnings)
            merge_org(db, source.package, run.problems, result.warnings)
            warned[n] = len(result.warnings) - before
    if run.problems.total:
        return
    run.parser = RowParser(Lookups.load(repo), run.parser.today, run.parser.now)
    run.next_id = repo.next_rowid()
    bulk = run.bulk
    triggers = repo.drop_fts_triggers() if bulk else None
    indexes = repo.drop_secondary_indexes() if bulk and DROP_INDEXES else []
    # Monthly counts (issue 13): new rows are counted in one GROUP BY at the end instead
    # of by the insert trigger row by row; edits keep their trigger.
    monthly, first_new = CountsRepository(db), run.next_id
    counts_trigger = monthly.drop_insert_trigger() if bulk else None
    for file_no, source in enumerate(sources):
        before = len(result.warnings)
        result.files.append(counts := FileCounts(source.name))
        _merge_source(db, run, file_no, source, counts, result)
        counts.errors = run.problems.count_for(source.name)
        counts.warnings = warned[file_no] + len(result.warnings) - before
        run.done_bytes += source.cases.size
    if run.problems.total:
        return
    if bulk and not result.dry_run:  # sorts from here on: a smaller cache, same peak
        repo.set_cache(SORT_CACHE_KIB)
    if counts_trigger is not None and not result.dry_run:
        monthly.add_rows(first_new, 2**62)
        monthly.restore_insert_trigger(counts_trigger)
    if triggers is not None and not result.dry_run:
        repo.restore_fts(triggers)
    if indexes and not result.dry_run:
        repo.create_indexes(indexes)
    result.totals_after = totals_dict(repo.totals())
    if not result.dry_run:
        _record(db, sources, result)


def _merge_source(db: Database, run: MergeRun, file_no: int, source: ImportSource,
                  counts: FileCounts, result: ImportResult) -> None:
    if source.ledger is not None:
        source.ledger.merge(db, run, file_no, counts, result)
        return
    pkg = source.package
    run.stats = load_stats(run.repo, pkg, run.problems) if pkg is not None else False
    merge_file(run, file_no, source.cases, counts)
    if pkg is None or run.problems.total:
        if not run.problems.total:
            apply_side_files(db, None, file_no, run.problems)
        return
    expected = int(pkg.manifest.files["cases.csv"]["rows"])
    if counts.rows != expected:
        run.problems.add(CsvProblem(source.cases.name, None, None, "", "package.row_count",
                                    {"file": "cases.csv", "expected": expected,
                                     "actual": counts.rows}))
        return
    personal = apply_personal(db, pkg, file_no, run.problems)
    apply_records(db, pkg, file_no, run.problems)
    apply_side_files(db, pkg, file_no, run.problems)  # 以案定补: classes, files, mediators
    if personal and not run.problems.total:
        duplicate_warnings(db, result.warnings)


def _bulk(run: MergeRun, sources: list[ImportSource]) -> bool:
    """More new rows than the ledger holds (and above BULK_FTS_ROWS): drop the FTS
    triggers and the secondary indexes, rebuild them once at the end. New rows are
    estimated from a sample (a package merged again is not a bulk import)."""
    new_rows = sum(s.ledger.estimate_new_rows(run.repo) if s.ledger is not None
                   else estimate_new_rows(run.repo, s.cases) for s in sources)
    return new_rows > BULK_FTS_ROWS and run.repo.case_count() < new_rows


def _record(db: Database, sources: list[ImportSource], result: ImportResult) -> None:
    """The import log (and, as before, the audit log) for every file of the import."""
    audit, log, at = AuditRepository(db), PackageRepository(db), now_iso()
    for source, counts in zip(sources, result.files, strict=True):
        record = {"kind": "cases", "sha256": source.sha256, **counts.as_dict()}
        audit.record("import", Path(source.name).name, "import",
                     "ledger" if source.ledger is not None else "cases.csv",
                     new=json.dumps(record, ensure_ascii=False))
        manifest = source.package.manifest if source.package else None
        unit = manifest.source_unit if manifest else {}
        details = {"totals_before": result.totals_before, "totals_after": result.totals_after,
                   "manifest": manifest.to_dict() | {"files": None} if manifest else None}
        if source.ledger is not None:
            details.update(source.ledger.details())
        log.log_import({"at": at, "user": audit.user, "file": Path(source.name).name,
                        "sha256": source.sha256, "kind": source.kind,
                        "source_unit": " ".join(filter(None, (unit.get("code"),
                                                              unit.get("name")))),
                        "dry_run": 0, **{k: getattr(counts, k) for k in LOG_COUNTS},
                        "details": json.dumps(details, ensure_ascii=False)})


def list_imports(db: Database, limit: int | None = None) -> list[ImportLogEntry]:
    """Past imports, the latest first (their files and counts: for those who may import)."""
    permissions.require(db, Action.IMPORT)
    out = []
    for row in PackageRepository(db).import_log(limit):
        row["dry_run"] = bool(row["dry_run"])
        row["details"] = json.loads(row["details"] or "{}")
        out.append(ImportLogEntry(**row))
    return out


# --- export ----------------------------------------------------------------------------


def export_cases_xlsx(db: Database, out: str | Path, *, scope: str | None = None,
                      date_from: date | str | None = None, date_to: date | str | None = None,
                      progress: Progress | None = None) -> int:
    """The cases.csv v1 columns as an .xlsx of text cells (Chinese column labels, which
    the CSV import also reads once the sheet is saved as CSV). Returns the row count."""

    scope = permissions.scope_for(db, Action.EXPORT, scope)  # issue 9
    repo = ExchangeRepository(db)
    check_scope(repo, scope)
    cursor = repo.export_rows(scope, iso(date_from), iso(date_to))
    written = 0
    with contextlib.closing(batches(cursor, progress)) as batch_rows, atomic_binary(out) as fh, \
            TextWorkbook(fh, scratch=scratch_folder(out)) as book:
        # no widths given: measured on the header and the first rows (CJK counts two)
        sheet = book.sheet("cases", [field_label(h, "zh") for h in EXPORT_HEADER])
        for rows in batch_rows:
            for row in rows:
                sheet.add_row([str(v) for v in row])
            written += len(rows)
    return written
