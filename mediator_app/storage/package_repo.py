"""SQL of exchange packages: the org tables relevant to a scope, the statistical and
personal-data side files keyed by ``case_id``, likely duplicates among imported cases and
the import log. Callers own the transaction; the temp tables of an import
(``temp.import_seen``, ``temp.import_stats``) are created by ExchangeRepository."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from mediator_app.storage.bulk_repo import (
    AGREEMENT_COLUMNS,
    FOLLOW_UP_COLUMNS,
    INVESTIGATION_COLUMNS,
    PARTY_COLUMNS,
    SESSION_COLUMNS,
)
from mediator_app.storage.exchange_repo import STATS_COLUMNS, case_filter

UNIT_FILE_COLUMNS = ("code", "name", "level", "parent_code")
COMMITTEE_FILE_COLUMNS = ("code", "name", "short_name", "kind", "org_code")
PEOPLE_FILE_COLUMNS = ("name", "role", "committee_code", "grid_code", "phone")
STATS_FILE_COLUMNS = ("case_id", *STATS_COLUMNS)
# Personal-data side files: file name -> (table, columns after case_id, nullable columns).
PERSONAL_FILES: dict[str, tuple[str, tuple[str, ...], frozenset[str]]] = {
    "parties.csv": ("parties", PARTY_COLUMNS[1:], frozenset({"sex", "birth_date"})),
    "investigations.csv": ("investigations", INVESTIGATION_COLUMNS[1:], frozenset({"held_at"})),
    "sessions.csv": ("mediation_sessions", SESSION_COLUMNS[1:], frozenset({"held_at"})),
    "agreements.csv": ("agreements", AGREEMENT_COLUMNS[1:],
                       frozenset({"signed_on", "performance_deadline"})),
    "follow_ups.csv": ("follow_ups", FOLLOW_UP_COLUMNS[1:], frozenset({"performance"})),
}
# Non-personal parts of agreements and follow-ups (package format 2): they always travel,
# so the receiver's follow-up deadlines and agreement lists equal the sender's.
RECORD_FILES: dict[str, tuple[str, ...]] = {
    "agreement_stats.csv": ("form", "agreement_no", "signed_on", "performance_deadline"),
    "follow_up_stats.csv": ("visited_on", "agreement_no", "performance", "satisfaction"),
}
RECORD_NULLABLE = frozenset({"signed_on", "performance_deadline", "performance"})
LOG_COUNTS = ("rows", "new", "updated", "unchanged", "stale", "conflicts", "errors", "warnings")
_WRITTEN = "SELECT rowid FROM temp.import_seen WHERE written = 1 AND file_no = ?"


@dataclass(frozen=True)
class OrgSubset:
    units: list[tuple[Any, ...]]  # UNIT_FILE_COLUMNS, parents first
    committees: list[tuple[Any, ...]]  # COMMITTEE_FILE_COLUMNS
    people: list[tuple[Any, ...]]  # PEOPLE_FILE_COLUMNS


class PackageRepository:
    def __init__(self, db: Database):
        self.db = db
        self.conn: sqlite3.Connection = db.conn

    # ---- export -----------------------------------------------------------------------
    def org_subset(self, scope: str | None, date_from: str | None,
                   date_to: str | None, *, with_phones: bool = False) -> OrgSubset:
        """Units beneath ``scope`` and their ancestors, the committees located there or
        named by the exported cases (with their units' ancestors), and their people
        (their phones only ``with_phones``: personal data)."""
        where, params = case_filter(scope, date_from, date_to)
        used = {r[0] for r in self.conn.execute(
            f"SELECT DISTINCT c.committee_code FROM cases c {where}", params)}
        closure = self.conn.execute("SELECT ancestor, descendant, depth FROM org_closure"
                                    ).fetchall()
        depth: dict[str, int] = {}
        for _ancestor, descendant, n in closure:
            depth[descendant] = max(depth.get(descendant, 0), n)
        subtree = {d for a, d, _n in closure if scope is None or a == scope}
        committees = [r for r in self.conn.execute(
            f"SELECT {', '.join(COMMITTEE_FILE_COLUMNS)} FROM committees ORDER BY code")
            if scope is None or r[4] in subtree or r[0] in used]
        anchors = subtree | {r[4] for r in committees}
        units_wanted = anchors | {a for a, d, _n in closure if d in anchors}
        units = sorted((r for r in self.conn.execute(
            f"SELECT {', '.join(UNIT_FILE_COLUMNS)} FROM org_units") if r[0] in units_wanted),
            key=lambda r: (depth.get(r[0], 0), r[0]))
        codes = {r[0] for r in committees}
        people = [tuple("" if v is None else v for v in r) for r in self.conn.execute(
            f"SELECT {', '.join(PEOPLE_FILE_COLUMNS)} FROM people ORDER BY id")
            if (r[2] in codes or r[3] in subtree) and (r[2] is None or r[2] in codes)
            and (r[3] is None or r[3] in units_wanted)]
        if not with_phones:
            phone = PEOPLE_FILE_COLUMNS.index("phone")
            people = [(*r[:phone], "", *r[phone + 1:]) for r in people]
        return OrgSubset([tuple("" if v is None else v for v in u) for u in units],
                         committees, people)

    def stats_rows(self, scope: str | None, date_from: str | None,
                   date_to: str | None) -> Iterator[tuple[Any, ...]]:
        where, params = case_filter(scope, date_from, date_to)
        cols = ", ".join(f"ifnull(c.{c}, '')" for c in STATS_COLUMNS)
        yield from self.conn.execute(f"SELECT c.case_id, {cols} FROM cases c {where} "
                                     "ORDER BY c.id", params)

    def personal_rows(self, file: str, scope: str | None, date_from: str | None,
                      date_to: str | None) -> Iterator[tuple[Any, ...]]:
        table, columns, _nullable = PERSONAL_FILES[file]
        where, params = case_filter(scope, date_from, date_to)
        cols = ", ".join(f"ifnull(t.{c}, '')" for c in columns)
        yield from self.conn.execute(
            f"SELECT c.case_id, {cols} FROM {table} t JOIN cases c ON c.id = t.case_rowid "
            f"{where} ORDER BY c.id, t.rowid", params)

    def record_rows(self, file: str, scope: str | None, date_from: str | None,
                    date_to: str | None) -> Iterator[tuple[Any, ...]]:
        """(case_id, *RECORD_FILES[file]) of the cases in scope."""
        table = "agreements" if file == "agreement_stats.csv" else "follow_ups"
        where, params = case_filter(scope, date_from, date_to)
        cols = ", ".join(f"ifnull(t.{c}, '')" for c in RECORD_FILES[file])
        yield from self.conn.execute(
            f"SELECT c.case_id, {cols} FROM {table} t JOIN cases c ON c.id = t.case_rowid "
            f"{where} ORDER BY c.id, t.rowid", params)

    # ---- import of agreements and follow-ups without personal data ------------------------
    def apply_agreement_records(self, rows: Iterable[Sequence[Any]], file_no: int) -> None:
        """Make the agreements of the cases this file wrote match ``rows`` (case_id,
        form, agreement_no, signed_on, performance_deadline): a missing one is inserted
        with empty contents, a present one keeps its contents (facts, terms … are
        personal data and travel only in agreements.csv), one the package lacks goes."""
        cols = RECORD_FILES["agreement_stats.csv"]
        self._load_records(cols, rows)
        self.conn.execute(
            f"DELETE FROM agreements WHERE case_rowid IN ({_WRITTEN}) AND case_rowid NOT IN "
            "(SELECT c.id FROM temp.import_rec p JOIN cases c ON c.case_id = p.case_id)",
            [file_no])
        sets = ", ".join(f"{c} = excluded.{c}" for c in cols)
        self.conn.execute(
            f"INSERT INTO agreements(case_rowid, {', '.join(cols)}) "
            f"SELECT c.id, {', '.join('p.' + c for c in cols)} FROM temp.import_rec p "
            "CROSS JOIN cases c ON c.case_id = p.case_id "
            "CROSS JOIN temp.import_seen s ON s.rowid = c.id "
            f"WHERE s.written = 1 AND s.file_no = ? ON CONFLICT(case_rowid) DO UPDATE SET {sets}",
            [file_no])
        self.conn.execute("DROP TABLE IF EXISTS temp.import_rec")

    def apply_follow_up_records(self, rows: Iterable[Sequence[Any]], file_no: int) -> None:
        """Make the follow-ups of the cases this file wrote match ``rows`` (case_id,
        visited_on, agreement_no, performance, satisfaction): a follow-up whose
        non-personal parts equal a package row keeps its contents (who was visited, by
        whom, notes: personal data); the others go; package rows left over come in with
        empty contents. Equal rows are paired by their order."""
        cols = RECORD_FILES["follow_up_stats.csv"]
        self._load_records(cols, rows)
        key = ", ".join(cols)
        theirs = ", ".join(f"p.{c}" for c in cols)
        keyed = " AND ".join(f"a.{c} IS b.{c}" for c in cols)
        self.conn.execute("DROP TABLE IF EXISTS temp.import_mine")
        self.conn.execute(
            f"CREATE TEMP TABLE import_mine AS SELECT f.id, f.case_rowid, {key}, "
            f"row_number() OVER (PARTITION BY f.case_rowid, {key} ORDER BY f.id) AS n "
            f"FROM follow_ups f WHERE f.case_rowid IN ({_WRITTEN})", [file_no])
        self.conn.execute("DROP TABLE IF EXISTS temp.import_theirs")
        self.conn.execute(
            f"CREATE TEMP TABLE import_theirs AS SELECT c.id AS case_rowid, {theirs}, "
            f"row_number() OVER (PARTITION BY c.id, {theirs} ORDER BY p.rowid) AS n "
            "FROM temp.import_rec p CROSS JOIN cases c ON c.case_id = p.case_id "
            "CROSS JOIN temp.import_seen s ON s.rowid = c.id "
            "WHERE s.written = 1 AND s.file_no = ?", [file_no])
        for table in ("import_mine", "import_theirs"):
            self.conn.execute(f"CREATE INDEX temp.{table}_key ON {table}(case_rowid, n)")
        self.conn.execute(
            "DELETE FROM follow_ups WHERE id IN (SELECT a.id FROM temp.import_mine a "
            "WHERE NOT EXISTS (SELECT 1 FROM temp.import_theirs b WHERE "
            f"b.case_rowid = a.case_rowid AND b.n = a.n AND {keyed}))")
        self.conn.execute(
            f"INSERT INTO follow_ups(case_rowid, {key}) SELECT b.case_rowid, "
            f"{', '.join('b.' + c for c in cols)} FROM temp.import_theirs b "
            "WHERE NOT EXISTS (SELECT 1 FROM temp.import_mine a WHERE "
            f"a.case_rowid = b.case_rowid AND a.n = b.n AND {keyed}) ORDER BY b.rowid")
        for table in ("import_rec", "import_mine", "import_theirs"):
            self.conn.execute(f"DROP TABLE IF EXISTS temp.{table}")

    def wrote_any(self, file_no: int) -> bool:
        """Whether the file ``file_no`` of the running import wrote any case."""
        return bool(self.conn.execute(f"SELECT EXISTS ({_WRITTEN})", [file_no]).fetchone()[0])

    def _load_records(self, cols: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.import_rec")
        self.conn.execute(f"CREATE TEMP TABLE import_rec (case_id TEXT, {', '.join(cols)})")
        self.conn.executemany(
            f"INSERT INTO temp.import_rec VALUES ({', '.join('?' * (len(cols) + 1))})", rows)

    # ---- import of personal data --------------------------------------------------------
    def load_personal(self, file: str, rows: Iterable[Sequence[Any]]) -> None:
        """Rows (case_id, *columns) into temp.import_part (replaced for each file)."""
        _table, columns, _nullable = PERSONAL_FILES[file]
        self.conn.execute("DROP TABLE IF EXISTS temp.import_part")
        self.conn.execute(f"CREATE TEMP TABLE import_part (case_id TEXT, {', '.join(columns)})")
        self.conn.executemany(
            f"INSERT INTO temp.import_part VALUES ({', '.join('?' * (len(columns) + 1))})", rows)

    def apply_personal(self, file: str, file_no: int) -> None:
        """Replace the rows of ``file``'s table for the cases this file wrote."""
        table, columns, _nullable = PERSONAL_FILES[file]
        self.conn.execute(f"DELETE FROM {table} WHERE case_rowid IN ({_WRITTEN})", [file_no])
        cols = ", ".join(columns)
        self.conn.execute(
            f"INSERT INTO {table}(case_rowid, {cols}) SELECT c.id, {', '.join('p.' + c for c in columns)} "  # noqa: E501
            f"FROM temp.import_part p CROSS JOIN cases c ON c.case_id = p.case_id "
            f"CROSS JOIN temp.import_seen s ON s.rowid = c.id "
            f"WHERE s.written = 1 AND s.file_no = ?", [file_no])
        self.conn.execute("DROP TABLE IF EXISTS temp.import_part")

    def refresh_party_names(self, file_no: int) -> None:
        """party_names / party_count of the cases this file wrote, from their parties."""
        self.conn.execute(
            "UPDATE cases SET party_names = ifnull((SELECT group_concat(name, ' ') FROM "
            "(SELECT name FROM parties WHERE case_rowid = cases.id ORDER BY seq)), ''), "
            "party_count = (SELECT count(*) FROM parties WHERE case_rowid = cases.id) "
            f"WHERE id IN ({_WRITTEN})", [file_no])

    # ---- likely duplicates ----------------------------------------------------------------
    def duplicates_by_id_number(self) -> list[tuple[int, int]]:
        """(imported rowid, existing rowid): a party with the same ID number, the
        existing case live and not part of this import."""
        return self.conn.execute(
            "SELECT DISTINCT s.rowid, po.case_rowid FROM temp.import_seen s "
            "JOIN cases n ON n.id = s.rowid AND n.deleted = 0 "
            "JOIN parties pn ON pn.case_rowid = s.rowid AND pn.id_number <> '' "
            "JOIN parties po ON po.id_number = pn.id_number AND po.id_number <> '' "
            "JOIN cases o ON o.id = po.case_rowid AND o.deleted = 0 "
            "WHERE s.written = 1 AND po.case_rowid NOT IN (SELECT rowid FROM temp.import_seen) "
            "ORDER BY 1, 2").fetchall()

    def duplicates_by_names(self, window_days: int = 30) -> list[tuple[int, int]]:
        """(imported rowid, existing rowid): the same set of party names, registered
        within ``window_days`` of each other (same rule as duplicates_repo)."""
        pairs = self.conn.execute(
            "SELECT DISTINCT s.rowid, po.case_rowid FROM temp.import_seen s "
            "JOIN cases n ON n.id = s.rowid AND n.deleted = 0 "
            "JOIN parties pn ON pn.case_rowid = s.rowid "
            "JOIN parties po ON po.name = pn.name AND po.case_rowid <> s.rowid "
            "JOIN cases o ON o.id = po.case_rowid AND o.deleted = 0 AND o.received_on "
            "BETWEEN date(n.received_on, ?) AND date(n.received_on, ?) "
            "WHERE s.written = 1 AND po.case_rowid NOT IN (SELECT rowid FROM temp.import_seen) "
            "ORDER BY 1, 2", [f"-{window_days} days", f"+{window_days} days"]).fetchall()
        names = self._name_sets({r for pair in pairs for r in pair})
        return [(a, b) for a, b in pairs if names.get(a) == names.get(b)]

    def _name_sets(self, rowids: set[int]) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {}
        ids = sorted(rowids)
        for start in range(0, len(ids), 5000):
            part = ids[start:start + 5000]
            for rowid, name in self.conn.execute(
                    f"SELECT case_rowid, name FROM parties WHERE case_rowid IN "
                    f"({', '.join('?' * len(part))})", part):
                if name.strip():
                    out.setdefault(rowid, set()).add(name.strip())
        return out

    def case_labels(self, rowids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
        """rowid -> (case_id, case_no, org_code)."""
        out: dict[int, tuple[str, str, str]] = {}
        ids = sorted(set(rowids))
        for start in range(0, len(ids), 5000):
            part = ids[start:start + 5000]
            for r in self.conn.execute(
                    f"SELECT id, case_id, case_no, org_code FROM cases WHERE id IN "
                    f"({', '.join('?' * len(part))})", part):
                out[r[0]] = (r[1], r[2], r[3])
        return out

    # ---- import log ---------------------------------------------------------------------
    def log_import(self, entry: dict[str, Any]) -> None:
        names = ["at", "user", "file", "sha256", "kind", "source_unit", "dry_run",
                 *LOG_COUNTS, "details"]
        self.conn.execute(
            f"INSERT INTO import_log({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [entry[n] for n in names])

    def import_log(self, limit: int | None = None) -> list[dict[str, Any]]:
        cursor = self.conn.execute(
            "SELECT * FROM import_log ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else ""))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]
