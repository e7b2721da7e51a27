"""Reading old ledgers: Excel (.xlsx, .xlsm, .xls), WPS / LibreOffice (.ods, .et is
not supported) through python-calamine, and CSV files (UTF-8 or GBK, as csv_io reads
them). A sheet becomes a list of rows of raw cell values with the sheet's own row and
column numbers (row 1 is the sheet's first row, also when it is empty), merged cells
filled with the value of their first cell.

Why python-calamine: one library for .xlsx, .xls and .ods (openpyxl reads .xlsx only,
and old .xls files are what many offices keep), prebuilt wheels for Windows and Linux,
and it reads 100,000 rows in about a second (Rust), where openpyxl needs tens of seconds.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from mediator_app.services.csv_io import (
    CsvImportError,
    CsvProblem,
    file_problem,
    inspect_file,
)
from mediator_app.services.faults import detail_of

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
SUFFIXES = WORKBOOK_SUFFIXES + CSV_SUFFIXES
_EXCEL_EPOCH = date(1899, 12, 30)
_MAX_SERIAL = 2958465  # 9999-12-31


@dataclass
class Sheet:
    """One sheet: ``rows[i]`` is the sheet's row i + 1, as raw values (str, int, float,
    bool, date, datetime, time or "" for an empty cell)."""

    name: str
    rows: list[list[Any]]

    def row(self, number: int) -> list[Any]:
        """The 1-based row ``number`` ([] beyond the last)."""
        return self.rows[number - 1] if 0 < number <= len(self.rows) else []


@dataclass(frozen=True)
class WorkbookInfo:
    path: Path
    sheets: list[str]
    is_csv: bool
    sha256: str
    size: int
    mtime: float


def is_workbook(path: str | Path) -> bool:
    return Path(path).suffix.lower() in WORKBOOK_SUFFIXES


def _problem(label: str, code: str, **params: Any) -> CsvProblem:
    return CsvProblem(label, None, None, "", code, params)


def _digest(path: Path, label: str) -> tuple[str, int, float]:
    h, size = hashlib.sha256(), 0
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
                size += len(chunk)
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise CsvImportError([file_problem(label, path, exc)]) from exc
    return h.hexdigest(), size, mtime


def _open_calamine(path: Path, label: str) -> Any:
    # lazy: the calamine extension loads only when a workbook is read
    import python_calamine

    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as exc:
        raise CsvImportError([_problem(label, "ledger.encrypted")]) from exc
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        if isinstance(exc, OSError):
            raise CsvImportError([file_problem(label, path, exc)]) from exc
        raise CsvImportError([_problem(label, "ledger.unreadable",
                                       detail=detail_of(exc, "import"))]) from exc


def inspect_workbook(path: str | Path) -> WorkbookInfo:
    """The file's sheets (a CSV file has one, named after the file), hash, size and
    modification time. Raises CsvImportError when it cannot be read."""
    p = Path(path)
    label = str(path)
    sha, size, mtime = _digest(p, label)
    if not is_workbook(p):
        return WorkbookInfo(p, [p.stem], True, sha, size, mtime)
    book = _open_calamine(p, label)
    try:
        names = [m.name for m in book.sheets_metadata
                 if str(getattr(m.typ, "name", m.typ)).lower().endswith("worksheet")]
    finally:
        book.close()
    return WorkbookInfo(p, names or [], False, sha, size, mtime)


def resolve_sheet(info: WorkbookInfo, sheet: str | int, label: str) -> str:
    """The name of ``sheet`` (a name, or a 1-based position; a CSV file's only sheet is
    matched by any name or by 1). Raises CsvImportError listing the sheets."""
    if info.is_csv and (sheet == 1 or isinstance(sheet, str)):
        return info.sheets[0]
    if isinstance(sheet, int):
        if 1 <= sheet <= len(info.sheets):
            return info.sheets[sheet - 1]
    else:
        if sheet in info.sheets:
            return sheet
        stripped = {s.strip(): s for s in info.sheets}
        if sheet.strip() in stripped:
            return stripped[sheet.strip()]
        if sheet.strip().isdigit() and 1 <= int(sheet) <= len(info.sheets):
            return info.sheets[int(sheet) - 1]
    raise CsvImportError([_problem(label, "ledger.sheet_missing", value=sheet,
                                   sheets=info.sheets or ["-"])])


@dataclass
class Rows:
    """The rows of a sheet as a stream: ``total`` rows (for progress), then each row as
    raw values from row 1, merged cells filled. Use as a context manager."""

    total: int
    rows: Iterator[list[Any]]
    closer: Callable[[], None]
    closed: bool = False

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.closer()

    def __enter__(self) -> Rows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[list[Any]]:
        return self.rows


def stream_sheet(info: WorkbookInfo, name: str, label: str) -> Rows:
    """Stream sheet ``name``: a workbook through python-calamine (its cells stay in
    compact native memory; Python lists are made one row at a time), a CSV file line
    by line."""
    if info.is_csv:
        return _csv_stream(info.path, label)
    book = _open_calamine(info.path, label)
    # lazy: the calamine extension loads only when a workbook is read
    import python_calamine

    try:
        sheet = book.get_sheet_by_name(name)
        merged = list(sheet.merged_cell_ranges or [])
        total = int(sheet.total_height) + 1 if sheet.height else 0
        start_col = int(sheet.start[1]) if sheet.height else 0
        raw = sheet.iter_rows()
    except python_calamine.CalamineError as exc:
        book.close()
        raise CsvImportError([_problem(label, "ledger.unreadable",
                                       detail=detail_of(exc, "import"))]) from exc
    except BaseException:
        book.close()
        raise
    prefix = [""] * start_col
    rows = (prefix + list(r) if start_col else list(r) for r in raw)
    return Rows(total, _filled(rows, merged), book.close)


def _filled(rows: Iterator[list[Any]], merged: list[Any]) -> Iterator[list[Any]]:
    """Give every cell of a merged area the value of its first cell (a date merged over
    the two rows of one case belongs to both)."""
    by_row: dict[int, list[tuple[int, int, int]]] = {}
    for (top, left), (bottom, right) in merged:
        for r in range(top, bottom + 1):
            by_row.setdefault(r, []).append((top, left, right))
    anchors: dict[tuple[int, int], Any] = {}
    for number, row in enumerate(rows):
        for top, left, right in by_row.get(number, ()):
            if number == top:
                anchors[(top, left)] = row[left] if left < len(row) else ""
            value = anchors.get((top, left), "")
            for c in range(left, min(right, len(row) - 1) + 1):
                if row[c] == "" or row[c] is None:
                    row[c] = value
        yield row


def read_sheet(info: WorkbookInfo, name: str, label: str, *,
               limit: int | None = None) -> Sheet:
    """The rows of sheet ``name`` in memory (at most ``limit`` rows when given)."""
    with stream_sheet(info, name, label) as rows:
        return Sheet(name, list(itertools.islice(rows, limit)))


def _csv_stream(path: Path, label: str) -> Rows:
    info = inspect_file(path, label)
    try:
        fh = path.open("r", encoding=info.encoding, newline="")
    except OSError as exc:
        raise CsvImportError([file_problem(label, path, exc)]) from exc
    first = fh.readline()
    dialect = "excel-tab" if "\t" in first and "," not in first else "excel"
    fh.seek(0)
    try:
        total = sum(1 for _ in csv.reader(fh, dialect=dialect))
    except csv.Error:
        total = 0  # the reading below reports where
    fh.seek(0)

    def rows() -> Iterator[list[Any]]:
        reader = csv.reader(fh, dialect=dialect)
        try:
            yield from reader
        except csv.Error as exc:
            detail = detail_of(exc, "import")
            raise CsvImportError([CsvProblem(label, reader.line_num, None, "",
                                             "csv.malformed", {"detail": detail})]) from exc

    return Rows(total, rows(), fh.close)


# --- cells -> text ------------------------------------------------------------------


def serial_date(value: float) -> date | None:
    """An Excel serial day number (1900 system) as a date, None outside 1…9999-12-31."""
    if not 1 <= value <= _MAX_SERIAL:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(value))


def number_text(value: float) -> str:
    """1.0 -> "1", 1200.5 -> "1200.5" (no float noise: 0.30000000000000004 -> "0.3")."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


def cell_text(value: Any, *, as_date: bool = False) -> str:
    """A cell as the text a CSV file would hold: dates as ISO dates (``as_date``: also
    Excel serial numbers, and a date-time keeps only its date), whole numbers without
    ``.0``."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat() if as_date or value.time() == time() \
            else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta | time):
        return str(value)
    if isinstance(value, int | float):
        if as_date:
            day = serial_date(float(value))
            if day is not None:
                return day.isoformat()
        return number_text(float(value))
    return str(value).strip()
