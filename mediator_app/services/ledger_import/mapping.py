"""The mapping of an old ledger (an Excel / WPS workbook or a CSV file) onto the case
exchange format: which sheet, which row holds the headers, which column gives which
field of cases.csv v1 (or the parties), how the office's words map to our labels, and
defaults for fields no column gives. The wizard saves it as JSON, the command line
(``cases import-ledger --mapping``) reads it::

    {"sheet": "2023年台账", "header_row": 3,
     "columns": {"编号": "case_no", "受理日期": "received_on", "当事人": "parties"},
     "values": {"status": {"已调解": "调解成功"}},
     "defaults": {"committee_code": "TW610114001"}}

Keys besides these are kept when a mapping is read and saved again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediator_app.services.csv_io import CsvImportError, CsvProblem, file_problem, normalise_header
from mediator_app.services.exchange.case_merge import CASE_ALIASES
from mediator_app.services.exchange.case_rows import FORMAT_COLUMNS
from mediator_app.storage.files import write_atomically

PARTIES = "parties"
FIELDS: tuple[str, ...] = (*FORMAT_COLUMNS, PARTIES)
DATE_FIELDS = frozenset({"received_on", "accepted_on", "closed_on"})
# Fields whose cells are words from a closed list: the wizard asks for each distinct
# value of their columns which label it means.
ENUM_FIELDS: tuple[str, ...] = ("status", "dispute_type", "source", "agreement_form")
# Header words offices use, in order of preference per field (matched after removing
# spaces and brackets; a header containing a word of a longer entry wins).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "case_no": ("案件编号", "案卷编号", "案号", "编号", "序号"),
    "received_on": ("受理时间", "受理日期", "登记日期", "登记时间", "排查时间", "排查日期",
                    "收案日期", "日期", "时间"),
    "accepted_on": ("立案日期", "立案时间", "开始调解日期"),
    "closed_on": ("结案日期", "结案时间", "调结日期", "办结日期", "调处日期", "完成时间"),
    "dispute_type": ("纠纷类型", "纠纷类别", "矛盾类型", "案件类型", "类型", "类别"),
    "status": ("调解结果", "调处结果", "处理结果", "办理结果", "调解情况", "结果", "状态"),
    "agreement_form": ("协议形式", "协议类型", "协议方式"),
    "source": ("纠纷来源", "案件来源", "来源"),
    "summary": ("纠纷简要情况", "简要情况", "基本情况", "纠纷情况", "主要事实", "案情",
                "摘要", "事由", "内容"),
    "amount_yuan": ("涉及金额", "涉案金额", "标的额", "金额"),
    "people_involved": ("涉及人数", "涉及人员", "人数"),
    "grid_code": ("网格编码", "网格代码", "网格"),
    "committee_code": ("调委会代码", "调委会编码", "调委会"),
    "case_id": ("案件标识",),
    PARTIES: ("当事人", "申请人", "被申请人", "双方当事人", "当事人姓名", "纠纷当事人"),
}
_KNOWN_KEYS = ("sheet", "header_row", "columns", "values", "defaults")


@dataclass
class LedgerMapping:
    sheet: str | int = 1  # a sheet name, or its 1-based position
    header_row: int = 1  # 1-based row of the column headers
    columns: dict[str, str] = field(default_factory=dict)  # header text -> field
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> text -> label
    defaults: dict[str, str] = field(default_factory=dict)  # field -> value
    extra: dict[str, Any] = field(default_factory=dict)  # other keys, kept as they are

    def to_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "header_row": self.header_row,
                "columns": dict(self.columns),
                "values": {k: dict(v) for k, v in self.values.items() if v},
                "defaults": dict(self.defaults), **self.extra}

    def fields(self) -> set[str]:
        return set(self.columns.values())

    def value_map(self, field_name: str) -> dict[str, str]:
        """The cell text -> label map of a field (``values`` may also be keyed by the
        column's header text)."""
        out: dict[str, str] = {}
        for header, target in self.columns.items():
            if target == field_name and header in self.values:
                out.update(self.values[header])
        out.update(self.values.get(field_name, {}))
        return out


def _problem(label: str, code: str, **params: Any) -> CsvProblem:
    return CsvProblem(label, None, None, "", code, params)


def _text_map(data: Any, label: str, key: str, problems: list[CsvProblem]) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(_problem(label, "ledger.mapping_key", key=key, expected="{…}"))
        return {}
    return {str(k): v for k, v in data.items()}


def mapping_from_dict(data: Any, label: str) -> LedgerMapping:
    """Check the shape of a mapping read from JSON; raises CsvImportError naming the
    file ``label`` and the key that is wrong."""
    problems: list[CsvProblem] = []
    if not isinstance(data, dict):
        raise CsvImportError([_problem(label, "ledger.mapping_key", key="{}",
                                       expected="{…}")])
    sheet = data.get("sheet", 1)
    if isinstance(sheet, bool) or not isinstance(sheet, (str, int)) or (
            isinstance(sheet, int) and sheet < 1) or sheet == "":
        problems.append(_problem(label, "ledger.mapping_key", key="sheet",
                                 expected="“2023年台账” | 1"))
        sheet = 1
    header_row = data.get("header_row", 1)
    if isinstance(header_row, str) and header_row.strip().isdigit():
        header_row = int(header_row)  # "3" written by hand
    if isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1:
        problems.append(_problem(label, "ledger.mapping_key", key="header_row",
                                 expected="1, 2, 3 …"))
        header_row = 1
    columns = {k: str(v) for k, v in _text_map(data.get("columns"), label, "columns",
                                               problems).items()}
    if not columns and "columns" in data and not problems:
        problems.append(_problem(label, "ledger.mapping_key", key="columns",
                                 expected="{\"编号\": \"case_no\", …}"))
    for header, target in columns.items():
        if target not in FIELDS:
            problems.append(_problem(label, "ledger.unknown_field", column=header,
                                     value=target, allowed=list(FIELDS)))
    values: dict[str, dict[str, str]] = {}
    for key, table in _text_map(data.get("values"), label, "values", problems).items():
        if key not in FIELDS and key not in columns:
            problems.append(_problem(label, "ledger.unknown_field", column=f"values.{key}",
                                     value=key, allowed=list(FIELDS)))
        mapped = _text_map(table, label, f"values.{key}", problems)
        values[key] = {str(k).strip(): "" if v is None else str(v) for k, v in mapped.items()}
    defaults = {}
    for key, value in _text_map(data.get("defaults"), label, "defaults", problems).items():
        if key not in FORMAT_COLUMNS:
            problems.append(_problem(label, "ledger.unknown_field", column=f"defaults.{key}",
                                     value=key, allowed=list(FORMAT_COLUMNS)))
        defaults[key] = "" if value is None else str(value)
    repeated = _repeated_fields(columns)
    if repeated:
        problems.append(_problem(label, "ledger.field_twice", columns=repeated))
    if problems:
        raise CsvImportError(problems)
    extra = {k: v for k, v in data.items() if k not in _KNOWN_KEYS}
    return LedgerMapping(sheet, header_row, columns, values, defaults, extra)


def _repeated_fields(columns: Mapping[str, str]) -> list[str]:
    """Fields given by more than one column (only the parties may come from several)."""
    seen: dict[str, str] = {}
    out = []
    for header, target in columns.items():
        if target in seen and target != PARTIES:
            out.append(f"{seen[target]} / {header} → {target}")
        seen.setdefault(target, header)
    return out


def load_mapping(path: str | Path) -> LedgerMapping:
    """Read a mapping file (UTF-8, with or without BOM). Raises CsvImportError."""
    p = Path(path)
    label = str(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise CsvImportError([file_problem(label, p, exc)]) from exc
    except UnicodeDecodeError as exc:
        raise CsvImportError([_problem(label, "ledger.mapping_invalid",
                                       detail="not UTF-8")]) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CsvImportError([_problem(label, "ledger.mapping_invalid",
                                       detail=f"{exc.msg}, line {exc.lineno}")]) from exc
    return mapping_from_dict(data, label)


def save_mapping(mapping: LedgerMapping, path: str | Path) -> None:
    """Write the mapping as UTF-8 JSON (written next to it, then renamed)."""
    write_atomically(path, json.dumps(mapping.to_dict(), ensure_ascii=False, indent=2) + "\n")


def _plain(header: str) -> str:
    text = normalise_header(header)
    for ch in "()（）[]【】:：*＊/\\\n\r\t":
        text = text.replace(ch, "")
    return text


def _suggest(header: str) -> tuple[str, int] | None:
    """(field, rank) for a header: an exact synonym (rank = its place in the list),
    else the longest synonym the header contains (ranked after every exact one)."""
    text = _plain(header)
    if not text:
        return None
    best: tuple[int, str] | None = None
    for name, words in SYNONYMS.items():
        for rank, word in enumerate(words):
            if text == word:
                return name, rank
            if word in text and (best is None or len(word) > best[0]):
                best = (len(word), name)
    if best is not None:
        return best[1], 100 - best[0]

    key = CASE_ALIASES.get(normalise_header(header))
    return (key, 0) if key else None


def suggest_field(header: str) -> str | None:
    """The field a header most likely means (None when no synonym fits)."""
    found = _suggest(header)
    return found[0] if found else None


def suggest_columns(headers: Sequence[str]) -> dict[str, str]:
    """Header -> field for the headers with a suggestion. A field other than the
    parties goes to one header only: the one whose word ranks first (案件编号 before
    序号), in the headers' order."""
    best: dict[str, tuple[int, int]] = {}
    found: list[tuple[int, str, str]] = []
    for position, header in enumerate(headers):
        hit = _suggest(header) if header.strip() else None
        if hit is None:
            continue
        name, rank = hit
        found.append((position, header, name))
        if name not in best or (rank, position) < best[name]:
            best[name] = (rank, position)
    return {header: name for position, header, name in found
            if name == PARTIES or best[name][1] == position}


def layout_key(headers: Sequence[str]) -> str:
    """A short fingerprint of a header row: next month's workbook of the same layout
    has the same key, so its mapping can be found again."""
    cells = "\x1f".join(_plain(h) for h in headers if h.strip())
    return hashlib.sha256(cells.encode("utf-8")).hexdigest()[:16]
