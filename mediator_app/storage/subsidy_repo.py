"""SQL of 以案定补: default classes per dispute type, the completeness rules, the
versioned subsidy rule sets, the cases a claim reads and the claims marked as paid.
Callers own the transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from mediator_app.domain import subsidy as s
from mediator_app.storage.convert import now_iso
from mediator_app.storage.exchange_repo import case_filter
from mediator_app.storage.migrations import DEFAULT_DIFFICULTY_SQL, FILE_FLAGS_SQL

_EFFECTIVE_CLASS = (
    "coalesce(c.difficulty, (SELECT difficulty FROM difficulty_defaults WHERE "
    "dispute_type = c.dispute_type), (SELECT difficulty FROM difficulty_defaults "
    "WHERE dispute_type = '*'), '')")


@dataclass(frozen=True)
class PaidClaim:
    id: int
    scope: str
    period: str
    version: int
    paid_by: str
    paid_at: str
    cases: int
    amount_fen: int
    snapshot: dict[str, Any]


def scope_clause(kind: str, code: str) -> tuple[str, list[Any]]:
    """Cases (aliased c) beneath an org unit, or of a committee."""
    if kind == "committee":
        return "c.committee_code = ?", [code]
    return "c.org_code IN (SELECT descendant FROM org_closure WHERE ancestor = ?)", [code]


def _bit_missing(item: str) -> str:
    """SQL true when a case (aliased c) lacks ``item`` (domain.subsidy._holds)."""
    return {
        "registration": "c.accepted_on IS NULL",
        "record": "(c.file_flags & 3) = 0",
        "investigation": "(c.file_flags & 1) = 0",
        "session": "(c.file_flags & 2) = 0",
        "written_agreement": "(c.file_flags & 12) <> 12",
        "oral_record": "(c.file_flags & 20) = 0",
        "follow_up_over_time": "((c.file_flags & 32) <> 0 AND (c.file_flags & 64) = 0)",
        "follow_up": "(c.file_flags & 64) = 0",
    }[item]


def _situation_sql(situation: str) -> str:
    status, _sep, form = situation.partition("|")
    if status not in ("调解成功", "调解终止", "不予受理") or form not in ("", "书面", "口头"):
        raise ValueError(situation)
    if status == "调解成功":
        return f"(c.status = '调解成功' AND c.agreement_form IS '{form}')"
    return f"c.status = '{status}'"


def incomplete_sql(rules: Mapping[str, Sequence[str]]) -> str:
    """A condition on cases (aliased c) true for a file lacking a required item; the
    text is built from whitelisted situations and items only."""
    parts = []
    for situation, items in sorted(rules.items()):
        missing = [_bit_missing(i) for i in s.ITEMS if i in items]
        if missing:
            parts.append(f"({_situation_sql(situation)} AND ({' OR '.join(missing)}))")
    return f"({' OR '.join(parts)})" if parts else "0"


class SubsidyRepository:
    def __init__(self, db: Database):
        self.db = db
        self.conn: sqlite3.Connection = db.conn

    # ---- default classes ---------------------------------------------------------------
    def class_defaults(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT dispute_type, difficulty FROM difficulty_defaults"))

    def set_class_default(self, dispute_type: str, difficulty: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO difficulty_defaults VALUES (?, ?)",
                          [dispute_type, difficulty])

    def class_use_count(self, code: str) -> int:
        return int(self.conn.execute(
            "SELECT (SELECT count(*) FROM cases WHERE difficulty = ?) + (SELECT count(*) "
            "FROM difficulty_defaults WHERE difficulty = ?) + (SELECT count(*) FROM "
            "subsidy_rates WHERE difficulty = ?)", [code, code, code]).fetchone()[0])

    # ---- completeness rules --------------------------------------------------------------
    def file_rules(self) -> dict[str, tuple[str, ...]]:
        rules: dict[str, list[str]] = {k: [] for k in s.SITUATIONS}
        for situation, item in self.conn.execute("SELECT situation, item FROM file_rules"):
            rules.setdefault(situation, []).append(item)
        return {k: tuple(i for i in s.ITEMS if i in v) for k, v in rules.items()}

    def set_file_rules(self, rules: Mapping[str, Sequence[str]]) -> None:
        self.conn.execute("DELETE FROM file_rules")
        self.conn.executemany("INSERT INTO file_rules VALUES (?, ?)",
                              [(k, i) for k, items in rules.items() for i in items])

    def refresh_file_flags(self, rowids: Sequence[int]) -> None:
        for start in range(0, len(rowids), 5000):
            part = list(rowids[start:start + 5000])
            self.conn.execute(f"{FILE_FLAGS_SQL} WHERE id IN ({', '.join('?' * len(part))})",
                              part)

    def case_file(self, rowid: int) -> tuple[str, str | None, bool, int] | None:
        """(status, agreement_form, accepted, file_flags) of one case."""
        row = self.conn.execute("SELECT status, agreement_form, accepted_on IS NOT NULL, "
                                "file_flags FROM cases WHERE id = ?", [rowid]).fetchone()
        return (row[0], row[1], bool(row[2]), int(row[3])) if row else None

    def incomplete_files(self, kind: str, code: str, start: str, end: str,
                         rules: Mapping[str, Sequence[str]]) -> list[tuple[Any, ...]]:
        """Closed, live cases beneath the scope closed in [start, end] whose file lacks a
        required item: (rowid, case_id, case_no, committee_code, committee name,
        status, agreement_form, accepted, flags, closed_on, mediator names)."""
        where, params = scope_clause(kind, code)
        return self.conn.execute(
            "SELECT c.id, c.case_id, c.case_no, c.committee_code, ifnull(m.name, ''), "
            "c.status, c.agreement_form, c.accepted_on IS NOT NULL, c.file_flags, "
            "c.closed_on, ifnull((SELECT group_concat(p.name, '、') FROM case_mediators cm "
            "JOIN people p ON p.id = cm.person_id WHERE cm.case_rowid = c.id), '') "
            "FROM cases c LEFT JOIN committees m ON m.code = c.committee_code "
            f"WHERE c.deleted = 0 AND c.closed_on BETWEEN ? AND ? AND {where} AND "
            f"{incomplete_sql(rules)} ORDER BY c.committee_code, c.closed_on, c.case_no",
            [start, end, *params]).fetchall()

    # ---- rule sets ---------------------------------------------------------------------
    def rule_sets(self) -> list[s.RuleSet]:
        rates: dict[str, list[s.Rate]] = {}
        for r in self.conn.execute(
                "SELECT effective_from, difficulty, amount_fen, agreement_form, min_people, "
                "min_amount_fen FROM subsidy_rates ORDER BY id"):
            rates.setdefault(r[0], []).append(s.Rate(r[1], int(r[2]), r[3], int(r[4]),
                                                     int(r[5])))
        return [s.RuleSet(date.fromisoformat(r[0]), tuple(rates.get(r[0], ())), r[1],
                          bool(r[2]), bool(r[3]))
                for r in self.conn.execute(
                    "SELECT effective_from, payee, performed_only, require_complete FROM "
                    "subsidy_rule_sets ORDER BY effective_from")]

    def save_rule_set(self, rules: s.RuleSet, user: str) -> None:
        key = rules.effective_from.isoformat()
        self.conn.execute("DELETE FROM subsidy_rates WHERE effective_from = ?", [key])
        self.conn.execute(
            "INSERT OR REPLACE INTO subsidy_rule_sets(effective_from, payee, performed_only, "
            "require_complete, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)",
            [key, rules.payee, int(rules.performed_only), int(rules.require_complete),
             now_iso(), user])
        self.conn.executemany(
            "INSERT INTO subsidy_rates(effective_from, difficulty, agreement_form, min_people, "
            "min_amount_fen, amount_fen) VALUES (?, ?, ?, ?, ?, ?)",
            [(key, r.difficulty, r.agreement_form, r.min_people, r.min_amount_fen,
              r.amount_fen) for r in rules.rates])

    def delete_rule_set(self, effective_from: date) -> None:
        key = effective_from.isoformat()
        self.conn.execute("DELETE FROM subsidy_rates WHERE effective_from = ?", [key])
        self.conn.execute("DELETE FROM subsidy_rule_sets WHERE effective_from = ?", [key])

    # ---- the cases of a claim ------------------------------------------------------------
    def claim_rows(self, kind: str, code: str, start: str, end: str, *,
                   paid: bool = True) -> Iterator[tuple[Any, ...]]:
        """调解成功, live cases beneath the scope closed in [start, end], ordered by
        closing date, case number and case id (``domain.subsidy.compute_claim(...,
        ordered=True)``), in the field order of
        ``domain.subsidy.CaseFacts``: (rowid, case_id, case_no, committee_code,
        closed_on, accepted, agreement_form, performance, class, people_involved,
        amount_fen, file_flags, the mediators as ``seq:person_id`` joined by commas (in
        no particular order), id of the claim that paid it (None; not looked up unless
        ``paid``))."""
        where, params = scope_clause(kind, code)
        paid_claim = ("(SELECT claim_id FROM subsidy_paid_cases WHERE case_id = c.case_id)"
                      if paid else "NULL")
        cursor = self.conn.cursor()
        cursor.arraysize = 2000
        yield from cursor.execute(
            "SELECT c.id, c.case_id, c.case_no, c.committee_code, c.closed_on, "
            "c.accepted_on IS NOT NULL, c.agreement_form, c.performance, "
            f"{_EFFECTIVE_CLASS}, c.people_involved, c.amount_fen, c.file_flags, "
            "ifnull((SELECT group_concat(seq || ':' || person_id) FROM case_mediators "
            f"WHERE case_rowid = c.id), ''), {paid_claim} "
            "FROM cases c "
            "WHERE c.status = '调解成功' AND c.deleted = 0 AND c.closed_on BETWEEN ? AND ? "
            f"AND {where} ORDER BY c.closed_on, c.case_no, c.case_id",
            [start, end, *params])

    def has_claims(self) -> bool:
        return bool(self.conn.execute("SELECT EXISTS (SELECT 1 FROM subsidy_claims)").fetchone()[0])

    def people(self) -> dict[int, tuple[str, str | None]]:
        """person id -> (name, committee code)."""
        return {r[0]: (r[1], r[2]) for r in self.conn.execute(
            "SELECT id, name, committee_code FROM people")}

    # ---- claims marked as paid -------------------------------------------------------------
    def add_claim(self, scope: str, period: str, user: str, cases: int, amount_fen: int,
                  snapshot: dict[str, Any], paid: Sequence[tuple[str, int, str]]) -> int:
        """Store a paid claim as the next version of (scope, period) with its paid cases
        (case_id, amount_fen, fingerprint); a case paid before raises IntegrityError."""
        version = int(self.conn.execute(
            "SELECT coalesce(max(version), 0) + 1 FROM subsidy_claims WHERE scope = ? AND "
            "period = ?", [scope, period]).fetchone()[0])
        cur = self.conn.execute(
            "INSERT INTO subsidy_claims(scope, period, version, paid_by, paid_at, cases, "
            "amount_fen, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [scope, period, version, user, now_iso(), cases, amount_fen,
             json.dumps(snapshot, ensure_ascii=False)])
        claim_id = int(cur.lastrowid or 0)
        self.conn.executemany(
            "INSERT INTO subsidy_paid_cases(case_id, claim_id, amount_fen, fingerprint) "
            "VALUES (?, ?, ?, ?)", [(cid, claim_id, fen, fp) for cid, fen, fp in paid])
        return claim_id

    def claims(self, scope: str | None = None, period: str | None = None) -> list[PaidClaim]:
        where, params = [], []
        if scope is not None:
            where.append("scope = ?")
            params.append(scope)
        if period is not None:
            where.append("period = ?")
            params.append(period)
        sql = ("SELECT id, scope, period, version, paid_by, paid_at, cases, amount_fen, "
               "snapshot FROM subsidy_claims")
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [PaidClaim(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], json.loads(r[8]))
                for r in self.conn.execute(sql + " ORDER BY id", params)]

    def paid_fingerprints(self, claim_id: int) -> dict[str, str]:
        return dict(self.conn.execute(
            "SELECT case_id, fingerprint FROM subsidy_paid_cases WHERE claim_id = ?",
            [claim_id]))


# ---- exchange packages (case_files.csv, case_mediators.csv) ------------------------------

_WRITTEN = "SELECT rowid FROM temp.import_seen WHERE written = 1 AND file_no = ?"


class SubsidyExchangeRepository:
    """The side files of 以案定补 in packages: what each case file holds (file_flags) and
    the mediators of each case by name and committee (person ids are local)."""

    def __init__(self, db: Database):
        self.conn: sqlite3.Connection = db.conn

    def file_rows(self, scope: str | None, date_from: str | None,
                  date_to: str | None) -> Iterator[tuple[Any, ...]]:
        where, params = case_filter(scope, date_from, date_to)
        yield from self.conn.execute(
            f"SELECT c.case_id, c.file_flags FROM cases c {where} ORDER BY c.id", params)

    def mediator_rows(self, scope: str | None, date_from: str | None,
                      date_to: str | None) -> Iterator[tuple[Any, ...]]:
        where, params = case_filter(scope, date_from, date_to)
        yield from self.conn.execute(
            "SELECT c.case_id, cm.seq, p.name, ifnull(p.committee_code, '') FROM cases c "
            "JOIN case_mediators cm ON cm.case_rowid = c.id JOIN people p ON p.id = "
            f"cm.person_id {where} ORDER BY c.id, cm.seq", params)

    def apply_file_flags(self, rows: Sequence[tuple[str, int]], file_no: int) -> None:
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_files "
                          "(case_id TEXT PRIMARY KEY, flags INTEGER)")
        self.conn.execute("DELETE FROM temp.import_files")
        self.conn.executemany("INSERT OR REPLACE INTO temp.import_files VALUES (?, ?)", rows)
        self.conn.execute(
            "UPDATE cases SET file_flags = (SELECT flags FROM temp.import_files f WHERE "
            f"f.case_id = cases.case_id) WHERE id IN ({_WRITTEN}) AND case_id IN "
            "(SELECT case_id FROM temp.import_files)", [file_no])
        self.conn.execute("DROP TABLE temp.import_files")

    def refresh_file_flags(self, file_no: int) -> None:
        """From the records (a package that carried them but no case_files.csv)."""
        self.conn.execute(f"{FILE_FLAGS_SQL} WHERE id IN ({_WRITTEN})", [file_no])

    def fill_default_classes(self, file_no: int) -> None:
        self.conn.execute(f"{DEFAULT_DIFFICULTY_SQL} WHERE id IN ({_WRITTEN}) "
                          "AND difficulty IS NULL", [file_no])

    def apply_mediators(self, rows: Sequence[tuple[str, int, str, str]], file_no: int,
                        stamp: str) -> int:
        """Replace the mediators of the cases this file wrote by those of ``rows``
        (case_id, seq, name, committee code), finding each person by name and committee
        and adding the mediators the receiver lacks. Returns how many were added."""
        known = {(name, committee or ""): pid for pid, name, committee in self.conn.execute(
            "SELECT id, name, committee_code FROM people WHERE role IN ('调解员', "
            "'调解员+网格员') ORDER BY active, id DESC")}
        committees = {r[0] for r in self.conn.execute("SELECT code FROM committees")}
        added = 0
        for _case_id, _seq, name, committee in rows:
            key = (name, committee if committee in committees else "")
            if key not in known:
                cur = self.conn.execute(
                    "INSERT INTO people(name, role, committee_code, updated_at) VALUES "
                    "(?, '调解员', ?, ?)", [name, key[1] or None, stamp])
                known[key] = int(cur.lastrowid or 0)
                added += 1
        self.conn.execute("DELETE FROM case_mediators WHERE case_rowid IN "
                          f"({_WRITTEN})", [file_no])
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_mediators "
                          "(case_id TEXT, person_id INTEGER, seq INTEGER)")
        self.conn.execute("DELETE FROM temp.import_mediators")
        self.conn.executemany(
            "INSERT INTO temp.import_mediators VALUES (?, ?, ?)",
            [(cid, known[(name, committee if committee in committees else "")], seq)
             for cid, seq, name, committee in rows])
        self.conn.execute(
            "INSERT OR IGNORE INTO case_mediators(case_rowid, person_id, seq) "
            "SELECT c.id, m.person_id, m.seq FROM temp.import_mediators m "
            "JOIN cases c ON c.case_id = m.case_id "
            f"WHERE c.id IN ({_WRITTEN})", [file_no])
        self.conn.execute("DROP TABLE temp.import_mediators")
        return added
