"""SQL for importing and exporting org tables and cases (cases.csv v1), backups and
the health check. Callers own the transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


from mediator_app.storage import crypto
from mediator_app.storage.bulk_repo import BulkRepository

# Columns written by a case import, in the order of the row tuples callers pass.
IMPORT_COLUMNS = (
    "case_id", "case_no", "year", "committee_code", "grid_code", "org_code", "source",
    "dispute_type", "received_on", "accepted_on", "closed_on", "status", "agreement_form",
    "amount_fen", "people_involved", "summary", "updated_at", "deleted", "difficulty",
)
# ``difficulty`` (?19) is None when the file has no such column (or an empty cell): a new
# case then takes its dispute type's default class, an updated one keeps its class.
_KEEP_IF_NULL = {"difficulty"}
# Row tuples for inserts are (id, *IMPORT_COLUMNS): ?18 is updated_at, also created_at.
_INSERT = (
    f"INSERT INTO cases(id, {', '.join(IMPORT_COLUMNS)}, created_at) "
    f"VALUES ({', '.join('?' * (len(IMPORT_COLUMNS) + 1))}, ?18)"
)
# ?1 = case_id ... ?18 = deleted (IMPORT_COLUMNS order). Parts outside the exchange
# format are kept, except those the new status or agreement form makes impossible.


def _set(column: str, i: int) -> str:
    return f"{column} = ifnull(?{i}, {column})" if column in _KEEP_IF_NULL else f"{column} = ?{i}"


_UPDATE = (
    "UPDATE cases SET "
    + ", ".join(_set(c, i) for i, c in enumerate(IMPORT_COLUMNS, 1) if c != "case_id")
    + ", performance = CASE WHEN ?12 = '调解成功' THEN performance END"
    + ", judicial_confirmed = CASE WHEN ?13 = '书面' THEN judicial_confirmed ELSE 0 END"
    + ", judicial_confirmed_on = CASE WHEN ?13 = '书面' THEN judicial_confirmed_on END"
    + " WHERE case_id = ?1"
)
# Statistical columns outside cases.csv v1, carried by a package's case_stats.csv.
STATS_COLUMNS = (
    "performance", "judicial_confirmed", "judicial_confirmed_on", "archived", "party_count",
    "mass_dispute", "prevent_criminal", "prevent_petition", "prevent_fight", "prevent_suicide",
)


DEFAULT_STATS: tuple[Any, ...] = (None, 0, None, 0, 0, 0, 0, 0, 0, 0)
_N = len(IMPORT_COLUMNS)
# Rows (id, *IMPORT_COLUMNS, *STATS_COLUMNS); created_at = updated_at (?18).
_INSERT_STATS = (
    f"INSERT INTO cases(id, {', '.join(IMPORT_COLUMNS)}, created_at, {', '.join(STATS_COLUMNS)}) "
    f"VALUES ({', '.join(f'?{i}' for i in range(1, _N + 2))}, ?18, "
    f"{', '.join(f'?{i}' for i in range(_N + 2, _N + 2 + len(STATS_COLUMNS)))})"
)
# Rows (*IMPORT_COLUMNS, *STATS_COLUMNS).
_UPDATE_STATS = (
    "UPDATE cases SET "
    + ", ".join(_set(c, i) for i, c in enumerate(IMPORT_COLUMNS, 1) if c != "case_id")
    + ", " + ", ".join(f"{c} = ?{i}" for i, c in enumerate(STATS_COLUMNS, _N + 1))
    + " WHERE case_id = ?1"
)
_FTS_TRIGGERS = ("cases_fts_ai", "cases_fts_ad", "cases_fts_au")
# Columns compared when a row has the same updated_at as the stored case (conflicts).
COMPARED_COLUMNS = (
    "case_no", "committee_code", "grid_code", "source", "dispute_type", "received_on",
    "accepted_on", "closed_on", "status", "agreement_form", "amount_fen", "people_involved",
    "summary", "deleted",
)

# cases.csv v1: the required columns, in export order.
CASES_V1_COLUMNS = (
    "case_id", "case_no", "committee_code", "grid_code", "source", "dispute_type",
    "received_on", "accepted_on", "status", "closed_on", "agreement_form", "amount_yuan",
    "people_involved", "summary", "updated_at", "deleted",
)
# Optional columns after them (v1.1, issue 14): a file without them still imports.
OPTIONAL_CASE_COLUMNS = ("difficulty",)
EXPORT_HEADER = (*CASES_V1_COLUMNS, *OPTIONAL_CASE_COLUMNS)
# Each exported row as one CSV line, every field quoted (fast: the quoting runs in C).
_EXPORT_FIELDS = (
    "c.case_id", "c.case_no", "c.committee_code", "ifnull(c.grid_code, '')",
    "ifnull(s.label, c.source)", "ifnull(d.label, c.dispute_type)", "c.received_on",
    "ifnull(c.accepted_on, '')", "c.status", "ifnull(c.closed_on, '')",
    "ifnull(c.agreement_form, '')",
    "printf('%d.%02d', c.amount_fen / 100, c.amount_fen % 100)",
    "c.people_involved", "c.summary", "c.updated_at", "c.deleted",
    "ifnull(k.label, ifnull(c.difficulty, ''))",
)
# Fields that cannot hold a quote (validated UUID, ISO dates and times, enums, numbers)
# skip the replace().
_NO_QUOTES = {0, 6, 7, 8, 9, 10, 11, 12, 14, 15}
# Free-text fields (case number, codes, labels, summary) are neutralised against formula
# injection as domain.spreadsheet.neutralise does: an apostrophe before a cell that,
# after its leading apostrophes, begins with = + - @ TAB or CR.
_TEXT_FIELDS = {1, 2, 3, 4, 5, 13}


def _neutralised(f: str) -> str:
    # unicode() (the code of the first character: = + - @ TAB CR ') rules out almost
    # every cell before ltrim/substr copy it (issue 13: the export's SQL cost 1.5x the
    # shell's dump)
    return (f"CASE WHEN unicode({f}) IN (61, 43, 45, 64, 9, 13, 39) AND "
            f"substr(ltrim({f}, ''''), 1, 1) IN ('=', '+', '-', '@', char(9), char(13)) "
            f"THEN '''' || {f} ELSE {f} END")


def _export_field(i: int, f: str) -> str:
    f = _neutralised(f) if i in _TEXT_FIELDS else f
    return f if i in _NO_QUOTES else f"replace({f}, '\"', '\"\"')"


def _line(fields: Sequence[str]) -> str:
    return " || '\",\"' || ".join(_export_field(i, f) for i, f in enumerate(fields))


_EXPORT_LINE = _line(_EXPORT_FIELDS)
_EXPORT_JOINS = """
LEFT JOIN code_items s ON s.kind = 'source' AND s.code = c.source
LEFT JOIN code_items d ON d.kind = 'dispute_type' AND d.code = c.dispute_type
LEFT JOIN code_items k ON k.kind = 'difficulty' AND k.code = c.difficulty
"""
_AMOUNT = 11  # the amount's place in _EXPORT_FIELDS
# The labelled code fields: place -> (code kind, the case's column, its value unlabelled)
_LABELLED = {4: ("source", "c.source", "c.source"),
             5: ("dispute_type", "c.dispute_type", "c.dispute_type"),
             16: ("difficulty", "c.difficulty", "ifnull(c.difficulty, '')")}
# The same fields with the labels looked up only when asked (a CASE branch taken rarely)
_LOOKUP_FIELDS = tuple(
    f"ifnull((SELECT label FROM code_items WHERE kind = '{_LABELLED[i][0]}' AND code = "
    f"{_LABELLED[i][1]}), {_LABELLED[i][2]})" if i in _LABELLED else f
    for i, f in enumerate(_EXPORT_FIELDS))


def _printf_line(fields: Sequence[str], premade: bool = False) -> str:
    """The line made by one printf() (issue 13: a third less CPU than the chain of
    ``||`` and ``replace()``): ``%w`` doubles the quotes of a field, ``%s`` copies a
    field that cannot hold one, the amount in fen is formatted as yuan in place. With
    ``premade`` the labelled fields come ready quoted from ``export_labels``."""
    formats, args = [], []
    for i, f in enumerate(fields):
        if premade and i in _LABELLED:
            if i != 5:  # 4 and 5 are one piece: "source","dispute type"
                formats.append("%s")
                args.append("l.middle" if i == 4 else "l.last")
            continue
        if i == _AMOUNT:
            formats.append('"%d.%02d"')
            args += ["c.amount_fen / 100", "c.amount_fen % 100"]
            continue
        formats.append('"%s"' if i in _NO_QUOTES else '"%w"')
        args.append(_neutralised(f) if i in _TEXT_FIELDS else f)
    return f"CAST(printf('{','.join(formats)}' || char(13, 10), {', '.join(args)}) AS BLOB)"


# Every combination of source, dispute type and difficulty (or none) with its label
# fields quoted and neutralised once: one lookup a case instead of three joins (issue
# 13: the joins were 0.6 s of 2 s of SQL at 1M cases; this one 0.2 s).
_LABEL_ROWS = f"""WITH
src AS (SELECT code, label FROM code_items WHERE kind = 'source'),
dis AS (SELECT code, label FROM code_items WHERE kind = 'dispute_type'),
dif AS (SELECT code, label FROM code_items WHERE kind = 'difficulty' UNION ALL SELECT '', ''
        WHERE NOT EXISTS (SELECT 1 FROM code_items WHERE kind = 'difficulty' AND code = ''))
