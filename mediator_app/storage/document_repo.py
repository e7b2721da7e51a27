"""Look-ups the case documents need that the other repositories do not offer."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class CaseRef:
    """A live case matching a user's key (case number or UUID)."""

    rowid: int
    case_id: str
    case_no: str
    committee_code: str
    committee_name: str
    year: int


def find_cases(db: Database, key: str) -> list[CaseRef]:
    """Live (not deleted) cases whose UUID or case number is ``key``."""
    rows = db.execute(
        "SELECT c.id, c.case_id, c.case_no, c.committee_code, COALESCE(m.name, ''), c.year "
        "FROM cases c LEFT JOIN committees m ON m.code = c.committee_code "
        "WHERE c.deleted = 0 AND (c.case_id = ?1 OR (c.case_no = ?1 AND c.case_no <> '')) "
        "ORDER BY c.id",
        [key],
    ).fetchall()
    return [CaseRef(*r) for r in rows]


def code_label(db: Database, kind: str, code: str) -> str:
    """The label of a code-table entry (inactive ones too); the code itself if unknown."""
    row = db.execute(
        "SELECT label FROM code_items WHERE kind = ? AND code = ?", [kind, code]
    ).fetchone()
    return str(row[0]) if row else code


def mediator_names(db: Database, case_rowid: int) -> list[str]:
    """Names of the mediators assigned to a case, in assignment order."""
    rows = db.execute(
        "SELECT p.name FROM case_mediators m JOIN people p ON p.id = m.person_id "
        "WHERE m.case_rowid = ? ORDER BY m.seq, p.id",
        [case_rowid],
    ).fetchall()
    return [r[0] for r in rows]
