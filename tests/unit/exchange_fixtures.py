"""Helpers to write case CSV files for import/export tests, whose rows belong to the
shared mini district (tests/fixtures/district.py), and to compare databases."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

from sqlite_utils import Database

from mediator_app.storage.exchange_repo import EXPORT_HEADER
from tests.fixtures.district import COMMITTEE_VILLAGE, GRID_A1


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