SELECT src.code, dis.code, dif.code,
       '"' || {_export_field(4, 'src.label')} || '","' || {_export_field(5, 'dis.label')}
       || '"', '"' || {_export_field(16, 'dif.label')} || '"'
FROM src, dis, dif"""
_LABEL_COLUMNS = "source, dispute_type, difficulty, middle, last"
# The line with its CRLF as UTF-8 bytes (a BLOB): written to the file as SQLite made it,
# without decoding it into Python text and encoding it back. printf() stops a text at a
# NUL character, which ``||`` keeps: a case whose number or summary (typed in the case
# form; imports refuse control characters) holds one gets the concatenated line, so the
# file stays byte for byte what it was; a case whose code is not (or no longer) in the
# code tables has its labels looked up alone.
_EXPORT_CONCAT = f"CAST('\"' || {_line(_LOOKUP_FIELDS)} || '\"' || char(13, 10) AS BLOB)"
_EXPORT_EXPR = (
    "CASE WHEN instr(c.case_no, char(0)) OR instr(c.summary, char(0)) "
    f"THEN {_EXPORT_CONCAT} WHEN l.middle IS NULL THEN {_printf_line(_LOOKUP_FIELDS)} "
    f"ELSE {_printf_line(_EXPORT_FIELDS, premade=True)} END")
_LABEL_JOIN = ("LEFT JOIN {table} l ON l.source = c.source AND l.dispute_type = c.dispute_type "
               "AND l.difficulty = ifnull(c.difficulty, '')")
# A selection of cases: the label rows as a CTE (SQLite gives it an automatic index).
_EXPORT_SELECT = (
    f"WITH export_labels({_LABEL_COLUMNS}) AS MATERIALIZED ({_LABEL_ROWS}) "
    f"SELECT {_EXPORT_EXPR} FROM cases c {_LABEL_JOIN.format(table='export_labels')}")
# The whole ledger: the label rows in a temporary table, and the lines of EXPORT_IDS
# consecutive row ids joined by SQLite into one BLOB a query (issue 13: handing 1M
# lines to Python one row each cost 0.3 s more CPU). The subquery's ORDER BY is kept
# (SQLite does not flatten a subquery with ORDER BY into an aggregate), so the lines
# come in id order; tests/unit/test_case_export_lines.py compares the bytes.
EXPORT_IDS = 1000
_TEMP_LABELS = "temp.mediator_export_labels"
_EXPORT_CHUNK = (
    f"SELECT count(*), CAST(ifnull(group_concat(line, ''), '') AS BLOB) FROM (SELECT "
    f"{_EXPORT_EXPR} AS line FROM cases c {_LABEL_JOIN.format(table=_TEMP_LABELS)} "
    "WHERE c.id BETWEEN ? AND ? ORDER BY c.id)")
_EXPORT_ONE_BY_ONE = (f"SELECT {_EXPORT_EXPR} FROM cases c "
                      f"{_LABEL_JOIN.format(table=_TEMP_LABELS)} "
                      "WHERE c.id BETWEEN ? AND ? ORDER BY c.id")


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def case_filter(scope: str | None, date_from: str | None,
                date_to: str | None) -> tuple[str, list[Any]]:
    """WHERE clause (cases aliased ``c``) for cases located beneath ``scope`` and
    received between the dates (inclusive); ("", []) selects every case."""
    clauses, params = [], []
    if scope:
        clauses.append("c.org_code IN (SELECT descendant FROM org_closure WHERE ancestor = ?)")
        params.append(scope)
    if date_from:
        clauses.append("c.received_on >= ?")
        params.append(date_from)
    if date_to:
        clauses.append("c.received_on <= ?")
        params.append(date_to)
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


class ExchangeRepository:
    def __init__(self, db: Database):
        self.db = db
        self.conn: sqlite3.Connection = db.conn

    # ---- reference data ---------------------------------------------------------------
    def units(self) -> dict[str, tuple[str, str | None]]:
        """code -> (level, parent_code)."""
        rows = self.conn.execute("SELECT code, level, parent_code FROM org_units")
        return {r[0]: (r[1], r[2]) for r in rows}

    def committees(self) -> dict[str, str]:
        """code -> org_code."""
        return dict(self.conn.execute("SELECT code, org_code FROM committees").fetchall())

    def code_lookup(self, kind: str) -> dict[str, str]:
        """Label -> code and code -> code for one code table."""
        rows = self.conn.execute(
            "SELECT code, label FROM code_items WHERE kind = ?", [kind]).fetchall()
        lookup = {code: code for code, _label in rows}
        lookup.update({label: code for code, label in rows})
        return lookup

    def unit_exists(self, code: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM org_units WHERE code = ?", [code]).fetchone()
        return row is not None

    def case_count(self, *, include_deleted: bool = True) -> int:
        where = "" if include_deleted else " WHERE deleted = 0"
        return int(self.conn.execute(f"SELECT count(*) FROM cases{where}").fetchone()[0])

    # ---- import bookkeeping (temp tables live outside the main database) ---------------
    def begin_import(self, cache_kib: int = 32768) -> int:
        """Prepare an import; returns the previous cache size (give it to end_import).
        Temp tables and the overflow of index sorts go to temp files (issue 13: in memory
        they took a bulk import of 1M rows to 393 MiB), except in an encrypted ledger."""
        self.end_import()
        # (set before creating temp tables: changing temp_store drops them; SQLite refuses
        # the change inside a transaction a caller left open, where it is only a speed-up)
        # an encrypted ledger keeps temp data in memory always (no plaintext temp files;
        # changing it would also drop the connection's TEMP scope-guard triggers; its
        # connection is opened with temp_store = MEMORY, so skipping it there changes nothing)
        memory = getattr(self.conn, "ledger_key", None) is not None
        if not self.conn.in_transaction:
            self.conn.execute(f"PRAGMA temp_store = {'MEMORY' if memory else 'DEFAULT'}")
        self.conn.execute(
            "CREATE TEMP TABLE import_seen (rowid INTEGER PRIMARY KEY, file_no INTEGER, "
            "line INTEGER, written INTEGER NOT NULL DEFAULT 0)")
        self.conn.execute(
            f"CREATE TEMP TABLE import_stats (case_id TEXT PRIMARY KEY, "
            f"{', '.join(STATS_COLUMNS)}) WITHOUT ROWID")
        previous = int(self.conn.execute("PRAGMA cache_size").fetchone()[0])
        self.set_cache(cache_kib)
        # keep the temp tables' pages from growing with the import
        self.conn.execute("PRAGMA temp.cache_size = -16384")
        return previous

    def set_cache(self, cache_kib: int) -> None:
        """The page cache of this connection (KiB); SQLite's sorter buffers as much."""
        self.conn.execute(f"PRAGMA cache_size = {-abs(int(cache_kib))}")

    def end_import(self, cache_size: int | None = None) -> None:
        for table in ("import_seen", "import_stats"):
            self.conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
        if cache_size is not None:
            self.conn.execute(f"PRAGMA cache_size = {int(cache_size)}")

    def seen(self, rowids: Sequence[int]) -> dict[int, tuple[int, int]]:
        """rowid -> (file number, line) for cases already read in this import."""
        sql = "SELECT rowid, file_no, line FROM temp.import_seen WHERE rowid IN ({})"
        return {r[0]: (r[1], r[2]) for r in self._in_chunks(sql, rowids)}

    def mark_seen(self, rows: Iterable[tuple[int, int, int, int]]) -> None:
        """(rowid, file number, line, written: 1 when this import inserted/updated it)."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO temp.import_seen(rowid, file_no, line, written) "
            "VALUES (?, ?, ?, ?)", rows)

    def next_rowid(self) -> int:
        return int(self.conn.execute("SELECT ifnull(max(id), 0) + 1 FROM cases").fetchone()[0])

    def existing(self, case_ids: Sequence[str], *,
                 with_party_names: bool = False) -> dict[str, tuple[Any, ...]]:
        """case_id -> (rowid, updated_at, *the COMPARED_COLUMNS values[, party_names]) of
        stored ids."""
        extra = ", party_names" if with_party_names else ""
        sql = (f"SELECT case_id, id, updated_at, {', '.join(COMPARED_COLUMNS)}{extra} "
               "FROM cases WHERE case_id IN ({})")
        return {r[0]: r[1:] for r in self._in_chunks(sql, case_ids)}

    def _in_chunks(self, sql: str, values: Sequence[Any], size: int = 5000) -> Iterator[Any]:
        for start in range(0, len(values), size):
            part = values[start:start + size]
            yield from self.conn.execute(sql.format(_marks(len(part))), part)

    def number_holder(self, committee: str, year: int, case_no: str) -> tuple[int, str] | None:
        """(rowid, case_id) of the case holding this number, if any."""
        row = self.conn.execute(
            "SELECT id, case_id FROM cases WHERE committee_code = ? AND year = ? "
            "AND case_no = ?", [committee, year, case_no]).fetchone()
        return (row[0], row[1]) if row else None

    # ---- writing cases --------------------------------------------------------------
    def insert_cases(self, rows: Sequence[Sequence[Any]], *, stats: bool = False) -> None:
        """Rows (id, *IMPORT_COLUMNS[, *STATS_COLUMNS when ``stats``])."""
        self.conn.executemany(_INSERT_STATS if stats else _INSERT, rows)

    def update_cases(self, rows: Sequence[Sequence[Any]], *, stats: bool = False) -> None:
        """Rows (*IMPORT_COLUMNS[, *STATS_COLUMNS when ``stats``])."""
        self.conn.executemany(_UPDATE_STATS if stats else _UPDATE, rows)

    def stats_for(self, case_ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        """case_id -> STATS_COLUMNS values from temp.import_stats."""
        sql = "SELECT * FROM temp.import_stats WHERE case_id IN ({})"
        return {r[0]: tuple(r[1:]) for r in self._in_chunks(sql, case_ids)}

    def load_stats(self, rows: Iterable[Sequence[Any]]) -> None:
        """Add rows (case_id, *STATS_COLUMNS) to temp.import_stats."""
        self.conn.executemany(
            f"INSERT OR REPLACE INTO temp.import_stats VALUES ({_marks(len(STATS_COLUMNS) + 1)})",
            rows)

    def clear_stats(self) -> None:
        self.conn.execute("DELETE FROM temp.import_stats")

    def savepoint(self, name: str) -> None:
        self.conn.execute(f"SAVEPOINT {name}")

    def release(self, name: str) -> None:
        self.conn.execute(f"RELEASE SAVEPOINT {name}")

    def rollback_to(self, name: str) -> None:
        self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
        self.conn.execute(f"RELEASE SAVEPOINT {name}")

    def drop_fts_triggers(self) -> list[str]:
        """Remove the FTS triggers (for a bulk import) and return their SQL."""
        rows = self.conn.execute(
            f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
            f"({_marks(len(_FTS_TRIGGERS))})", _FTS_TRIGGERS).fetchall()
        for name in _FTS_TRIGGERS:
            self.conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        return [r[0] for r in rows]

    def drop_secondary_indexes(self) -> list[str]:
        """Drop the non-unique indexes of ``cases`` (for a bulk import: built once at the
        end by sorting instead of row by row) and return their SQL."""
        return BulkRepository(self.db).drop_indexes(["cases"], unique=False)

    def create_indexes(self, index_sql: Sequence[str]) -> None:
        BulkRepository(self.db).create_indexes(index_sql)

    def restore_fts(self, trigger_sql: Iterable[str]) -> None:
        for sql in trigger_sql:
            self.conn.execute(sql)
        self.conn.execute("INSERT INTO case_fts(case_fts) VALUES('rebuild')")

    # ---- export -----------------------------------------------------------------------
    def export_lines(self, scope: str | None, date_from: str | None,
                     date_to: str | None) -> Generator[tuple[int, bytes], None, None]:
        """(number of cases, their quoted CSV lines with CRLF as UTF-8 bytes), in row id
        order, a batch at a time."""
        if scope or date_from or date_to:
            yield from self._selected_lines(scope, date_from, date_to)
            return
        # one read transaction: every batch sees the ledger as the first one did, as a
        # single cursor would (another program may write meanwhile); a savepoint also
        # nests in a transaction the caller has open
        self.conn.execute("SAVEPOINT mediator_export")
        try:
            self.conn.execute(f"DROP TABLE IF EXISTS {_TEMP_LABELS}")
            self.conn.execute(f"CREATE TABLE {_TEMP_LABELS} ({_LABEL_COLUMNS}, "
                              "PRIMARY KEY (source, dispute_type, difficulty)) WITHOUT ROWID")
            self.conn.execute(f"INSERT INTO {_TEMP_LABELS} {_LABEL_ROWS}")
            low, high = self.conn.execute("SELECT min(id), max(id) FROM cases").fetchone()
            for start in range(low or 0, (high or -1) + 1, EXPORT_IDS):
                ids = (start, start + EXPORT_IDS - 1)
                try:
                    count, lines = self.conn.execute(_EXPORT_CHUNK, ids).fetchone()
                except crypto.DatabaseErrors as exc:
                    if "too big" not in str(exc):
                        raise
                    # the batch's lines exceed SQLite's limit for one value (1 GB by
                    # default: very long summaries): these cases one line at a time
                    for (line,) in self.conn.execute(_EXPORT_ONE_BY_ONE, ids):
                        yield 1, bytes(line)
                    continue
                if count:
                    yield int(count), bytes(lines)
        finally:
            self.conn.execute(f"DROP TABLE IF EXISTS {_TEMP_LABELS}")
            self.conn.execute("RELEASE mediator_export")

    def _selected_lines(self, scope: str | None, date_from: str | None,
                        date_to: str | None) -> Generator[tuple[int, bytes], None, None]:
        where, params = case_filter(scope, date_from, date_to)
        cursor = self.conn.cursor()
        # small batches stay in the CPU's cache (issue 13, 1M cases: 5000 rows of ~350
        # bytes a fetch cost 0.3-0.5 s more CPU than 256)
        cursor.arraysize = 256
        cursor.execute(f"{_EXPORT_SELECT} {where} ORDER BY c.id", params)
        try:
            while rows := cursor.fetchmany():
                yield len(rows), b"".join([r[0] for r in rows])
        finally:
            cursor.close()

    def export_rows(self, scope: str | None, date_from: str | None,
                    date_to: str | None) -> sqlite3.Cursor:
        """The EXPORT_HEADER fields of each case as text (for .xlsx)."""
        where, params = case_filter(scope, date_from, date_to)
        cursor = self.conn.cursor()
        cursor.arraysize = 2000
        return cursor.execute(f"SELECT {', '.join(_EXPORT_FIELDS)} FROM cases c {_EXPORT_JOINS}"
                              f" {where} ORDER BY c.id", params)

    def totals(self, scope: str | None = None, date_from: str | None = None,
               date_to: str | None = None) -> dict[str, int]:
        """cases (tombstones included), live (not deleted), resolved (live 调解成功) and
        amount_fen (live) of the cases the filter selects (all without one)."""
        where, params = case_filter(scope, date_from, date_to)
        row = self.conn.execute(
            "SELECT count(*), ifnull(sum(deleted = 0), 0), "
            "ifnull(sum(deleted = 0 AND status = '调解成功'), 0), "
            f"ifnull(sum(CASE WHEN deleted = 0 THEN amount_fen END), 0) FROM cases c {where}",
            params).fetchone()
        return {"cases": int(row[0]), "live": int(row[1]), "resolved": int(row[2]),
                "amount_fen": int(row[3])}

    # ---- health -----------------------------------------------------------------------
    def table_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for table in ("org_units", "committees", "people", "parties", "audit_log"):
            counts[table] = int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        live, dead = self.conn.execute(
            "SELECT ifnull(sum(deleted = 0), 0), ifnull(sum(deleted = 1), 0) FROM cases"
        ).fetchone()
        counts["cases"], counts["cases_deleted"] = int(live), int(dead)
        return counts

    def units_by_level(self) -> dict[str, int]:
        return dict(self.conn.execute(
            "SELECT level, count(*) FROM org_units GROUP BY level").fetchall())

    def orphan_problems(self) -> list[str]:
        """Cases whose location does not match their grid / committee."""
        row = self.conn.execute(
            "SELECT count(*) FROM cases c LEFT JOIN committees m ON m.code = c.committee_code "
            "WHERE c.org_code IS NOT coalesce(c.grid_code, m.org_code)").fetchone()
        return [f"cases with a wrong location (org_code): {row[0]}"] if row[0] else []

    def is_ledger(self) -> bool:
        names = {r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {"_sqlite_migrations", "cases", "org_units"} <= names


def file_integrity(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` of a database file opened read-only; [] when healthy."""
    key = crypto.key_for(path)  # an encrypted ledger or its backup (issue 9)
    try:
        conn = (crypto.connect(path, key, readonly=True) if key is not None else
                sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True))
    except crypto.DatabaseErrors as exc:
        return [str(exc)]
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        return [r[0] for r in rows if r[0] != "ok"]
    except crypto.DatabaseErrors as exc:
        return [str(exc)]
    finally:
        conn.close()
