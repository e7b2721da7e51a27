"""Bringing an old ledger in: the rows of a workbook sheet (or a CSV file), read through
a mapping (services.ledger_import.mapping), become rows of cases.csv v1 and go through the same
validation, merge and transaction as ``cases import`` (services.exchange.case_exchange), plus the
parties named in the workbook.

Per row: each mapped column's cell becomes text (dates from Excel serial numbers or any
form ``parse_date`` reads), the office's words are replaced by labels (``values``),
``defaults`` fill what no column (or an empty cell) gives. A case whose status needs an
acceptance date and has none takes the registration date (ledgers keep one date). A case
without ``case_id`` gets one derived from committee, case number and registration date
(without a case number: from the date and the parties), so a second import of
the same workbook finds the same cases; the row's ``updated_at`` is the workbook's
modification time. A stored case with the same content is *unchanged*; other content
replaces it unless the case was saved in the program after the workbook (*stale*).
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from mediator_app.domain.access import Action
from mediator_app.domain.enums import CaseStatus, PartyKind, PartyRole
from mediator_app.domain.errors import DomainError
from mediator_app.domain.periods import parse_date
from mediator_app.domain.progress import CancelCheck, Progress
from mediator_app.services import permissions
from mediator_app.services.csv_io import (
    CONTROL_CHARACTERS,
    CsvImportError,
    CsvProblem,
    CsvRow,
    FileInfo,
    control_problem,
)
from mediator_app.services.exchange import case_exchange
from mediator_app.services.exchange.case_merge import MergeRun, RowSource, merge_rows, tick
from mediator_app.services.exchange.case_rows import _SHAPE, CHINA_TZ, FORMAT_COLUMNS
from mediator_app.services.exchange.import_types import FileCounts, ImportResult
from mediator_app.services.exchange.package_import import duplicate_warnings
from mediator_app.services.ledger_import.mapping import (
    DATE_FIELDS,
    PARTIES,
    LedgerMapping,
    _plain,
    load_mapping,
)
from mediator_app.services.ledger_import.read import (
    Rows,
    Sheet,
    WorkbookInfo,
    cell_text,
    inspect_workbook,
    read_sheet,
    resolve_sheet,
    serial_date,
    stream_sheet,
)
from mediator_app.storage.exchange_repo import ExchangeRepository
from mediator_app.storage.ledger_repo import LedgerRepository

# Fields a mapping must give (by a column or a default), or every row would fail.
REQUIRED = ("committee_code", "received_on", "status", "dispute_type", "source")
LEDGER_NAMESPACE = uuid.UUID("6f1c3c3e-8d2a-5b7e-9a61-0c3e5a4b2d10")
_NAMESPACE_BYTES = LEDGER_NAMESPACE.bytes
_COL = {name: i for i, name in enumerate(FORMAT_COLUMNS)}
_SPLIT = re.compile(r"[、，,；;/／\s]+")
_EMPTY_DATES = {"/", "-", "—", "－", "--", "无", "空", "暂无", "未结案", "未结"}
_DATE_TIME = re.compile(r"(\S+)[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?")
_SERIAL_TEXT = re.compile(r"[1-9]\d{4}(?:\.0+)?")
_LEGAL = ("公司", "集团", "厂", "银行", "医院", "学校")
_STATUSES = {s.value: s for s in CaseStatus}
_NUMBERS = {_COL["amount_yuan"], _COL["people_involved"]}


def ledger_label(info: WorkbookInfo, path: str | Path, sheet: str) -> str:
    """How problems name the place: ``台账.xlsx[2023年台账]``; a CSV file by its name."""
    return str(path) if info.is_csv else f"{path}[{sheet}]"


# --- the mapping against a sheet ------------------------------------------------------


@dataclass
class Plan:
    """The mapping resolved against a sheet's header row."""

    label: str
    mapping: LedgerMapping
    header: list[str]
    columns: dict[str, int]  # field -> 0-based column of the sheet
    parties: list[tuple[int, str]]  # (column, role) of the columns naming parties
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def first_row(self) -> int:
        return self.mapping.header_row + 1


