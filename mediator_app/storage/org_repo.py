"""Org units (district → street → village/community → grid), committees and people."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from mediator_app.domain.enums import CommitteeKind, Employment, OrgLevel, PersonRole, Sex
from mediator_app.domain.model import Committee, OrgUnit, Person
from mediator_app.storage.convert import enum_or_none, now_iso

_UNIT_COLS = "code, name, level, parent_code, active"
_COMMITTEE_COLS = "code, name, short_name, kind, org_code, active, phone, address"
_PERSON_COLS = (
    "id, name, role, committee_code, grid_code, phone, sex, employment, position, active"
)


def _unit(row: tuple[Any, ...]) -> OrgUnit:
    return OrgUnit(row[0], row[1], OrgLevel(row[2]), row[3], bool(row[4]))


def _committee(row: tuple[Any, ...]) -> Committee:
    return Committee(row[0], row[1], row[2], CommitteeKind(row[3]), row[4], bool(row[5]),
                     row[6], row[7])


def _person(row: tuple[Any, ...]) -> Person:
    return Person(
        id=row[0], name=row[1], role=PersonRole(row[2]), committee_code=row[3],
        grid_code=row[4], phone=row[5], sex=enum_or_none(Sex, row[6]),
        employment=enum_or_none(Employment, row[7]), position=row[8], active=bool(row[9]),
    )


class OrgRepository:
    def __init__(self, db: Database):
        self.db = db

    # ---- org units -------------------------------------------------------------------
    def upsert_unit(self, unit: OrgUnit) -> None:
        self.db.execute(
            "INSERT INTO org_units(code, name, level, parent_code, active, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
            "level = excluded.level, parent_code = excluded.parent_code, "
            "active = excluded.active, updated_at = excluded.updated_at",
            [unit.code, unit.name, unit.level.value, unit.parent_code, int(unit.active),
             now_iso()],
        )

    def upsert_units(self, units: Iterable[OrgUnit]) -> None:
        for unit in units:
            self.upsert_unit(unit)
        self.rebuild_closure()

    def rebuild_closure(self) -> None:
        self.db.execute("DELETE FROM org_closure")
        self.db.execute(
            "INSERT INTO org_closure(ancestor, descendant, depth) "
            "WITH RECURSIVE c(anc, des, depth) AS ("
            " SELECT code, code, 0 FROM org_units"
            " UNION ALL SELECT c.anc, u.code, c.depth + 1 FROM c"
            " JOIN org_units u ON u.parent_code = c.des WHERE c.depth < 10)"
            " SELECT anc, des, depth FROM c"
        )

    def unit(self, code: str) -> OrgUnit | None:
        row = self.db.execute(
            f"SELECT {_UNIT_COLS} FROM org_units WHERE code = ?", [code]
        ).fetchone()
        return _unit(row) if row else None

    def units(self, *, include_inactive: bool = True) -> list[OrgUnit]:
        where = "" if include_inactive else "WHERE active = 1"
        rows = self.db.execute(
            f"SELECT {_UNIT_COLS} FROM org_units {where} ORDER BY sort_order, code"
        ).fetchall()
        return [_unit(r) for r in rows]

    def children(self, code: str | None) -> list[OrgUnit]:
        if code is None:
            sql = f"SELECT {_UNIT_COLS} FROM org_units WHERE parent_code IS NULL ORDER BY code"
            return [_unit(r) for r in self.db.execute(sql).fetchall()]
        rows = self.db.execute(
            f"SELECT {_UNIT_COLS} FROM org_units WHERE parent_code = ? ORDER BY code", [code]
        ).fetchall()
        return [_unit(r) for r in rows]

    def descendant_codes(self, code: str) -> list[str]:
        rows = self.db.execute(
            "SELECT descendant FROM org_closure WHERE ancestor = ?", [code]
        ).fetchall()
        return [r[0] for r in rows]

    def ancestors(self, code: str) -> list[OrgUnit]:
        """From the root down to ``code`` itself."""
        rows = self.db.execute(
            f"SELECT {', '.join('u.' + c.strip() for c in _UNIT_COLS.split(','))} "
            "FROM org_closure c JOIN org_units u ON u.code = c.ancestor "
            "WHERE c.descendant = ? ORDER BY c.depth DESC",
            [code],
        ).fetchall()
        return [_unit(r) for r in rows]

    def set_unit_active(self, code: str, active: bool) -> None:
        self.db.execute(
            "UPDATE org_units SET active = ?, updated_at = ? WHERE code = ?",
            [int(active), now_iso(), code],
        )

    def count_units_by_level(self) -> dict[str, int]:
        rows = self.db.execute("SELECT level, count(*) FROM org_units GROUP BY level")
        return dict(rows.fetchall())

    # ---- committees ------------------------------------------------------------------
    def upsert_committee(self, c: Committee) -> None:
        self.db.execute(
            "INSERT INTO committees(code, name, short_name, kind, org_code, active, phone, "
            "address, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
            "short_name = excluded.short_name, kind = excluded.kind, "
            "org_code = excluded.org_code, active = excluded.active, phone = excluded.phone, "
            "address = excluded.address, updated_at = excluded.updated_at",
            [c.code, c.name, c.short_name, c.kind.value, c.org_code, int(c.active), c.phone,
             c.address, now_iso()],
        )
        self.db.execute(
            "UPDATE cases SET org_code = COALESCE(grid_code, ?) "
            "WHERE committee_code = ? AND org_code <> COALESCE(grid_code, ?)",
            [c.org_code, c.code, c.org_code],
        )

    def committee(self, code: str) -> Committee | None:
        row = self.db.execute(
            f"SELECT {_COMMITTEE_COLS} FROM committees WHERE code = ?", [code]
        ).fetchone()
        return _committee(row) if row else None

    def committees(self, *, under: str | None = None,
                   include_inactive: bool = True) -> list[Committee]:
        clauses, params = [], []
        if under:
            clauses.append("org_code IN (SELECT descendant FROM org_closure WHERE ancestor = ?)")
            params.append(under)
        if not include_inactive:
            clauses.append("active = 1")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.db.execute(
            f"SELECT {_COMMITTEE_COLS} FROM committees {where} ORDER BY code", params
        ).fetchall()
        return [_committee(r) for r in rows]

    def set_committee_active(self, code: str, active: bool) -> None:
        self.db.execute(
            "UPDATE committees SET active = ?, updated_at = ? WHERE code = ?",
            [int(active), now_iso(), code],
        )

    # ---- people ----------------------------------------------------------------------
    def find_person(self, name: str, phone: str, committee_code: str | None,
                    grid_code: str | None) -> int | None:
        """Natural key: name + phone when a phone is given, else name + committee + grid."""
        params: list[str | None]
        if phone:
            sql, params = "SELECT id FROM people WHERE name = ? AND phone = ?", [name, phone]
        else:
            sql = ("SELECT id FROM people WHERE name = ? AND phone = '' "
                   "AND committee_code IS ? AND grid_code IS ?")
            params = [name, committee_code, grid_code]
        row = self.db.execute(sql, params).fetchone()
        return row[0] if row else None

    def upsert_person(self, p: Person) -> int:
        pid = p.id or self.find_person(p.name, p.phone, p.committee_code, p.grid_code)
        values = [p.name, p.role.value, p.committee_code, p.grid_code, p.phone,
                  p.sex.value if p.sex else None,
                  p.employment.value if p.employment else None, p.position, int(p.active),
                  now_iso()]
        if pid is None:
            cur = self.db.execute(
                "INSERT INTO people(name, role, committee_code, grid_code, phone, sex, "
                "employment, position, active, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                values,
            )
            return int(cur.lastrowid or 0)
        self.db.execute(
            "UPDATE people SET name = ?, role = ?, committee_code = ?, grid_code = ?, "
            "phone = ?, sex = ?, employment = ?, position = ?, active = ?, updated_at = ? "
            "WHERE id = ?",
            [*values, pid],
        )
        return pid

    def person(self, pid: int) -> Person | None:
        row = self.db.execute(
            f"SELECT {_PERSON_COLS} FROM people WHERE id = ?", [pid]
        ).fetchone()
        return _person(row) if row else None

    def people(self, *, committee_code: str | None = None, grid_code: str | None = None,
               under: str | None = None, include_inactive: bool = True) -> list[Person]:
        clauses, params = [], []
        if committee_code:
            clauses.append("committee_code = ?")
            params.append(committee_code)
        if grid_code:
            clauses.append("grid_code = ?")
            params.append(grid_code)
        if under:
            clauses.append(
                "(grid_code IN (SELECT descendant FROM org_closure WHERE ancestor = ?) OR "
                "committee_code IN (SELECT code FROM committees WHERE org_code IN "
                "(SELECT descendant FROM org_closure WHERE ancestor = ?)))"
            )
            params += [under, under]
        if not include_inactive:
            clauses.append("active = 1")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.db.execute(
            f"SELECT {_PERSON_COLS} FROM people {where} ORDER BY committee_code, name", params
        ).fetchall()
        return [_person(r) for r in rows]

    def set_person_active(self, pid: int, active: bool) -> None:
        self.db.execute(
            "UPDATE people SET active = ?, updated_at = ? WHERE id = ?",
            [int(active), now_iso(), pid],
        )

    def is_referenced(self, kind: str, key: str) -> bool:
        """True when cases point to this unit / committee / person (so no delete)."""
        sql = {
            "unit": "SELECT 1 FROM cases WHERE grid_code = ?1 OR org_code = ?1 LIMIT 1",
            "committee": "SELECT 1 FROM cases WHERE committee_code = ? LIMIT 1",
            "person": "SELECT 1 FROM case_mediators WHERE person_id = ? LIMIT 1",
        }[kind]
        return self.db.execute(sql, [key]).fetchone() is not None
