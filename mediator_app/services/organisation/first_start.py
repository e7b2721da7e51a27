"""First start: what a new ledger still lacks, and the org-file templates with example rows.

``setup_progress(db)`` counts org units, committees and mediators; its ``next_step`` is the
one thing to do next (``units`` → ``committees`` → ``mediators`` → ``done``), which the
setup window says in one sentence. ``write_templates(folder)`` writes the three files that
``org import`` reads (UTF-8 with BOM, CRLF, as Excel saves "CSV UTF-8"), each with a few
example rows of an invented district that the user overwrites with their own.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from mediator_app.storage.files import atomic_text
from mediator_app.storage.org_repo import OrgRepository

TEMPLATES: dict[str, tuple[list[str], list[list[str]]]] = {
    "org_units.csv": (
        ["code", "name", "level", "parent_code"],
        [
            ["610114", "示例区", "区", ""],
            ["610114001", "东关街道", "街道", "610114"],
            ["610114002", "西河镇", "乡镇", "610114"],
            ["610114001001", "东关社区", "社区", "610114001"],
            ["610114002001", "柳树村", "村", "610114002"],
            ["610114001001001", "东关社区第一网格", "网格", "610114001001"],
            ["610114002001001", "柳树村第一网格", "网格", "610114002001"],
        ],
    ),
    "committees.csv": (
        ["code", "name", "short_name", "kind", "org_code"],
        [
            ["C001", "示例区人民调解委员会", "示例区调委会", "区调委会", "610114"],
            ["C002", "东关街道人民调解委员会", "东关街道", "乡镇(街道)调委会", "610114001"],
            ["C003", "东关社区人民调解委员会", "东关社区", "村(居)调委会", "610114001001"],
            ["C004", "柳树村人民调解委员会", "柳树村", "村(居)调委会", "610114002001"],
        ],
    ),
    "people.csv": (
        ["name", "role", "committee_code", "grid_code", "phone"],
        [
            ["张示例", "调解员", "C002", "", "13800000001"],
            ["李示例", "调解员+网格员", "C003", "610114001001001", "13800000002"],
            ["王示例", "网格员", "", "610114002001001", "13800000003"],
        ],
    ),
}


@dataclass(frozen=True)
class SetupProgress:
    units: int
    committees: int
    mediators: int

    @property
    def next_step(self) -> str:
        if not self.units:
            return "units"
        if not self.committees:
            return "committees"
        if not self.mediators:
            return "mediators"
        return "done"


def setup_progress(db: Database) -> SetupProgress:
    org = OrgRepository(db)
    units = len(org.units(include_inactive=False))
    committees = len(org.committees(include_inactive=False))
    mediators = sum(1 for p in org.people(include_inactive=False) if p.role.is_mediator)
    return SetupProgress(units, committees, mediators)


def write_templates(folder: str | Path) -> list[Path]:
    """Write the three template files into ``folder`` (which must exist); returns them.
    Existing files of the same name are replaced (each written whole, then renamed)."""
    target = Path(folder)
    written: list[Path] = []
    for name, (header, rows) in TEMPLATES.items():
        path = target / name
        with atomic_text(path, encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written
