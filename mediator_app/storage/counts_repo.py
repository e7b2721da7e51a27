"""Monthly case counts per location (table ``case_counts``, migration
``m0082_create_case_counts``): what the overview needs at 1,000,000 cases without reading
the cases (issue 13).

Rows: ``(org_code, month 'YYYY-MM', kind, status, dispute_type, n)``. Kind ``'r'`` counts
the cases *registered* (``received_on``) in the month by status and dispute type; kind
``'a'`` counts the cases *accepted* (``accepted_on``) in the month (status and type
empty). Tombstoned cases (``deleted = 1``) are not counted. Triggers on ``cases`` keep the
rows in the same statement as any insert, edit of a counted column, status change,
tombstone or deletion; bulk writers that insert with the insert trigger dropped add a
chunk's counts with ``add_rows`` before they commit (``BulkRepository``).

Queries take a day range and are exact for it: the months the range touches come from
the table, and the days of its first and last month outside the range (normally none: a
range ending today, and no case registered in the future) are subtracted with indexed
queries on the cases.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mediator_app.storage.migrations import COUNTS_FILL_SQL

if TYPE_CHECKING:
    from sqlite_utils import Database

# scope kind -> (clause, whether it takes the scope code as its parameter)
_SCOPE: dict[str, tuple[str, bool]] = {
    "all": ("", False),
    "org": (" AND org_code IN (SELECT descendant FROM org_closure WHERE ancestor = ?)", True),
}


_GROUP = ("month", "status", "dispute_type")
_CASE_EXPR = {"month": "substr(received_on, 1, 7)", "status": "status",
              "dispute_type": "dispute_type"}


def month_bounds(first: date, last: date) -> tuple[str, str, date, date]:
    """(first month, last month, first day of the first month, day after the last month)."""
    start = first.replace(day=1)
    after = (last.replace(day=28) + timedelta(days=4)).replace(day=1)
    return f"{first:%Y-%m}", f"{last:%Y-%m}", start, after


def supported(db: Database, scope_kind: str) -> bool:
    """Counts exist per location: the whole ledger or an org unit's subtree (a committee
    scope is answered from the cases, its few thousand rows are quick); and only in a
    file that has the table (a file opened read-only without its migrations does not)."""
    return scope_kind in _SCOPE and db.execute(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' "
        "AND name = 'case_counts')").fetchone()[0] == 1


class CountsRepository:
    def __init__(self, db: Database):
        self.db = db

    def _scope(self, kind: str, code: str) -> tuple[str, list[str]]:
        clause, takes_code = _SCOPE[kind]
        return clause, ([code] if takes_code else [])

    def registered(self, scope_kind: str, scope_code: str, first: date | None,
                   last: date | None, *, status: str = "", dispute_type: str = "",
                   group: tuple[str, ...] = _GROUP) -> Counter[tuple[str, ...]]:
        """{(month, status, dispute type): cases registered between the two days}
        (None: no bound), optionally of one status and/or dispute type; ``group``: the
        key columns to count by (a subset of the three, in this order)."""
        out: Counter[tuple[str, ...]] = Counter()
        if not set(group) <= set(_GROUP):
            raise ValueError(f"group by {group!r}")
        keys = ", ".join(group)
        width = len(group)
        case_keys = ", ".join(_CASE_EXPR[g] for g in group)
        if first is not None and last is not None and first > last:
            return out
        clause, params = self._scope(scope_kind, scope_code)
        for column, value in (("status", status), ("dispute_type", dispute_type)):
            if value:
                clause += f" AND {column} = ?"
                params.append(value)
        m1 = f"{first:%Y-%m}" if first else ""
        m2 = f"{last:%Y-%m}" if last else "9999-99"
        for row in self.db.execute(
            f"SELECT {keys}, sum(n) FROM case_counts "
            f"WHERE kind = 'r' AND month BETWEEN ? AND ? {clause} GROUP BY {keys}",
            [m1, m2, *params],
        ).fetchall():
            out[tuple(row[:width])] += int(row[width])
        edges = []
        if first is not None:
            edges.append((first.replace(day=1), first))
        if last is not None:
            edges.append((last + timedelta(days=1), month_bounds(last, last)[3]))
        for lo, hi in edges:
            if lo >= hi:
                continue
            for row in self.db.execute(
                f"SELECT {case_keys}, count(*) FROM cases "
                f"WHERE received_on >= ? AND received_on < ? AND deleted = 0 {clause} "
                f"GROUP BY {case_keys}", [lo.isoformat(), hi.isoformat(), *params],
            ).fetchall():
                out[tuple(row[:width])] -= int(row[width])
        return +out

    def accepted(self, scope_kind: str, scope_code: str, first: date, last: date) -> int:
        """Cases accepted between the two days."""
        if first > last:
            return 0
        clause, params = self._scope(scope_kind, scope_code)
        m1, m2, start, after = month_bounds(first, last)
        total = int(self.db.execute(
            f"SELECT coalesce(sum(n), 0) FROM case_counts WHERE kind = 'a' "
            f"AND month BETWEEN ? AND ? {clause}", [m1, m2, *params]).fetchone()[0])
        for lo, hi in ((start, first), (last + timedelta(days=1), after)):
            if lo < hi:
                total -= int(self.db.execute(
                    f"SELECT count(*) FROM cases WHERE accepted_on >= ? AND accepted_on < ? "
                    f"AND deleted = 0 {clause}", [lo.isoformat(), hi.isoformat(), *params]
                ).fetchone()[0])
        return total

    def dated_after(self, scope_kind: str, scope_code: str, first: date, last: date,
                    as_of: date) -> list[tuple[str, bool, bool, int]]:
        """(status, closed after as-of, accepted after as-of, cases) of the cases
        registered between the two days that were closed or accepted after ``as_of``
        (their status on that day differs from the stored one). Normally empty."""
        clause, params = self._scope(scope_kind, scope_code)
        day = as_of.isoformat()
        rows = self.db.execute(
            f"SELECT status, closed_on > ?1, accepted_on > ?1, count(*) FROM cases "
            f"WHERE id IN (SELECT id FROM cases WHERE closed_on > ?1 AND deleted = 0 "
            f"AND status IN ('待受理','调解中','调解成功','调解终止','不予受理') "
            f"UNION SELECT id FROM cases WHERE accepted_on > ?1) "
            f"AND received_on BETWEEN ?2 AND ?3 AND deleted = 0{clause.replace('?', '?4')}"
            " GROUP BY 1, 2, 3", [day, first.isoformat(), last.isoformat(), *params],
        ).fetchall()
        return [(r[0], bool(r[1]), bool(r[2]), int(r[3])) for r in rows]

    def add_rows(self, first_id: int, last_id: int) -> None:
        """Add the counts of the cases with ids in the range (inserted by a bulk writer
        with the insert trigger dropped), inside the caller's transaction."""
        self.db.execute(COUNTS_FILL_SQL.format(where="id BETWEEN :lo AND :hi"),
                        {"lo": first_id, "hi": last_id})

    def drop_insert_trigger(self) -> str | None:
        """Drop ``case_counts_ai`` (a bulk import inside its transaction) and return its
        SQL; ``add_rows`` then counts the inserted rows in one pass."""
        row = self.db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                              "AND name = 'case_counts_ai'").fetchone()
        if row is None:
            return None
        self.db.execute("DROP TRIGGER case_counts_ai")
        return str(row[0])

    def restore_insert_trigger(self, sql: str) -> None:
        self.db.execute(sql)

    def recount(self) -> None:
        """Rebuild the table from the cases (repair; the caller owns the transaction)."""
        self.db.execute("DELETE FROM case_counts")
        self.db.execute(COUNTS_FILL_SQL.format(where="1"))

    def differences(self) -> list[tuple[str, str, str, str, str, int, int]]:
        """Rows where the table disagrees with a direct count of the cases:
        (org, month, kind, status, type, counted, stored). ``check`` reports them."""
        rows = self.db.execute(
            """WITH direct AS (
                 SELECT org_code, substr(received_on, 1, 7) AS month, 'r' AS kind, status,
                        dispute_type, count(*) AS n FROM cases WHERE deleted = 0
                  GROUP BY 1, 2, 4, 5
                 UNION ALL
                 SELECT org_code, substr(accepted_on, 1, 7), 'a', '', '', count(*) FROM cases
                  WHERE deleted = 0 AND accepted_on IS NOT NULL GROUP BY 1, 2),
               stored AS (SELECT * FROM case_counts WHERE n <> 0)
               SELECT d.org_code, d.month, d.kind, d.status, d.dispute_type, d.n,
                      coalesce(s.n, 0) FROM direct d LEFT JOIN case_counts s
                   USING (org_code, month, kind, status, dispute_type)
                WHERE s.n IS NOT d.n
               UNION ALL
               SELECT s.org_code, s.month, s.kind, s.status, s.dispute_type, 0, s.n
                 FROM stored s LEFT JOIN direct d
                   USING (org_code, month, kind, status, dispute_type)
                WHERE d.n IS NULL"""
        ).fetchall()
        return [tuple(r) for r in rows]
