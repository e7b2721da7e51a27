"""A mini district for import/export tests: 1 district, 2 streets, 3 villages or
communities, 4 grids, 3 committees; and helpers to write case CSV files."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

from sqlite_utils import Database

from mediator_app.domain.enums import CommitteeKind, OrgLevel
from mediator_app.domain.model import Committee, OrgUnit
from mediator_app.storage.exchange_repo import EXPORT_HEADER
from mediator_app.storage.org_repo import OrgRepository

DISTRICT = "610114"
STREET_A, STREET_B = "610114001", "610114002"
VILLAGE_A, COMMUNITY_A, VILLAGE_B = "610114001001", "610114001002", "610114002001"
GRID_A1, GRID_A2 = "610114001001001", "610114001001002"
GRID_C1, GRID_B1 = "610114001002001", "610114002001001"
COMMITTEE_VILLAGE, COMMITTEE_STREET, COMMITTEE_DISTRICT = "C001", "C002", "C003"

UNITS = [
    OrgUnit(DISTRICT, "示例区", OrgLevel.DISTRICT),
    OrgUnit(STREET_A, "东街道", OrgLevel.STREET, DISTRICT),
    OrgUnit(STREET_B, "西镇", OrgLevel.TOWN, DISTRICT),
    OrgUnit(VILLAGE_A, "东村", OrgLevel.VILLAGE, STREET_A),
    OrgUnit(COMMUNITY_A, "东社区", OrgLevel.COMMUNITY, STREET_A),
    OrgUnit(VILLAGE_B, "西村", OrgLevel.VILLAGE, STREET_B),
    OrgUnit(GRID_A1, "东村一网格", OrgLevel.GRID, VILLAGE_A),
    OrgUnit(GRID_A2, "东村二网格", OrgLevel.GRID, VILLAGE_A),
    OrgUnit(GRID_C1, "东社区一网格", OrgLevel.GRID, COMMUNITY_A),
    OrgUnit(GRID_B1, "西村一网格", OrgLevel.GRID, VILLAGE_B),
]
COMMITTEES = [
    Committee(COMMITTEE_VILLAGE, "东村人民调解委员会", "东村", CommitteeKind.VILLAGE, VILLAGE_A),
    Committee(COMMITTEE_STREET, "东街道人民调解委员会", "东街", CommitteeKind.STREET, STREET_A),
    Committee(COMMITTEE_DISTRICT, "示例区人民调解委员会", "示区", CommitteeKind.DISTRICT,
              DISTRICT),
]


def build_mini_district(db: Database) -> None:
    repo = OrgRepository(db)
    with db.atomic():
        repo.upsert_units(UNITS)
        for committee in COMMITTEES:
            repo.upsert_committee(committee)


def case_row(n: int = 1, **overrides: str) -> dict[str, str]:
    """A valid cases.csv v1 row (a resolved case); ``overrides`` replace fields."""
    row = {
        "case_id": str(uuid.UUID(int=n)), "case_no": f"（2023）东村人调字第{n}号",
        "committee_code": COMMITTEE_VILLAGE, "grid_code": GRID_A1, "source": "排查发现",
        "dispute_type": "邻里纠纷", "received_on": "2023-05-02", "accepted_on": "2023-05-03",
        "status": "调解成功", "closed_on": "2023-05-10", "agreement_form": "口头",
        "amount_yuan": "1200.50", "people_involved": "2", "summary": f"第{n}件，邻里纠纷",
        "updated_at": "2023-05-10T09:00:00+08:00", "deleted": "0", "difficulty": "",
    }
    row.update(overrides)
    return row


def cases_csv_text(rows: Iterable[Mapping[str, str]],
                   header: Iterable[str] = EXPORT_HEADER, lineterminator: str = "\r\n") -> str:
    buf = io.StringIO()
    header = list(header)
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator=lineterminator)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(k, "") for k in EXPORT_HEADER][: len(header)]
                        if header == list(EXPORT_HEADER) else list(row.values()))
    return buf.getvalue()


def write_cases(path: Path, rows: Iterable[Mapping[str, str]], *,
                encoding: str = "utf-8-sig", header: Iterable[str] = EXPORT_HEADER) -> Path:
    path.write_bytes(cases_csv_text(rows, header).encode(encoding))
    return path


def dump(db: Database) -> str:
    """Every table's content, to compare a database before and after a failed import."""
    return "\n".join(db.conn.iterdump())
