"""Merging one cases.csv (bare or from a package) into the ledger, chunk by chunk,
inside the caller's transaction.

A new ``case_id`` is inserted; a known one is replaced when the row's ``updated_at`` is
later (compared as instants); an earlier one is *stale*; the same instant with the same
content is *unchanged*, with other content a *conflict* (listed, the local copy kept).
Rows are written as they are validated (so later rows are checked against earlier
ones); the caller rolls back when any problem was found."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mediator_app.domain.progress import CancelCheck, Cancelled, Progress
from mediator_app.services.csv_io import (
    CsvImportError,
    CsvProblem,
    CsvReader,
    CsvRow,
    FileInfo,
    ProblemList,
    control_problem,
    header_aliases,
    header_problems,
    map_header,
    shape_problem,
)
from mediator_app.services.exchange.case_rows import FORMAT_COLUMNS, OPTIONAL_COLUMNS, RowParser
from mediator_app.services.exchange.import_types import (
    MAX_LISTED,
    Conflict,
    FileCounts,
)
from mediator_app.storage.account_repo import SCOPE_GUARD
from mediator_app.storage.crypto import IntegrityErrors
from mediator_app.storage.exchange_repo import (
    COMPARED_COLUMNS,
    DEFAULT_STATS,
    IMPORT_COLUMNS,
    ExchangeRepository,
)

CHUNK_ROWS = 10_000
CASE_ALIASES = header_aliases((*FORMAT_COLUMNS, *OPTIONAL_COLUMNS), {
    "amount": "amount_yuan", "涉及金额": "amount_yuan", "金额(元)": "amount_yuan",
    "案件编号": "case_no"})
# (position in the import tuple, cases.csv key) of the columns compared for conflicts.
_COMPARED = [(IMPORT_COLUMNS.index(c), "amount_yuan" if c == "amount_fen" else c)
             for c in COMPARED_COLUMNS]
_STAMP = IMPORT_COLUMNS.index("updated_at")


@dataclass
class MergeRun:
    repo: ExchangeRepository
    parser: RowParser
    problems: ProblemList
    progress: Progress | None
    cancel: CancelCheck | None
    total_bytes: int
    names: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    done_bytes: int = 0
    next_id: int = 1
    stats: bool = False  # take the statistical columns from temp.import_stats
    bulk: bool = False  # a big import of mostly new rows (see case_exchange._bulk)
    # A ledger import (services.ledger_import.importer): rows carry no time of their own, so the
    # content decides (see _classify_ledger); case_id -> the row's party names, or None
    # when the workbook gives no parties.
    ledger: bool = False
    party_names: dict[str, str] | None = None


SAMPLE_ROWS = 2000


def estimate_new_rows(repo: ExchangeRepository, info: FileInfo) -> int:
    """About how many rows of ``info`` are new to the ledger: the file's row count
    (its size over the size of the first ``SAMPLE_ROWS`` rows, quoted as exported) times
    the share of those rows' case ids the ledger does not hold. A file that cannot be
    read counts as all new."""
    ids: list[str] = []
    encoding = info.encoding.replace("-sig", "")
    sampled = 0
    try:
        with CsvReader(info) as reader:
            mapped = map_header(reader.read_header(), CASE_ALIASES)
            column = mapped.columns.get("case_id")
            for row in reader.rows():
                cells = row.cells
                ids.append(cells[column].strip() if column is not None
                           and column < len(cells) else "")
                sampled += len(('"' + '","'.join(cells) + '"\r\n').encode(encoding, "replace"))
                if len(ids) >= SAMPLE_ROWS:
                    break
    except CsvImportError:
        return info.size // 200
    if not ids:
        return 0
    rows = len(ids) if len(ids) < SAMPLE_ROWS else info.size * len(ids) // max(sampled, 1)
    known = len(repo.existing([i for i in ids if i]))
    return rows * (len(ids) - known) // len(ids)


@dataclass(frozen=True)
class RowSource:
    """Where parsed rows come from, for the problems: the file label, the cell index of
    each cases.csv column in a row, and the 1-based column number to report for it
    (None: the value came from no column, e.g. a default of a ledger mapping)."""

    name: str
    order: list[int]
    columns: list[int | None]

    @classmethod
    def of_csv(cls, name: str, order: list[int]) -> RowSource:
        return cls(name, order, [i + 1 for i in order])


def merge_file(run: MergeRun, file_no: int, info: FileInfo, counts: FileCounts) -> None:
    try:
        with CsvReader(info) as reader:
            order = _column_order(run, info, reader.read_header())
            if order is None:
                return
            width = len(reader.header)
            source = RowSource.of_csv(info.name, order)
            keys = {i: name for name, i in zip((*FORMAT_COLUMNS, *OPTIONAL_COLUMNS),
                                                 order, strict=True) if i >= 0}

            def shaped() -> Iterator[CsvRow]:
                for row in reader.rows():
                    counts.rows += 1
                    if (shape := shape_problem(info.name, row, width)) is not None:
                        run.problems.add(shape)
                        continue
                    if row.control is not None:
                        if (bad := control_problem(info.name, row, keys)) is not None:
                            run.problems.add(bad)
                            continue
                    yield row

            merge_rows(run, file_no, source, shaped(), counts, reader.position)
    except CsvImportError as exc:
        for p in exc.problems:
            run.problems.add(p)


def merge_rows(run: MergeRun, file_no: int, source: RowSource, rows: Iterable[CsvRow],
               counts: FileCounts, position: Callable[[], int]) -> None:
    """Validate and write ``rows`` (cells as described by ``source``) chunk by chunk;
    ``position()`` tells the progress (bytes of the file done) after each chunk."""
    chunk: list[CsvRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK_ROWS:
            _chunk(run, file_no, source, chunk, counts)
            tick(run, position())
            chunk = []
    _chunk(run, file_no, source, chunk, counts)


def tick(run: MergeRun, position: int = 0) -> None:
    if run.cancel is not None and run.cancel():
        raise Cancelled
    if run.progress is not None:
        run.progress(min(run.done_bytes + position, run.total_bytes), run.total_bytes)


def _column_order(run: MergeRun, info: FileInfo, header: list[str]) -> list[int] | None:
    mapped = map_header(header, CASE_ALIASES)
    problems = header_problems(info.name, mapped, FORMAT_COLUMNS)
    for p in problems:
        run.problems.add(p)
    if problems:
        return None
    # optional columns: -1 when absent (the parser then sees no cell)
    return [mapped.columns[k] for k in FORMAT_COLUMNS] + [
        mapped.columns.get(k, -1) for k in OPTIONAL_COLUMNS]


@dataclass(slots=True)
class _Parsed:
    line: int
    values: tuple[Any, ...]  # IMPORT_COLUMNS order
    stamp: datetime
    case_id: str  # values[0] (read several times a row: a field, not a property)
    rowid: int = 0
    written: int = 0


def _chunk(run: MergeRun, file_no: int, source: RowSource, rows: list[CsvRow],
           counts: FileCounts) -> None:
    parsed = _parse_rows(run, source, rows)
    existing = run.repo.existing([p.case_id for p in parsed],
                                 with_party_names=run.party_names is not None)
    seen = run.repo.seen([v[0] for v in existing.values()]) if existing else {}
    inserts: list[_Parsed] = []
    updates: list[_Parsed] = []
    local: dict[str, int] = {}
    for p in parsed:
        stored = existing.get(p.case_id)
        other = local.get(p.case_id)
        if other is None and stored is not None:
            other = _same_file_line(seen, stored, file_no)
        if other:
            _add(run, source, p.line, "case_id", "duplicate_in_file",
                 {"value": p.case_id, "other_line": other})
            continue
        local[p.case_id] = p.line
        _classify(run, source.name, p, stored, inserts, updates, counts)
    run.repo.mark_seen((p.rowid, file_no, p.line, p.written) for p in parsed
                       if local.get(p.case_id) == p.line)
    _write(run, source, inserts, updates)


def _same_file_line(seen: dict[int, tuple[int, int]], stored: tuple[Any, ...],
                    file_no: int) -> int | None:
    where = seen.get(stored[0])
    return where[1] if where is not None and where[0] == file_no else None


def _parse_rows(run: MergeRun, source: RowSource, rows: list[CsvRow]) -> list[_Parsed]:
    parsed = []
    parse = run.parser.parse
    order, columns = source.order, source.columns
    identity = order == list(range(len(order)))  # columns in export order
    absent = -1 in order
    for row in rows:
        cells = row.cells
        if identity:
            picked = cells
        elif absent:
            picked = [cells[i] if i >= 0 else "" for i in order]
        else:
            picked = [cells[i] for i in order]
        values, stamp, problems = parse(picked)
        for column, problem in problems:
            col = columns[column] if column is not None else None
            run.problems.add(CsvProblem(source.name, row.line, col, problem.field,
                                        problem.code, problem.params))
        if values is not None and stamp is not None:
            parsed.append(_Parsed(row.line, values, stamp, values[0]))
    return parsed


def _classify(run: MergeRun, file: str, p: _Parsed, stored: tuple[Any, ...] | None,
              inserts: list[_Parsed], updates: list[_Parsed], counts: FileCounts) -> None:
    if stored is None:
        p.rowid, run.next_id, p.written = run.next_id, run.next_id + 1, 1
        inserts.append(p)
        counts.new += 1
        return
    p.rowid = stored[0]
    if run.ledger:
        _classify_ledger(run, p, stored, updates, counts)
        return
    if stored[1] == p.values[_STAMP]:
        order = 0
    else:
        old = RowParser.stamp_of(stored[1])
        order = 1 if old is None or p.stamp > old else 0 if p.stamp == old else -1
    if order > 0:
        p.written = 1
        updates.append(p)
        counts.updated += 1
    elif order < 0:
        counts.stale += 1
    else:
        differ = [key for (i, key), old_value in zip(_COMPARED, stored[2:], strict=True)
                  if p.values[i] != old_value]
        if not differ:
            counts.unchanged += 1
            return
        counts.conflicts += 1
        if len(run.conflicts) < MAX_LISTED:
            run.conflicts.append(Conflict(file, p.line, p.case_id, str(stored[2]), differ))


def _classify_ledger(run: MergeRun, p: _Parsed, stored: tuple[Any, ...],
                     updates: list[_Parsed], counts: FileCounts) -> None:
    """A workbook row of a case already stored: the same content (party names too,
    when the workbook gives them) is *unchanged*; other content replaces the stored case
    unless the case was saved after the workbook (its ``updated_at`` is later than the
    row's, which is the workbook's time): then it is *stale* and kept."""
    same = all(p.values[i] == old for (i, _key), old in zip(_COMPARED, stored[2:],
                                                             strict=False))
    if run.party_names is not None:
        same = same and run.party_names.get(p.case_id, "") == stored[-1]
    if same:
        counts.unchanged += 1
        return
    old = RowParser.stamp_of(stored[1])
    if old is not None and old > p.stamp:
        counts.stale += 1
        return
    p.written = 1
    updates.append(p)
    counts.updated += 1


def _add(run: MergeRun, source: RowSource, line: int, name: str, code: str,
         params: dict[str, Any]) -> None:
    column = source.columns[FORMAT_COLUMNS.index(name)]
    run.problems.add(CsvProblem(source.name, line, column, name, code, params))


def _write(run: MergeRun, source: RowSource, inserts: list[_Parsed],
           updates: list[_Parsed]) -> None:
    """Write the chunk (also after problems were found, so that later rows are checked
    against it). When SQLite refuses a row (a case number already taken), find the rows
    one at a time and report them."""
    if run.stats:
        _add_stats(run, inserts + updates)
    run.repo.savepoint("import_chunk")
    try:
        run.repo.insert_cases([(p.rowid, *p.values) for p in inserts], stats=run.stats)
        run.repo.update_cases([p.values for p in updates], stats=run.stats)
    except IntegrityErrors:  # either driver (an encrypted ledger runs on sqlcipher3)
        run.repo.rollback_to("import_chunk")
        for p in inserts:
            _write_one(run, source, p, insert=True)
        for p in updates:
            _write_one(run, source, p, insert=False)
    else:
        run.repo.release("import_chunk")


def _add_stats(run: MergeRun, rows: list[_Parsed]) -> None:
    """Append the package's statistical columns (case_stats.csv) to each row."""
    stats = run.repo.stats_for([p.case_id for p in rows])
    for p in rows:
        p.values = (*p.values, *stats.get(p.case_id, DEFAULT_STATS))


def _write_one(run: MergeRun, source: RowSource, p: _Parsed, *, insert: bool) -> None:
    try:
        if insert:
            run.repo.insert_cases([(p.rowid, *p.values)], stats=run.stats)
        else:
            run.repo.update_cases([p.values], stats=run.stats)
    except IntegrityErrors as exc:
        if SCOPE_GUARD in str(exc):  # a row outside the user's scope (issue 9)
            raise
        committee, year, number = p.values[3], p.values[2], p.values[1]
        holder = run.repo.number_holder(committee, year, number)
        where = run.repo.seen([holder[0]]).get(holder[0]) if holder else None
        if where is not None:
            _add(run, source, p.line, "case_no", "case_no.duplicate_in_file",
                 {"case_no": number, "other_file": run.names[where[0]], "other_line": where[1]})
        else:
            _add(run, source, p.line, "case_no", "case_no.duplicate",
                 {"case_no": number, "committee": committee, "year": year})
