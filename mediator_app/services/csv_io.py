"""Reading CSV files as people actually save them (Excel, WPS): encoding detection,
header mapping (English keys or Chinese labels), row iteration with line numbers, and
the problem type every import reports (file, line, column, field, code, params).

Lines are physical lines of the file, the header being line 1; a row whose quoted text
spans several lines is reported at the line where it starts.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import hashlib
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TextIO

from mediator_app.domain import catalogue
from mediator_app.domain.errors import Problem
from mediator_app.domain.fault_messages import MAX_FIELD_CHARS
from mediator_app.domain.messages import field_label, message
from mediator_app.domain.spreadsheet import restore

MAX_REPORTED = 50
csv.field_size_limit(MAX_FIELD_CHARS)  # the documented longest cell (docs/cli.md)
_CHUNK = 1 << 20
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# Files that cannot be opened (``csv.unreadable`` with a ``reason``), as plain sentences
# naming the file (zh, en), never the operating system's English text. Kept here until
# domain/messages.py takes them over.
UNREADABLE = "csv.unreadable"
def render(problem: Problem, lang: str = "zh") -> str:
    """The sentence for ``problem`` (``domain.messages.message``, or the catalogue's
    "file" area for a file that could not be read; kept as a short name for the
    importers' callers)."""
    if _is_file_message(problem):
        return catalogue.text("file", str(problem.params["reason"]), lang,
                              file=problem.params.get("file", ""))
    return message(problem, lang)


def _is_file_message(problem: Problem) -> bool:
    """A file that could not be read for a reason with its own sentence."""
    reason = str(problem.params.get("reason", ""))
    return problem.code == UNREADABLE and catalogue.has("file", reason)


def file_problem(label: str, path: Path, exc: OSError) -> CsvProblem:
    """The problem of a file that could not be read: missing, a folder, no access (plain
    sentences), else the system's reason (``detail``)."""
    if isinstance(exc, FileNotFoundError):
        reason = "not_found"
    elif isinstance(exc, IsADirectoryError) or path.is_dir():
        reason = "is_folder"  # Windows says "permission denied" for a folder
    elif isinstance(exc, PermissionError):
        reason = "no_access"
    else:
        return CsvProblem(label, None, None, "", UNREADABLE,
                          {"detail": exc.strerror or str(exc)})
    return CsvProblem(label, None, None, "", UNREADABLE,
                      {"reason": reason, "file": label, "detail": exc.strerror or str(exc)})


# --- problems ------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvProblem:
    """Something wrong at a place in a file. ``line``/``column`` are 1-based (the header
    is line 1); ``column`` is None for problems of a whole row or file."""

    file: str
    line: int | None
    column: int | None
    field: str
    code: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def problem(self) -> Problem:
        return Problem(self.field, self.code, self.params)

    def format(self, lang: str = "zh") -> str:
        return format_problem(self, lang)


def _where(p: CsvProblem, lang: str) -> str:
    """``cases.csv 第 3 行 第 7 列 received_on（登记日期）`` / ``cases.csv, line 3, column 7
    (received_on / Registered on)`` (the catalogue's "file.where" area)."""
    where = p.file
    if p.line is not None:
        where += catalogue.text("file.where", "line", lang, line=p.line)
    if p.column is not None:
        where += catalogue.text("file.where", "column", lang, column=p.column)
    if p.field:
        label = field_label(p.field, lang)
        key = "field_only" if label == p.field else "field"
        where += catalogue.text("file.where", key, lang, field=p.field, label=label)
    return where


def format_problem(p: CsvProblem, lang: str = "zh") -> str:
    """``cases.csv 第 3 行 第 7 列 received_on（登记日期）：日期“x”无效…``; a file that
    cannot be opened is one sentence naming it (``文件“x.csv”不存在。``)."""
    if _is_file_message(p.problem):
        return render(p.problem, lang)
    return catalogue.text("file.where", "problem", lang, where=_where(p, lang),
                          problem=render(p.problem, lang))


class CsvImportError(Exception):
    """An import that wrote nothing. ``problems`` holds at most ``MAX_REPORTED``
    entries; ``total`` counts them all."""

    def __init__(self, problems: Sequence[CsvProblem], total: int | None = None):
        self.problems = list(problems)[:MAX_REPORTED]
        self.total = total if total is not None else len(problems)
        super().__init__("\n".join(p.format("en") for p in self.problems[:5]))

    def lines(self, lang: str = "zh") -> list[str]:
        out = [p.format(lang) for p in self.problems]
        if self.total > len(self.problems):
            params = {"total": self.total, "shown": len(self.problems)}
            out.append(render(Problem("", "import.too_many_errors", params), lang))
        else:
            out.append(render(Problem("", "import.nothing_written"), lang))
        return out


class ProblemList:
    """Collects problems, keeping the first ``MAX_REPORTED`` and counting the rest."""

    def __init__(self) -> None:
        self.items: list[CsvProblem] = []
        self.total = 0
        self.by_file: dict[str, int] = {}

    def add(self, p: CsvProblem) -> None:
        self.total += 1
        if len(self.items) < MAX_REPORTED:
            self.items.append(p)
        self.by_file[p.file] = self.by_file.get(p.file, 0) + 1

    def count_for(self, name: str) -> int:
        """Problems found in the file ``name`` or, for a package, in its members
        (``name/cases.csv`` …): the ``errors`` count of an import, one per listed line."""
        prefix = name + "/"
        return sum(n for f, n in self.by_file.items() if f == name or f.startswith(prefix))

    def sorted_items(self) -> list[CsvProblem]:
        """The kept problems by file (in order of appearance), then line."""
        rank: dict[str, int] = {}
        for p in self.items:
            rank.setdefault(p.file, len(rank))
        return sorted(self.items, key=lambda p: (rank[p.file], p.line or 0))

    def raise_if_any(self) -> None:
        if self.total:
            raise CsvImportError(self.sorted_items(), self.total)


# --- encoding ------------------------------------------------------------------------


@dataclass(frozen=True)
class FileInfo:
    """A file to read: on disk (``path``) or, with ``opener``, a member streamed from a
    package (``path`` is then the package)."""

    path: Path
    name: str
    encoding: str
    sha256: str
    size: int
    opener: Callable[[], IO[bytes]] | None = None

    def open_binary(self) -> IO[bytes]:
        return self.opener() if self.opener is not None else self.path.open("rb")


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _digest(path: Path) -> tuple[str, int, bytes]:
    h, size, head = hashlib.sha256(), 0, b""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            if not size:
                head = chunk[:4]
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size, head


def inspect_file(path: str | Path, name: str | None = None) -> FileInfo:
    """Hash the file and find its encoding: UTF-16 by BOM, else UTF-8 (with or without
    BOM), else GB18030 (a superset of GBK and GB2312). Raises CsvImportError."""
    p = Path(path)
    label = name or str(path)
    try:
        sha, size, head = _digest(p)
    except OSError as exc:
        raise CsvImportError([file_problem(label, p, exc)]) from exc
    if head.startswith(_UTF16_BOMS):
        if not _decodes(p, "utf-16"):  # a damaged UTF-16 file: refused before reading
            raise CsvImportError([CsvProblem(label, None, None, "", "csv.encoding")])
        encoding = "utf-16"
    elif _decodes(p, "utf-8-sig"):
        encoding = "utf-8-sig"
    elif _decodes(p, "gb18030"):
        encoding = "gb18030"
    else:
        raise CsvImportError([CsvProblem(label, None, None, "", "csv.encoding")])
    return FileInfo(p, label, encoding, sha, size)


# --- headers -------------------------------------------------------------------------

_NORMALISE = str.maketrans({"（": "(", "）": ")", "\ufeff": "", " ": "", "\u3000": ""})


def normalise_header(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_NORMALISE).strip().lower()


def header_aliases(keys: Sequence[str], extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map from normalised header text to key: the key, its Chinese and English labels,
    and ``extra`` (alias -> key)."""
    aliases: dict[str, str] = {}
    for key in keys:
        for text in (field_label(key, "en"), field_label(key, "zh"), key):
            aliases[normalise_header(text)] = key
    for alias, key in (extra or {}).items():
        aliases[normalise_header(alias)] = key
    return aliases


@dataclass
class HeaderMap:
    """Key -> 0-based column index, plus header cells not recognised or repeated."""

    columns: dict[str, int]
    unknown: list[str]
    repeated: list[str]


def map_header(header: Sequence[str], aliases: Mapping[str, str]) -> HeaderMap:
    """Blank header cells are ignored."""
    result = HeaderMap({}, [], [])
    for index, cell in enumerate(header):
        norm = normalise_header(cell)
        if not norm:
            continue
        key = aliases.get(norm)
        if key is None:
            result.unknown.append(cell.strip())
        elif key in result.columns:
            result.repeated.append(cell.strip())
        else:
            result.columns[key] = index
    return result


def header_problems(name: str, mapped: HeaderMap, required: Sequence[str]) -> list[CsvProblem]:
    """Missing, unknown and repeated columns, reported on line 1."""
    problems = []
    missing = [f"{k}（{field_label(k, 'zh')}）" for k in required if k not in mapped.columns]
    for code, cols in (("csv.header_missing", missing), ("csv.header_unknown", mapped.unknown),
                       ("csv.duplicate_column", mapped.repeated)):
        if cols:
            problems.append(CsvProblem(name, 1, None, "", code, {"columns": cols}))
    return problems


# --- rows ----------------------------------------------------------------------------


@dataclass(slots=True)
class CsvRow:
    line: int
    cells: list[str]
    last: bool
    control: tuple[int, str] | None = None  # (0-based cell, character): see control_problem


# Characters refused in every imported cell (issue 8 item 11): C0 controls but TAB, LF
# and CR (NUL, ESC …), DEL and the C1 controls, and the bidirectional embeddings,
# overrides and isolates that make text display other than it reads ("Trojan source").
# Refused, not stripped: an import never changes a text silently.
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_NAMES = {0x00: "NUL", 0x1B: "ESC", 0x7F: "DEL"}


def _first_control(cells: list[str]) -> tuple[int, str] | None:
    for index, cell in enumerate(cells):
        if (match := CONTROL_CHARACTERS.search(cell)) is not None:
            return index, match.group()
    return None


def control_problem(name: str, row: CsvRow, keys: Mapping[int, str]) -> CsvProblem | None:
    """The problem of a row holding a control character (``CONTROL_CHARACTERS``),
    naming line, column, field and the character (U+202E RIGHT-TO-LEFT OVERRIDE)."""
    if row.control is None:
        return None
    index, char = row.control
    code = f"U+{ord(char):04X}"
    label = _CONTROL_NAMES.get(ord(char)) or unicodedata.name(char, "CONTROL CHARACTER")
    return CsvProblem(name, row.line, index + 1, keys.get(index, ""), "text.control",
                      {"char": code, "name": label})


class CsvReader:
    """Iterates a CSV file: ``header`` first, then ``CsvRow``s (blank rows skipped).
    A ``csv.Error`` (unterminated quote, NUL byte) becomes a CsvImportError naming the
    line. Use as a context manager."""

    def __init__(self, info: FileInfo):
        self.info = info
        self._fh: TextIO = io.TextIOWrapper(info.open_binary(), encoding=info.encoding,
                                            newline="")
        try:
            first = self._fh.readline()
        except UnicodeDecodeError as exc:  # e.g. a package member that is not UTF-8
            self._fh.close()
            raise CsvImportError([CsvProblem(info.name, None, None, "", "csv.encoding",
                                             {})]) from exc
        dialect = "excel-tab" if "\t" in first and "," not in first else "excel"
        self._fh.seek(0)
        self._reader = csv.reader(self._fh, dialect=dialect, strict=True)
        self.header: list[str] = []

    def __enter__(self) -> CsvReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()

    def _next(self) -> tuple[int, list[str]] | None:
        start = self._reader.line_num + 1
        try:
            cells = next(self._reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            code = "csv.truncated" if "unexpected end" in str(exc) else "csv.malformed"
            problem = CsvProblem(self.info.name, start, None, "", code,
                                 {"line": start, "detail": str(exc)})
            raise CsvImportError([problem]) from exc
        except UnicodeDecodeError as exc:
            problem = CsvProblem(self.info.name, start, None, "", "csv.encoding", {})
            raise CsvImportError([problem]) from exc
        return start, cells

    def _next_nonblank(self) -> tuple[int, list[str], str] | None:
        """(line, cells, the cells joined) of the next row holding anything but blanks
        (the joined text serves the row's checks: one scan instead of one per cell)."""
        while (item := self._next()) is not None:
            joined = "".join(item[1])
            if joined and not joined.isspace():
                return item[0], item[1], joined
        return None

    def read_header(self) -> list[str]:
        """The header cells; raises CsvImportError (csv.empty_file) on an empty file."""
        item = self._next_nonblank()
        if item is None:
            raise CsvImportError([CsvProblem(self.info.name, None, None, "", "csv.empty_file")])
        cells = item[1]
        while cells and not cells[-1].strip():
            cells.pop()
        self.header = cells
        return cells

    def rows(self) -> Iterator[CsvRow]:
        """The data rows, cells with the formula-injection apostrophe of our exports
        removed (``domain.spreadsheet.restore``)."""
        pending = self._next_nonblank()
        control_in = CONTROL_CHARACTERS.search
        while pending is not None:
            following = self._next_nonblank()
            line, cells, joined = pending
            if "'" in joined:  # rare: look at each cell only then
                cells = [restore(c) for c in cells]
            control = _first_control(cells) if control_in(joined) else None
            yield CsvRow(line, cells, following is None, control)
            pending = following

    def position(self) -> int:
        return self._fh.buffer.tell() if hasattr(self._fh, "buffer") else 0


def shape_problem(name: str, row: CsvRow, width: int) -> CsvProblem | None:
    """A problem when ``row`` does not have ``width`` cells (extra empty cells, as
    Excel writes them, are fine). A short last row means a truncated file."""
    n = len(row.cells)
    if n == width or (n > width and not any(c.strip() for c in row.cells[width:])):
        return None
    if n < width and row.last:
        return CsvProblem(name, row.line, None, "", "csv.truncated", {"line": row.line})
    return CsvProblem(name, row.line, None, "", "csv.field_count",
                      {"expected": width, "actual": n})


def mapped_rows(info: FileInfo, columns: Sequence[str], required: Sequence[str],
                problems: ProblemList) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, column key -> cell) of a CSV file whose header must hold ``required`` (of
    the known ``columns``, in any order, English keys or Chinese labels). Header,
    shape and reading problems go to ``problems``; rows with a wrong shape are skipped."""
    try:
        with CsvReader(info) as reader:
            header = reader.read_header()
            mapped = map_header(header, header_aliases(columns))
            found = header_problems(info.name, mapped, required)
            for p in found:
                problems.add(p)
            if found:
                return
            for row in reader.rows():
                if (shape := shape_problem(info.name, row, len(header))) is not None:
                    problems.add(shape)
                    continue
                if row.control is not None:
                    keys = {i: k for k, i in mapped.columns.items()}
                    if (bad := control_problem(info.name, row, keys)) is not None:
                        problems.add(bad)
                        continue
                yield row.line, {k: row.cells[i] for k, i in mapped.columns.items()}
    except CsvImportError as exc:
        for p in exc.problems:
            problems.add(p)