def plan_sheet(sheet: Sheet, mapping: LedgerMapping, label: str) -> Plan:
    """Find each mapped header in the header row; raises CsvImportError (on the header
    row) when a mapped column is missing or a required field has no column nor default."""
    line = mapping.header_row
    header = [cell_text(c) for c in sheet.row(line)]
    if not any(header):
        raise CsvImportError([CsvProblem(label, line, None, "", "ledger.header_empty",
                                         {"row": line})])
    where: dict[str, int] = {}
    for index, cell in enumerate(header):
        where.setdefault(_plain(cell), index)
    columns: dict[str, int] = {}
    parties: list[tuple[int, str]] = []
    missing: list[str] = []
    for text, target in mapping.columns.items():
        found = where.get(_plain(text))
        if found is None:
            missing.append(text)
            continue
        if target == PARTIES:
            parties.append((found, _role(text)))
        else:
            columns[target] = found
    problems = []
    if missing:
        problems.append(CsvProblem(label, line, None, "", "csv.header_missing",
                                   {"columns": missing}))
    given = set(columns) | {k for k, v in mapping.defaults.items() if v.strip()}
    lacking = [f for f in REQUIRED if f not in given]
    if lacking:
        problems.append(CsvProblem(label, line, None, "", "ledger.field_missing",
                                   {"columns": lacking}))
    if problems:
        raise CsvImportError(problems)
    maps = {name: {k.strip(): v.strip() for k, v in mapping.value_map(name).items()}
            for name in FORMAT_COLUMNS}
    return Plan(label, mapping, header, columns, parties, {k: v for k, v in maps.items() if v})


def _role(header: str) -> str:
    text = _plain(header)
    if "被申请" in text:
        return PartyRole.RESPONDENT.value
    if "申请" in text:
        return PartyRole.APPLICANT.value
    return PartyRole.PARTY.value


def split_names(text: str) -> list[str]:
    """``张三、李四`` / ``张三，李四`` / ``张三 李四`` -> the names, in order, once each."""
    out: list[str] = []
    for name in _SPLIT.split(text.strip()):
        if name and name not in out:
            out.append(name)
    return out


# --- rows -----------------------------------------------------------------------------


def _date_text(value: Any) -> str:
    """A date cell as year-month-day when it is a date (an Excel date, a serial number,
    or text in a form ``parse_date`` reads), else its text (the parser reports it)."""
    kind = type(value)
    if kind is date:
        return str(value.isoformat())
    if kind is datetime:
        return str(value.date().isoformat())
    text = value.strip() if kind is str else cell_text(value, as_date=True)
    if not text or text in _EMPTY_DATES:
        return ""
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return text
    match = _DATE_TIME.fullmatch(text)
    if match:
        text = match.group(1)
    if _SERIAL_TEXT.fullmatch(text):
        day = serial_date(float(text))
        if day is not None:
            return day.isoformat()
    return iso_date(text)


def _parsed_date(text: str) -> str | None:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # as _date_text left it
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return parse_date(text.strip(), "received_on").isoformat() if text.strip() else None
    except DomainError:
        return None


def iso_date(text: str) -> str:
    """``text`` as year-month-day when it is a date ``parse_date`` reads, else as it is."""
    try:
        return parse_date(text, "received_on").isoformat()
    except DomainError:
        return text


@dataclass
class LedgerRow:
    line: int
    cells: list[str]  # cases.csv v1 order
    parties: list[tuple[str, str]]  # (name, role)


