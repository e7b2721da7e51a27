"""What the ledger-import wizard proposes: the header row, the labels an office's words
most likely mean, the choices of the code tables, and the mappings remembered per
workbook layout (JSON files of the same shape ``cases import-ledger --mapping`` reads,
one per layout, in the user data folder)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from mediator_app.domain.enums import AgreementForm, CaseStatus
from mediator_app.locations import data_dir  # beside the program in portable mode
from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.ledger_import.mapping import (
    LedgerMapping,
    _plain,
    layout_key,
    load_mapping,
    save_mapping,
)
from mediator_app.services.ledger_import.read import (
    WorkbookInfo,
    cell_text,
    read_sheet,
    resolve_sheet,
)
from mediator_app.storage.code_repo import CodeRepository
from mediator_app.storage.org_repo import OrgRepository

# Words offices write for a status or a form -> our label.
WORDS: dict[str, dict[str, str]] = {
    "status": {
        "已调解": "调解成功", "调解成功": "调解成功", "成功": "调解成功", "调成": "调解成功",
        "达成协议": "调解成功", "已化解": "调解成功", "化解": "调解成功", "已调结": "调解成功",
        "调解不成": "调解终止", "调解不成功": "调解终止", "未成功": "调解终止",
        "不成功": "调解终止", "调解失败": "调解终止", "失败": "调解终止", "终止": "调解终止",
        "调解终止": "调解终止", "未化解": "调解终止",
        "正在调解": "调解中", "调解中": "调解中", "在调": "调解中", "调处中": "调解中",
        "待受理": "待受理", "未受理": "待受理", "不予受理": "不予受理",
    },
    "agreement_form": {"书面": "书面", "书面协议": "书面", "口头": "口头", "口头协议": "口头",
                       "无": "", "/": "", "-": ""},
}


@dataclass(frozen=True)
class Choices:
    """The labels a value may be mapped to, per field, and the committees."""

    labels: dict[str, list[str]]  # field -> labels (the agreement form includes "")
    committees: list[tuple[str, str]]  # (code, name)


def choices(db: Database) -> Choices:
    codes = CodeRepository(db)
    labels = {
        "status": [s.value for s in CaseStatus],
        "agreement_form": ["", *(f.value for f in AgreementForm)],
        "dispute_type": [i.label for i in codes.items("dispute_type", include_inactive=False)],
        "source": [i.label for i in codes.items("source", include_inactive=False)],
    }
    committees = [(c.code, c.name) for c in OrgRepository(db).committees()]
    return Choices(labels, committees)


def guess_label(field: str, text: str, labels: list[str]) -> str | None:
    """The label ``text`` most likely means: itself, an office word we know, the one
    label starting with it (邻里 -> 邻里纠纷), or None."""
    text = text.strip()
    if text in labels:
        return text
    known = WORDS.get(field, {}).get(_plain(text))
    if known is not None and known in labels:
        return known
    starting = [label for label in labels if label and label.startswith(text)]
    if text and len(starting) == 1:
        return starting[0]
    containing = [label for label in labels if label and text and text in label]
    return containing[0] if len(containing) == 1 else None


def guess_header_row(rows: list[list[Any]], limit: int = 30) -> int:
    """The 1-based row most likely holding the headers: among the first ``limit`` rows,
    the first with the most different non-empty text cells (a title row, even merged
    over the whole width, has one)."""
    best, best_count = 1, 0
    for number, row in enumerate(rows[:limit], 1):
        count = len({c.strip() for c in row if isinstance(c, str) and c.strip()})
        if count > best_count:
            best, best_count = number, count
    return best


def header_cells(info: WorkbookInfo, sheet: str, header_row: int, label: str) -> list[str]:
    rows = read_sheet(info, sheet, label, limit=header_row).rows
    return [cell_text(c) for c in rows[header_row - 1]] if len(rows) >= header_row else []


class MappingStore:
    """Remembered mappings: ``folder/<layout key>.json``, each a mapping file with the
    extra key ``layout`` (the key of its header row)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def remember(self, mapping: LedgerMapping, header: list[str]) -> Path:
        key = layout_key(header)
        mapping.extra["layout"] = key
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{key}.json"
        save_mapping(mapping, path)
        return path

    def find(self, info: WorkbookInfo, label: str) -> LedgerMapping | None:
        """The remembered mapping whose sheet and header row fit this workbook's layout
        (the latest saved first)."""
        if not self.folder.is_dir():
            return None
        files = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime,
                       reverse=True)
        for path in files:
            try:
                mapping = load_mapping(path)
                sheet = resolve_sheet(info, mapping.sheet, label)
                header = header_cells(info, sheet, mapping.header_row, label)
            except (CsvImportError, json.JSONDecodeError, OSError):
                continue
            if mapping.extra.get("layout") == layout_key(header):
                return mapping
        return None


def default_store() -> MappingStore:
    return MappingStore(data_dir() / "ledger-mappings")
