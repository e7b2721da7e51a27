"""Reading CSV files as people actually save them (Excel, WPS): encoding detection,
header mapping (English keys or Chinese labels), row iteration with line numbers, and
the problem type every import reports (file, line, column, field, code, params).

Lines are physical lines of the file, the header being line 1; a row whose quoted text
spans several lines is reported at the line where it starts.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import string
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediator_app.domain.errors import Problem
from mediator_app.domain.messages import field_label, has_message, message

MAX_REPORTED = 50
_CHUNK = 1 << 20
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# Texts for codes that domain.messages does not (yet) know.
_EXTRA: dict[str, dict[str, tuple[str, ...]]] = {
    "csv.field_count": {
        "zh": ("这一行有 {actual} 列，表头有 {expected} 列，列数不一致（可能有未加引号的逗号）。",),
        "en": ("This row has {actual} fields but the header has {expected}.",),
    },
    "csv.malformed": {
        "zh": ("这一行的 CSV 格式有误（{detail}），请检查引号。",),
        "en": ("The CSV is malformed here ({detail}); check the quotes.",),
    },
    "csv.unreadable": {
        "zh": ("无法读取文件：{detail}。",),
        "en": ("The file cannot be read: {detail}.",),
    },
    "csv.duplicate_column": {
        "zh": ("表头中这些列出现了不止一次：{columns}。",),
        "en": ("These columns appear more than once in the header: {columns}.",),
    },
    "csv.unknown_kind": {
        "zh": (
            "无法根据表头判断文件类型（组织机构、调委会或人员）；表头为：{columns}。",
        ),
        "en": (
            "The header does not match org units, committees or people; it is: {columns}.",
        ),
    },
    "duplicate_in_file": {
        "zh": ("“{field}”的值“{value}”与本文件第 {other_line} 行重复。",),
        "en": ("{field} “{value}” repeats line {other_line} of this file.",),
    },
    "case_no.duplicate_in_file": {
        "zh": ("案号“{case_no}”与{other_file}第 {other_line} 行重复（同一调委会同一年的案号不能重复）。",),
        "en": ("Case number “{case_no}” repeats line {other_line} of {other_file}.",),
    },
    "grid.not_grid": {
        "zh": ("“{value}”是{level}，不是网格；这里必须填写网格代码。",),
        "en": ("“{value}” is a {level}, not a grid; a grid code is required here.",),
    },
    "decimal.precision": {
        "zh": ("金额“{value}”最多保留两位小数（分）。",),
        "en": ("Amount “{value}” has more than two decimals.",),
    },
    "org.cycle": {
        "zh": ("单位“{value}”不能是自己的上级。",),
        "en": ("Unit “{value}” cannot be its own parent.",),
    },
    "org.child_level": {
        "zh": ("改为“{level}”后，下级单位“{child}”（{child_level}）不再低于它。",),
        "en": ("As a “{level}”, it is no longer above its child “{child}” ({child_level}).",),
    },
    "import.too_many_errors": {
        "zh": ("共发现 {total} 处错误，只列出前 {shown} 处。没有导入任何数据。",),
        "en": ("{total} problems found; the first {shown} are listed. Nothing was imported.",),
    },
    "package.damaged": {
        "zh": ("数据包已损坏或不完整（{detail}），请让对方重新导出。",),
        "en": ("The package is damaged or incomplete ({detail}); ask for a new export.",),
    },
    "package.no_manifest": {
        "zh": ("这不是调解台账数据包：缺少 manifest.json。",),
        "en": ("This is not a ledger package: manifest.json is missing.",),
    },
    "package.bad_manifest": {
        "zh": ("数据包的 manifest.json 无法读取（{detail}）。",),
        "en": ("The package's manifest.json cannot be read ({detail}).",),
    },
    "package.format": {
        "zh": ("这不是调解台账数据包（格式为“{value}”）。",),
        "en": ("This is not a ledger package (format “{value}”).",),
    },
    "package.version": {
        "zh": ("数据包格式版本 {value} 不受支持（本程序支持版本 {supported}），请升级本程序。",),
        "en": ("Package format version {value} is not supported (this program reads "
               "version {supported}); upgrade the program.",),
    },
    "package.unknown_file": {
        "zh": ("数据包中的文件“{file}”不是已知的文件。",),
        "en": ("The package lists an unknown file “{file}”.",),
    },
    "package.missing_file": {
        "zh": ("数据包缺少文件“{file}”，可能不完整。",),
        "en": ("The package lacks “{file}”; it may be incomplete.",),
    },
    "package.unlisted_file": {
        "zh": ("数据包中的文件“{file}”没有列在 manifest.json 中，数据包可能被改动过。",),
        "en": ("“{file}” is not listed in manifest.json; the package may have been edited.",),
    },
    "package.hash_mismatch": {
        "zh": ("数据包中的“{file}”与 manifest.json 记录的校验值（SHA-256）不符："
               "文件已损坏或被改动过。",),
        "en": ("“{file}” does not match its SHA-256 in manifest.json: the package is "
               "damaged or was edited.",),
    },
    "package.row_count": {
        "zh": ("“{file}”有 {actual} 行数据，manifest.json 记录为 {expected} 行。",),
        "en": ("“{file}” has {actual} rows; manifest.json says {expected}.",),
    },
    "package.bad_rows": {
        "zh": ("“{file}”的数据无法写入：{detail}。",),
        "en": ("The rows of “{file}” cannot be written: {detail}.",),
    },
    "import.nothing_written": {
        "zh": ("导入失败，数据库没有任何改动。",),
        "en": ("The import failed; the database is unchanged.",),
    },
}


# Internal table names in ``unknown_code`` params, as users call them (zh, en).
TABLE_WORDS: dict[str, tuple[str, str]] = {
    "org_units": ("组织机构（区/街道/村社区/网格）", "org units (district/street/village/grid)"),
    "org_unit": ("组织机构（区/街道/村社区/网格）", "org units (district/street/village/grid)"),
    "committees": ("调委会", "mediation committees"),
    "committee": ("调委会", "mediation committees"),
    "code_items": ("代码表", "code tables"),
    "grid": ("网格", "grids"),
    "dispute_type": ("纠纷类型代码表", "dispute types"),
    "source": ("纠纷来源代码表", "case sources"),
    "case": ("案件", "cases"),
}
_UNKNOWN_CODE = ("代码“{value}”不在{table}中。", "Code “{value}” is not among the {table}.")


def render(problem: Problem, lang: str = "zh") -> str:
    """The sentence for ``problem``: domain.messages when it knows the code, else ours.
    ``unknown_code`` names the table in the user's words, never its internal name."""
    table = problem.params.get("table") if problem.code == "unknown_code" else None
    if isinstance(table, str) and table in TABLE_WORDS and "value" in problem.params:
        n = 1 if lang.lower().startswith("en") else 0
        return _UNKNOWN_CODE[n].format(value=problem.params["value"], table=TABLE_WORDS[table][n])
    if has_message(problem.code, lang) or problem.code not in _EXTRA:
        return message(problem, lang)
    key = "en" if lang.lower().startswith("en") else "zh"
    values: dict[str, str] = {k: _text(v) for k, v in problem.params.items()}
    if problem.field:
        values["field"] = field_label(problem.field, key)
    for template in _EXTRA[problem.code][key]:
        names = {n for _l, n, _s, _c in string.Formatter().parse(template) if n}
        if names <= values.keys():
            return template.format_map(values)
    return _EXTRA[problem.code][key][-1].format_map(_Blank(values))


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(getattr(value, "value", value))


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


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
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def problem(self) -> Problem:
        return Problem(self.field, self.code, self.params)

    def format(self, lang: str = "zh") -> str:
        return format_problem(self, lang)


