"""Finding cases that may be the same dispute entered twice."""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database


def same_id_number(db: Database, id_numbers: list[str], exclude_rowid: int | None) -> list[int]:
    """Live cases with a party holding one of these ID numbers."""
    numbers = sorted({n.strip().upper() for n in id_numbers if n.strip()})
    if not numbers:
        return []
    marks = ", ".join("?" * len(numbers))
    rows = db.execute(
        "SELECT DISTINCT c.id FROM cases c JOIN parties p ON p.case_rowid = c.id "
        f"WHERE c.deleted = 0 AND c.id IS NOT ? AND upper(p.id_number) IN ({marks}) "
        "ORDER BY c.id",
        [exclude_rowid, *numbers],
    ).fetchall()
    return [r[0] for r in rows]


def same_party_names(db: Database, names: list[str], received_on: date, *,
                     exclude_rowid: int | None, window_days: int = 30) -> list[int]:
    """Live cases registered within ``window_days`` of ``received_on`` whose set of
    party names equals ``names``."""
    wanted = {n.strip() for n in names if n.strip()}
    if not wanted:
        return []
    lo = (received_on - timedelta(days=window_days)).isoformat()
    hi = (received_on + timedelta(days=window_days)).isoformat()
    marks = ", ".join("?" * len(wanted))
    rows = db.execute(
        "SELECT c.id, p.name FROM cases c JOIN parties p ON p.case_rowid = c.id "
        "WHERE c.deleted = 0 AND c.id IS NOT ? AND c.received_on BETWEEN ? AND ? "
        "AND c.id IN (SELECT case_rowid FROM parties "
        f"WHERE trim(name) IN ({marks})) ORDER BY c.id",
        [exclude_rowid, lo, hi, *sorted(wanted)],
    ).fetchall()
    found: dict[int, set[str]] = {}
    for rowid, name in rows:
        found.setdefault(rowid, set()).add(name.strip())
    return [rowid for rowid, got in found.items() if got == wanted]
