"""Small read queries for pickers (code tables, committees, grids, mediators) and the
few organisation writes OrgRepository does not have (deleting unreferenced rows)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from mediator_app.domain.enums import CommitteeKind, OrgLevel
from mediator_app.domain.model import CodeItem

_KINDS = ("dispute_type", "source", "difficulty")


@dataclass(frozen=True)
class Choice:
    """One entry of a picker: the stored key and the text shown."""

    key: str
    label: str
    active: bool = True

    @property
    def text(self) -> str:
        return f"{self.key} {self.label}"


def code_items(db: Database, kind: str, *, include_inactive: bool = False) -> list[CodeItem]:
    """Entries of a code table ('dispute_type' or 'source') in display order."""
    if kind not in _KINDS:
        raise ValueError(kind)
    where = "" if include_inactive else "AND active = 1"
    rows = db.execute(
        "SELECT kind, code, label, group_label, sort_order, active, version FROM code_items "
        f"WHERE kind = ? {where} ORDER BY sort_order, code",
        [kind],
    ).fetchall()
    return [CodeItem(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]) for r in rows]


def code_exists(db: Database, kind: str, code: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM code_items WHERE kind = ? AND code = ?", [kind, code]
    ).fetchone()
    return row is not None


def committee_choices(db: Database, *, include_inactive: bool = False) -> list[Choice]:
    where = "" if include_inactive else "WHERE active = 1"
    rows = db.execute(f"SELECT code, name, active FROM committees {where} ORDER BY code")
    return [Choice(r[0], r[1], bool(r[2])) for r in rows.fetchall()]


def grid_choices(db: Database, *, include_inactive: bool = False,
                 under: str | None = None) -> list[Choice]:
    """Grids with their village/community name, e.g. "610114001001001 幸福社区第一网格";
    ``under``: only the grids beneath that org unit (org_closure)."""
    where = "" if include_inactive else "AND g.active = 1"
    params: list[str] = []
    if under:
        where += " AND g.code IN (SELECT descendant FROM org_closure WHERE ancestor = ?)"
        params.append(under)
    rows = db.execute(
        "SELECT g.code, COALESCE(p.name || ' ', '') || g.name, g.active FROM org_units g "
        f"LEFT JOIN org_units p ON p.code = g.parent_code WHERE g.level = '网格' {where} "
        "ORDER BY g.code", params
    )
    return [Choice(r[0], r[1], bool(r[2])) for r in rows.fetchall()]


# committees whose cases come from anywhere in the district
_WHOLE_DISTRICT_KINDS = (CommitteeKind.DISTRICT.value, CommitteeKind.PROFESSIONAL.value,
                         CommitteeKind.ENTERPRISE.value)
_DISTRICT_LEVELS = (OrgLevel.DISTRICT.value, OrgLevel.COUNTY.value)


def committee_grid_area(db: Database, committee_code: str | None) -> str | None:
    """The org unit whose grids a committee's cases are located in (its own unit);
    None for every grid: a district-level, professional or enterprise committee, a
    committee of a district unit, an unknown committee, or a unit without grids."""
    row = db.execute(
        "SELECT c.kind, c.org_code, u.level FROM committees c "
        "LEFT JOIN org_units u ON u.code = c.org_code WHERE c.code = ?",
        [committee_code or ""],
    ).fetchone()
    if row is None or not row[1] or row[0] in _WHOLE_DISTRICT_KINDS \
            or row[2] in _DISTRICT_LEVELS:
        return None
    has_grids = db.execute(
        "SELECT 1 FROM org_closure c JOIN org_units g ON g.code = c.descendant "
        "WHERE c.ancestor = ? AND g.level = '网格' AND g.active = 1 LIMIT 1", [row[1]]
    ).fetchone()
    return row[1] if has_grids else None


def mediator_choices(db: Database, committee_code: str | None) -> list[Choice]:
    """Active mediators of a committee (key = person id as text)."""
    rows = db.execute(
        "SELECT id, name, active FROM people WHERE committee_code = ? "
        "AND role IN ('调解员', '调解员+网格员') AND active = 1 ORDER BY name, id",
        [committee_code],
    )
    return [Choice(str(r[0]), r[1], bool(r[2])) for r in rows.fetchall()]


def case_mediator_ids(db: Database, case_rowid: int) -> list[int]:
    """The mediators ticked on a stored case, in their order."""
    rows = db.execute("SELECT person_id FROM case_mediators WHERE case_rowid = ? ORDER BY seq",
                      [case_rowid])
    return [int(r[0]) for r in rows.fetchall()]


def case_no_of(db: Database, case_rowid: int) -> str:
    """The case number of a stored case ("" if none or no such case)."""
    row = db.execute("SELECT case_no FROM cases WHERE id = ?", [case_rowid]).fetchone()
    return str(row[0] or "") if row else ""


def person_names(db: Database, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = db.execute(f"SELECT id, name FROM people WHERE id IN ({marks})", ids)
    return dict(rows.fetchall())


# ---- organisation rows that nothing points to --------------------------------------

_DEPENDENTS = {
    "unit": (
        "SELECT (SELECT count(*) FROM org_units WHERE parent_code = ?1)"
        " + (SELECT count(*) FROM committees WHERE org_code = ?1)"
        " + (SELECT count(*) FROM people WHERE grid_code = ?1)"
        " + (SELECT count(*) FROM cases WHERE grid_code = ?1 OR org_code = ?1)"
    ),
    "committee": (
        "SELECT (SELECT count(*) FROM people WHERE committee_code = ?1)"
        " + (SELECT count(*) FROM cases WHERE committee_code = ?1)"
    ),
    "person": "SELECT count(*) FROM case_mediators WHERE person_id = ?1",
}

_DELETE = {
    "unit": ("DELETE FROM org_closure WHERE ancestor = ?1 OR descendant = ?1",
             "DELETE FROM org_units WHERE code = ?1"),
    "committee": ("DELETE FROM committees WHERE code = ?1",),
    "person": ("DELETE FROM people WHERE id = ?1",),
}


def dependents(db: Database, kind: str, key: str | int) -> int:
    """How many rows (children, committees, people, cases) point to this row."""
    return int(db.execute(_DEPENDENTS[kind], [key]).fetchone()[0])


def delete_org_row(db: Database, kind: str, key: str | int) -> None:
    """Delete a unit / committee / person; the caller checked ``dependents`` is 0."""
    for sql in _DELETE[kind]:
        db.execute(sql, [key])