def _where_zh(p: CsvProblem) -> str:
    parts = [p.file]
    if p.line is not None:
        parts.append(f"第 {p.line} 行")
    if p.column is not None:
        parts.append(f"第 {p.column} 列")
    if p.field:
        parts.append(f"{p.field}（{field_label(p.field, 'zh')}）")
    return " ".join(parts)


def _where_en(p: CsvProblem) -> str:
    parts = [p.file]
    if p.line is not None:
        parts.append(f"line {p.line}")
    if p.column is not None:
        parts.append(f"column {p.column}")
    text = ", ".join(parts)
    if p.field:
        label = field_label(p.field, "en")
        text += f" ({p.field})" if label == p.field else f" ({p.field} / {label})"
    return text


def format_problem(p: CsvProblem, lang: str = "zh") -> str:
    """``cases.csv 第 3 行 第 7 列 received_on（登记日期）：日期“x”无效…``"""
    if lang.lower().startswith("en"):
        return f"{_where_en(p)}: {render(p.problem, 'en')}"
    return f"{_where_zh(p)}：{render(p.problem, 'zh')}"


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
    path: Path
    name: str
    encoding: str
    sha256: str
    size: int


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
        detail = exc.strerror or str(exc)
        raise CsvImportError([CsvProblem(label, None, None, "", "csv.unreadable",
                                         {"detail": detail})]) from exc
    if head.startswith(_UTF16_BOMS):
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


@dataclass
class CsvRow:
    line: int
    cells: list[str]
    last: bool


class CsvReader:
    """Iterates a CSV file: ``header`` first, then ``CsvRow``s (blank rows skipped).
    A ``csv.Error`` (unterminated quote, NUL byte) becomes a CsvImportError naming the
    line. Use as a context manager."""

    def __init__(self, info: FileInfo):
        self.info = info
        self._fh = info.path.open("r", encoding=info.encoding, newline="")
        first = self._fh.readline()
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

    def _next_nonblank(self) -> tuple[int, list[str]] | None:
        while (item := self._next()) is not None:
            if any(cell.strip() for cell in item[1]):
                return item
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
        pending = self._next_nonblank()
        while pending is not None:
            following = self._next_nonblank()
            yield CsvRow(pending[0], pending[1], following is None)
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
