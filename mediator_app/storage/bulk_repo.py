"""Bulk writes for generated data (demo district, benchmarks): plain ``executemany``
over tuples whose column order is fixed here. Callers own the transaction.

Full-text index: inserting through the ``cases_fts_ai`` trigger is slow in bulk
(measured: 100,000 cases 13 s with the trigger against 3 s without, plus 2 s to index
them afterwards; most likely FTS5 flushing its pending terms at statement savepoints
and then merging the many small segments). ``insert_chunk`` therefore
drops that trigger inside the caller's transaction, inserts the chunk, indexes the
chunk's rows with one ``INSERT … SELECT`` and re-creates the trigger from its stored
SQL before the transaction ends: other connections never see the trigger missing,
and a failure rolls the whole chunk back, trigger included."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mediator_app.storage.migrations import DEFAULT_DIFFICULTY_SQL, FILE_FLAGS_SQL

if TYPE_CHECKING:  # the lean ledger object stands in for it at run time (issue 13)
    from sqlite_utils import Database

Row = tuple[Any, ...]
FTS_INSERT_TRIGGER = "cases_fts_ai"
COUNTS_INSERT_TRIGGER = "case_counts_ai"  # monthly counts (migration m0082)

# Tables whose indexes a demo build creates once at the end (the small record tables
# keep theirs: the per-chunk file summary reads them).
DEFERRED_INDEX_TABLES = ("cases", "parties", "case_mediators")

UNIT_COLUMNS = ("code", "name", "level", "parent_code", "active", "sort_order", "updated_at")
COMMITTEE_COLUMNS = ("code", "name", "short_name", "kind", "org_code", "active", "phone",
                     "address", "updated_at")
PERSON_COLUMNS = ("id", "name", "role", "committee_code", "grid_code", "phone", "sex",
                  "employment", "position", "active", "updated_at")
CASE_COLUMNS = (
    "id", "case_id", "case_no", "year", "committee_code", "grid_code", "org_code", "source",
    "dispute_type", "received_on", "accepted_on", "closed_on", "status", "agreement_form",
    "performance", "judicial_confirmed", "judicial_confirmed_on", "archived", "amount_fen",
    "people_involved", "party_count", "mass_dispute", "prevent_criminal", "prevent_petition",
    "prevent_fight", "prevent_suicide", "summary", "outcome_note", "party_names",
    "created_at", "updated_at",
)
_ORG, _RECEIVED, _ACCEPTED, _STATUS, _TYPE = (
    CASE_COLUMNS.index(c) for c in ("org_code", "received_on", "accepted_on", "status",
                                    "dispute_type"))
PARTY_COLUMNS = ("case_rowid", "seq", "role", "kind", "name", "sex", "ethnicity",
                 "birth_date", "id_type", "id_number", "phone", "address", "occupation")
MEDIATOR_COLUMNS = ("case_rowid", "person_id", "seq")
INVESTIGATION_COLUMNS = ("case_rowid", "held_at", "place", "investigator", "interviewee",
                         "content")
SESSION_COLUMNS = ("case_rowid", "held_at", "place", "participants", "content", "result")
AGREEMENT_COLUMNS = ("case_rowid", "form", "agreement_no", "signed_on", "facts",
                     "disputed_matters", "responsibilities", "terms", "performance_manner",
                     "performance_place", "performance_deadline")
FOLLOW_UP_COLUMNS = ("case_rowid", "visited_on", "party_visited", "agreement_no",
                     "performance", "satisfaction", "remaining_risk", "visitor", "note")

_TABLES: dict[str, tuple[str, ...]] = {
    "org_units": UNIT_COLUMNS,
    "committees": COMMITTEE_COLUMNS,
    "people": PERSON_COLUMNS,
    "cases": CASE_COLUMNS,
    "parties": PARTY_COLUMNS,
    "case_mediators": MEDIATOR_COLUMNS,
    "investigations": INVESTIGATION_COLUMNS,
    "mediation_sessions": SESSION_COLUMNS,
    "agreements": AGREEMENT_COLUMNS,
    "follow_ups": FOLLOW_UP_COLUMNS,
}


def insert_sql(table: str) -> str:
    cols = _TABLES[table]
    return f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


@dataclass
class CaseChunk:
    """Rows of one batch of cases and their parts, in the column orders above."""

    cases: list[Row] = field(default_factory=list)
    parties: list[Row] = field(default_factory=list)
    mediators: list[Row] = field(default_factory=list)
    investigations: list[Row] = field(default_factory=list)
    sessions: list[Row] = field(default_factory=list)
    agreements: list[Row] = field(default_factory=list)
    follow_ups: list[Row] = field(default_factory=list)
    classes: list[Row] = field(default_factory=list)  # (difficulty, rowid): not the default

    def tables(self) -> list[tuple[str, list[Row]]]:
        return [("cases", self.cases), ("parties", self.parties),
                ("case_mediators", self.mediators), ("investigations", self.investigations),
                ("mediation_sessions", self.sessions), ("agreements", self.agreements),
                ("follow_ups", self.follow_ups)]


class BulkRepository:
    def __init__(self, db: Database):
        self.db = db

    def insert_rows(self, table: str, rows: Sequence[Row]) -> None:
        if rows:
            self.db.conn.executemany(insert_sql(table), rows)

    def insert_chunk(self, chunk: CaseChunk) -> None:
        """Insert a chunk (case ids explicit and ascending) inside a transaction."""
        if not self.db.conn.in_transaction:
            raise RuntimeError("insert_chunk needs the caller's transaction")
        trigger = self._trigger_sql(FTS_INSERT_TRIGGER) if chunk.cases else None
        if trigger:
            self.db.execute(f"DROP TRIGGER {FTS_INSERT_TRIGGER}")
        counts_trigger = self._trigger_sql(COUNTS_INSERT_TRIGGER) if chunk.cases else None
        if counts_trigger:
            self.db.execute(f"DROP TRIGGER {COUNTS_INSERT_TRIGGER}")
        for table, rows in chunk.tables():
            self.insert_rows(table, rows)
        if chunk.cases:  # 以案定补: default classes and what each file holds
            span = [chunk.cases[0][0], chunk.cases[-1][0]]
            self.db.execute(f"{DEFAULT_DIFFICULTY_SQL} WHERE id BETWEEN ? AND ? "
                            "AND difficulty IS NULL", span)
            self.db.execute(f"{FILE_FLAGS_SQL} WHERE id BETWEEN ? AND ?", span)
            self.db.conn.executemany("UPDATE cases SET difficulty = ? WHERE id = ?",
                                     chunk.classes)
        if counts_trigger:
            self._add_counts(chunk.cases)
            self.db.execute(counts_trigger)
        if trigger:
            # Same columns as the trigger (migration m0004_create_case_fts).
            self.db.execute(
                "INSERT INTO case_fts(rowid, case_no, summary, party_names) "
                "SELECT id, case_no, summary, party_names FROM cases WHERE id BETWEEN ? AND ?",
                [chunk.cases[0][0], chunk.cases[-1][0]])
            self.db.execute(trigger)

    def _add_counts(self, cases: Sequence[Row]) -> None:
        """The monthly counts of the chunk's cases (what the dropped trigger
        ``case_counts_ai`` would have added: 13 µs a case, against ~1 µs counted here)."""
        counts: Counter[tuple[str, str, str, str, str]] = Counter()
        for row in cases:  # a bulk case is never a tombstone (no deleted column)
            org = row[_ORG]
            counts["r", row[_RECEIVED][:7], org, row[_STATUS], row[_TYPE]] += 1
            if row[_ACCEPTED] is not None:
                counts["a", row[_ACCEPTED][:7], org, "", ""] += 1
        self.db.conn.executemany(
            "INSERT INTO case_counts VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET n = n + excluded.n",
            [(*key, n) for key, n in counts.items()])

    def drop_indexes(self, tables: Sequence[str] = DEFERRED_INDEX_TABLES, *,
                     unique: bool = True) -> list[str]:
        """Drop the indexes of ``tables`` that can be re-created from their SQL (every
        index except the ``case_id`` UNIQUE constraint's; without ``unique``, only the
        non-unique ones) and return that SQL: a build into a new ledger inserts without
        them and sorts each once at the end (``create_indexes``), instead of updating
        eleven b-trees in random order."""
        marks = ", ".join("?" * len(tables))
        only = "" if unique else "AND sql NOT LIKE 'CREATE UNIQUE%' "
        rows = self.db.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"{only}AND tbl_name IN ({marks}) ORDER BY name", list(tables)).fetchall()
        for name, _sql in rows:
            self.db.execute(f'DROP INDEX "{name}"')
        return [sql for _name, sql in rows]

    def create_indexes(self, index_sql: Sequence[str]) -> None:
        for sql in index_sql:
            self.db.execute(sql)

    def _trigger_sql(self, name: str) -> str | None:
        row = self.db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]
        ).fetchone()
        return row[0] if row else None

    def fts_integrity_problems(self) -> list[str]:
        """[] when the full-text index matches the cases table."""
        try:
            self.db.execute("INSERT INTO case_fts(case_fts, rank) VALUES ('integrity-check', 1)")
        except Exception as exc:  # sqlite3.DatabaseError: index and content differ
            return [str(exc)]
        return []

    @contextmanager
    def bulk_mode(self, cache_mib: int = 64) -> Iterator[None]:
        """Connection settings for generating throw-away data, restored afterwards: a
        bigger page cache (the random-order indexes such as the case_id UUIDs otherwise
        re-read pages constantly) and ``synchronous = OFF`` (no fsync at WAL
        checkpoints; a power cut during the build can damage the file, which is then
        simply generated again). Never use it for user data."""
        old_cache = int(self.db.execute("PRAGMA cache_size").fetchone()[0])
        old_sync = int(self.db.execute("PRAGMA synchronous").fetchone()[0])
        self.db.execute(f"PRAGMA cache_size = {-abs(int(cache_mib)) * 1024}")
        self.db.execute("PRAGMA synchronous = OFF")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA cache_size = {old_cache}")
            self.db.execute(f"PRAGMA synchronous = {old_sync}")

    def next_id(self, table: str) -> int:
        if table not in ("cases", "people"):
            raise ValueError(table)
        return int(self.db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])

    def code_map(self, kind: str) -> dict[str, str]:
        """Label → code of a code table ('dispute_type' or 'source'), active entries."""
        rows = self.db.execute(
            "SELECT label, code FROM code_items WHERE kind = ? AND active = 1 "
            "ORDER BY sort_order", [kind]).fetchall()
        return {label: code for label, code in rows}

    def row_count(self, table: str) -> int:
        if table not in _TABLES:
            raise ValueError(table)
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def has_org_or_cases(self) -> bool:
        return self.row_count("org_units") > 0 or self.row_count("cases") > 0

    def counts(self) -> dict[str, Any]:
        """Units by level, committees, mediators, grid workers, cases, parties."""
        q = self.db.execute
        return {
            "units_by_level": dict(q("SELECT level, count(*) FROM org_units GROUP BY level")
                                   .fetchall()),
            "committees": q("SELECT count(*) FROM committees").fetchone()[0],
            "mediators": q("SELECT count(*) FROM people WHERE role IN "
                           "('调解员', '调解员+网格员')").fetchone()[0],
            "grid_workers": q("SELECT count(*) FROM people WHERE role IN "
                              "('网格员', '调解员+网格员')").fetchone()[0],
            "cases": q("SELECT count(*) FROM cases").fetchone()[0],
            "parties": q("SELECT count(*) FROM parties").fetchone()[0],
        }