class RowMaker:
    """Turns sheet rows into LedgerRows (see the module doc)."""

    def __init__(self, plan: Plan, stamp: str):
        self.plan = plan
        self.stamp = stamp
        self.defaults = {k: v.strip() for k, v in plan.mapping.defaults.items()}
        self.keys: dict[str, int] = {}
        # (sheet column, cases.csv position, is a date, value map) of each mapped field
        self.fields = [(index, _COL[name], name in DATE_FIELDS, plan.value_maps.get(name))
                       for name, index in plan.columns.items()]

    def make(self, line: int, raw: list[Any]) -> LedgerRow | None:
        """None for a row whose mapped cells are all empty."""
        cells = [""] * len(FORMAT_COLUMNS)
        blank = True
        width = len(raw)
        for index, position, is_date, vmap in self.fields:
            value = raw[index] if index < width else ""
            if is_date:
                text = _date_text(value)
            elif type(value) is str:
                text = value.strip()
            else:
                text = cell_text(value)
            if text:
                blank = False
                if position in _NUMBERS and text[-1] in "元人件":
                    text = text[:-1].strip()  # 1200元, 3人
                if vmap is not None:
                    text = vmap.get(text, vmap.get(text.replace(" ", ""), text))
            cells[position] = text
        parties = self._parties(raw) if self.plan.parties else []
        if blank and not parties:
            return None
        defaulted = set()
        for name, value in self.defaults.items():
            if not cells[_COL[name]]:
                cells[_COL[name]] = value
                defaulted.add(name)
        self._complete(cells, defaulted)
        if not cells[0]:
            cells[0] = self._case_id(cells, parties)
        return LedgerRow(line, cells, parties)

    def _parties(self, raw: list[Any]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        seen: set[str] = set()
        for index, role in self.plan.parties:
            text = cell_text(raw[index]) if index < len(raw) else ""
            for name in split_names(text):
                if name not in seen:
                    seen.add(name)
                    out.append((name, role))
        return out

    def _complete(self, cells: list[str], defaulted: set[str]) -> None:
        """What the status implies: an acceptance date (the registration date) where one
        is needed; defaults for dates or the agreement form dropped where the status
        allows none."""
        status = _STATUSES.get(cells[_COL["status"]].strip())
        if not cells[_COL["updated_at"]]:
            cells[_COL["updated_at"]] = self.stamp
        if status is None:
            return
        need_accepted, _need_closed, need_form, no_accepted, no_closed = _SHAPE[status]
        if need_accepted and not cells[_COL["accepted_on"]]:
            received = _parsed_date(cells[_COL["received_on"]])
            if received is not None:  # a bad date is reported once, on its own column
                cells[_COL["accepted_on"]] = received
        for name, dropped in (("accepted_on", no_accepted), ("closed_on", no_closed),
                              ("agreement_form", not need_form)):
            if dropped and name in defaulted:
                cells[_COL[name]] = ""

    def _case_id(self, cells: list[str], parties: list[tuple[str, str]]) -> str:
        committee = cells[_COL["committee_code"]].strip()
        number = cells[_COL["case_no"]].strip()
        received = cells[_COL["received_on"]].strip()  # year-month-day when it is a date
        if len(received) != 10:
            received = iso_date(received)
        if number:
            key = f"{committee}|{number}|{received}"
        else:
            # the date and the parties: not the type or the summary, which a corrected
            # workbook (or mapping) may change; the same pair twice counts (#2) below
            key = "|".join([committee, "", received, " ".join(n for n, _r in parties)])
        seen = self.keys.get(key, 0)
        self.keys[key] = seen + 1
        if seen:
            key += f"#{seen + 1}"  # the same row twice: its own case (and a clear problem)
        digest = hashlib.sha1(_NAMESPACE_BYTES + ("ledger|" + key).encode()).hexdigest()
        # uuid.uuid5's result, without building the UUID object (a hot path)
        variant = "89ab"[int(digest[16], 16) & 3]
        return (f"{digest[:8]}-{digest[8:12]}-5{digest[13:16]}-{variant}{digest[17:20]}-"
                f"{digest[20:32]}")

    def rows(self, raw_rows: Iterable[list[Any]]) -> Iterator[LedgerRow]:
        """The LedgerRows of a sheet's rows (from row 1). The table ends at the last row
        with a registration date, a status or a party: rows below it (合计, 填表人：…,
        审核人：…) are the sheet's footer. Rows without them are held back until a row
        with them shows they are inside the table."""
        marks = [self.plan.columns[f] for f in ("received_on", "status")
                 if f in self.plan.columns] + [c for c, _role in self.plan.parties]
        held: list[tuple[int, list[Any]]] = []
        first = self.plan.first_row
        for number, raw in enumerate(raw_rows, 1):
            if number < first:
                continue
            if marks and not any(c < len(raw) and cell_text(raw[c]) for c in marks):
                held.append((number, raw))
                continue
            for waiting in held:
                if (row := self.make(*waiting)) is not None:
                    yield row
            held = []
            if (row := self.make(number, raw)) is not None:
                yield row


def row_source(plan: Plan) -> RowSource:
    columns: list[int | None] = [None] * len(FORMAT_COLUMNS)
    for name, index in plan.columns.items():
        columns[_COL[name]] = index + 1
    return RowSource(plan.label, list(range(len(FORMAT_COLUMNS))), columns)


def workbook_stamp(info: WorkbookInfo) -> str:
    """The workbook's modification time (not later than now), Beijing time."""
    moment = min(datetime.fromtimestamp(info.mtime, CHINA_TZ), datetime.now(CHINA_TZ))
    return moment.replace(microsecond=0).isoformat()


# --- the import -----------------------------------------------------------------------


@dataclass
class OpenedLedger:
    """A sheet with its mapping resolved; ``head`` holds its rows down to the header."""

    info: WorkbookInfo
    sheet_name: str
    head: Sheet
    plan: Plan

    def stream(self) -> Rows:
        return stream_sheet(self.info, self.sheet_name, self.plan.label)


def open_ledger(path: str | Path, mapping: LedgerMapping) -> OpenedLedger:
    """Read the mapped sheet's header and resolve the mapping. Raises CsvImportError."""
    info = inspect_workbook(path)
    name = resolve_sheet(info, mapping.sheet, str(path))
    head = read_sheet(info, name, str(path), limit=mapping.header_row)
    plan = plan_sheet(head, mapping, ledger_label(info, path, name))
    return OpenedLedger(info, name, head, plan)


SAMPLE_ROWS = 2000


class LedgerSource:
    """The part of case_exchange's import that is particular to a ledger. The sheet is
    read as a stream, once (the rows sampled for the bulk estimate are kept)."""

    def __init__(self, opened: OpenedLedger):
        self.opened = opened
        self.maker = RowMaker(opened.plan, workbook_stamp(opened.info))
        self.party_rows: list[tuple[str, int, str, str, str]] = []
        self.sample: list[LedgerRow] = []
        self._stream: Rows | None = None
        self._rows: Iterator[LedgerRow] | None = None

    @property
    def name(self) -> str:
        return self.opened.plan.label

    def details(self) -> dict[str, Any]:
        return {"ledger": {"sheet": self.opened.sheet_name,
                           "mapping": self.opened.plan.mapping.to_dict()}}

    def _open(self) -> Iterator[LedgerRow]:
        if self._rows is None:
            self._stream = self.opened.stream()
            self._rows = self.maker.rows(self._stream)
        return self._rows

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()

    def total_rows(self) -> int:
        self._open()
        assert self._stream is not None
        return max(self._stream.total - self.opened.plan.mapping.header_row, 1)

    def estimate_new_rows(self, repo: ExchangeRepository) -> int:
        rows = self._open()
        self.sample = list(itertools.islice(rows, SAMPLE_ROWS))
        if not self.sample:
            return 0
        known = len(repo.existing([r.cells[0] for r in self.sample]))
        return self.total_rows() * (len(self.sample) - known) // len(self.sample)

    def merge(self, db: Database, run: MergeRun, file_no: int, counts: FileCounts,
              result: ImportResult) -> None:
        plan = self.opened.plan
        total = self.total_rows()
        names: dict[str, str] | None = {} if plan.parties else None
        done = [0]
        size = run.total_bytes
        made = itertools.chain(self.sample, self._open())

        def rows() -> Iterator[CsvRow]:
            for row in made:
                counts.rows += 1
                done[0] = row.line - plan.mapping.header_row
                case_id = row.cells[0]
                bad = next((n for n, _r in row.parties if CONTROL_CHARACTERS.search(n)), None)
                if bad is not None:
                    run.problems.add(_control(plan.label, row.line, party_column, PARTIES, bad))
                    continue
                if names is not None:
                    names[case_id] = " ".join(n for n, _r in row.parties)
                    for seq, (name, role) in enumerate(row.parties):
                        kind = PartyKind.LEGAL if any(w in name for w in _LEGAL) \
                            else PartyKind.NATURAL
                        self.party_rows.append((case_id, seq, role, kind.value, name))
                yield CsvRow(row.line, row.cells, False)

        source = row_source(plan)
        party_column = plan.parties[0][0] + 1 if plan.parties else None

        def checked(rows: Iterator[CsvRow]) -> Iterator[CsvRow]:
            for row in rows:
                if CONTROL_CHARACTERS.search("".join(row.cells)) is None:
                    yield row
                    continue
                index = next(i for i, c in enumerate(row.cells) if CONTROL_CHARACTERS.search(c))
                run.problems.add(_control(source.name, row.line, source.columns[index],
                                          FORMAT_COLUMNS[index], row.cells[index]))

        run.ledger, run.party_names = True, names
        tick(run)  # the sheet was opened: cancelled meanwhile?
        try:
            merge_rows(run, file_no, source, checked(rows()), counts,
                       lambda: size * min(done[0], total) // total)
        finally:
            run.ledger, run.party_names = False, None
            self.close()
        if names is not None and not run.problems.total:
            LedgerRepository(db).apply_parties(file_no, self.party_rows)
            duplicate_warnings(db, result.warnings)


def _control(name: str, line: int, column: int | None, field_name: str,
             text: str) -> CsvProblem:
    """A cell holding a control character (refused as in every import: csv_io)."""
    match = CONTROL_CHARACTERS.search(text)
    assert match is not None
    row = CsvRow(line, [], False, (column - 1 if column else 0, match.group()))
    problem = control_problem(name, row, {(column - 1 if column else 0): field_name})
    assert problem is not None
    return problem if column else dataclasses.replace(problem, column=None)


def import_ledger(db: Database, path: str | Path, mapping: LedgerMapping | str | Path, *,
                  dry_run: bool = False, progress: Progress | None = None,
                  cancel: CancelCheck | None = None, today: date | None = None) -> ImportResult:
    """Import one sheet of an old ledger, all or nothing, like ``import_cases``: raises
    CsvImportError (with ``.result`` once the rows were read) when any problem is found,
    Cancelled when ``cancel()`` turns true; nothing is written then, nor on a dry
    run. The same right as ``import_cases`` (issue 9): refused before the file is read;
    rows outside a scoped user's scope refuse the whole import."""
    permissions.require(db, Action.IMPORT)
    if not isinstance(mapping, LedgerMapping):
        mapping = load_mapping(mapping)
    opened = open_ledger(path, mapping)
    ledger = LedgerSource(opened)
    info = opened.info
    source = case_exchange.ImportSource(
        ledger.name, info.sha256, FileInfo(info.path, ledger.name, "", info.sha256, info.size),
        ledger=ledger)
    try:
        return case_exchange.import_prepared(db, [source], dry_run=dry_run,
                                             progress=progress, cancel=cancel,
                                             today=today or date.today())
    finally:
        ledger.close()


# --- for the wizard: what the rows will look like ---------------------------------------


def distinct_values(rows: Iterable[list[Any]], header_row: int,
                    columns: dict[str, int]) -> dict[str, list[tuple[str, int]]]:
    """For each field -> column, each distinct text below the header with how often it
    appears, the most frequent first."""
    counts: dict[str, dict[str, int]] = {name: {} for name in columns}
    for number, raw in enumerate(rows, 1):
        if number <= header_row:
            continue
        width = len(raw)
        for name, column in columns.items():
            text = cell_text(raw[column]) if column < width else ""
            if text:
                seen = counts[name]
                seen[text] = seen.get(text, 0) + 1
    return {name: sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
            for name, found in counts.items()}
