"""Append-only schema migrations (applied by sqlite-utils ``Migrations``).

Never edit a migration that has shipped: add ``m000N_verb_object`` below it. Each runs in
its own transaction together with the record of it having been applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sqlite_utils import Database

from mediator_app.domain import subsidy as s
from mediator_app.domain.codes import DEFAULT_DISPUTE_TYPES, DEFAULT_SOURCES

MIGRATION_SET = "mediator_app"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' table: migration_set, name, applied_at


class Migration(NamedTuple):
    name: str
    fn: Callable[[Database], None]
    transactional: bool = True


class AppliedMigration(NamedTuple):
    name: str
    applied_at: str


class MigrationSet:
    """The registry of sqlite-utils' ``Migrations`` (same decorator, same table), read
    with plain SQL: opening an up-to-date ledger asks which migrations are pending, and
    importing sqlite-utils for that cost 0.08 s at every start (issue 13). Applying
    hands the registered functions to sqlite-utils' ``Migrations``."""

    def __init__(self, name: str):
        self.name = name
        self._migrations: list[Migration] = []

    def __call__(self, *, name: str | None = None, transactional: bool = True
                 ) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
        def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
            key = name or fn.__name__
            if any(m.name == key for m in self._migrations):
                raise ValueError(f"migration {key} is registered twice")
            self._migrations.append(Migration(key, fn, transactional))
            return fn
        return register

    def applied(self, db: Database) -> list[AppliedMigration]:
        """The migrations recorded in the file, in the order they were applied."""
        if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                      [MIGRATIONS_TABLE]).fetchone() is None:
            return []
        return [AppliedMigration(r[0], r[1]) for r in db.execute(
            f"SELECT name, applied_at FROM {MIGRATIONS_TABLE} WHERE migration_set = ? "
            "ORDER BY rowid", [self.name]).fetchall()]

    def pending(self, db: Database) -> list[Migration]:
        done = {m.name for m in self.applied(db)}
        return [m for m in self._migrations if m.name not in done]

    def apply(self, db: Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        # lazy: sqlite-utils (0.08 s to import) is needed only when a migration runs
        from sqlite_utils.migrations import Migrations

        runner = Migrations(self.name)
        for m in self._migrations:
            runner(name=m.name, transactional=m.transactional)(m.fn)
        runner.apply(db, stop_before=stop_before)


migrations = MigrationSet(MIGRATION_SET)


def _run(db: Database, statements: list[str]) -> None:
    # executescript() would COMMIT the migration's transaction: run one by one.
    for sql in statements:
        db.execute(sql)


_ORG = [
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE org_units (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('区','县','街道','乡镇','村','社区','网格')),
        parent_code TEXT REFERENCES org_units(code),
        active INTEGER NOT NULL DEFAULT 1,
        sort_order INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idx_org_units_parent ON org_units(parent_code)",
    # Closure table: every (ancestor, descendant) pair including (x, x) at depth 0.
    """CREATE TABLE org_closure (
        ancestor TEXT NOT NULL REFERENCES org_units(code),
        descendant TEXT NOT NULL REFERENCES org_units(code),
        depth INTEGER NOT NULL,
        PRIMARY KEY (ancestor, descendant)
    ) WITHOUT ROWID""",
    "CREATE INDEX idx_org_closure_desc ON org_closure(descendant, depth)",
    """CREATE TABLE committees (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        short_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        org_code TEXT NOT NULL REFERENCES org_units(code),
        active INTEGER NOT NULL DEFAULT 1,
        phone TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idx_committees_org ON committees(org_code)",
    """CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('调解员','网格员','调解员+网格员')),
        committee_code TEXT REFERENCES committees(code),
        grid_code TEXT REFERENCES org_units(code),
        phone TEXT NOT NULL DEFAULT '',
        sex TEXT,
        employment TEXT,
        position TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idx_people_committee ON people(committee_code)",
    "CREATE INDEX idx_people_grid ON people(grid_code)",
    "CREATE INDEX idx_people_name ON people(name)",
    """CREATE TABLE code_items (
        kind TEXT NOT NULL,
        code TEXT NOT NULL,
        label TEXT NOT NULL,
        group_label TEXT NOT NULL DEFAULT '',
        sort_order INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        version INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (kind, code)
    )""",
    "CREATE UNIQUE INDEX idx_code_items_label ON code_items(kind, label)",
]

_CASES = [
    """CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL UNIQUE,
        case_no TEXT NOT NULL DEFAULT '',
        year INTEGER NOT NULL,
        committee_code TEXT NOT NULL REFERENCES committees(code),
        grid_code TEXT REFERENCES org_units(code),
        org_code TEXT NOT NULL REFERENCES org_units(code),
        source TEXT NOT NULL,
        dispute_type TEXT NOT NULL,
        received_on TEXT NOT NULL,
        accepted_on TEXT,
        closed_on TEXT,
        status TEXT NOT NULL CHECK (status IN ('待受理','调解中','调解成功','调解终止','不予受理')),
        agreement_form TEXT CHECK (agreement_form IN ('书面','口头')),
        performance TEXT CHECK (performance IN ('未履行','履行中','已履行')),
        judicial_confirmed INTEGER NOT NULL DEFAULT 0,
        judicial_confirmed_on TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        amount_fen INTEGER NOT NULL DEFAULT 0,
        people_involved INTEGER NOT NULL DEFAULT 0,
        party_count INTEGER NOT NULL DEFAULT 0,
        mass_dispute INTEGER NOT NULL DEFAULT 0,
        prevent_criminal INTEGER NOT NULL DEFAULT 0,
        prevent_petition INTEGER NOT NULL DEFAULT 0,
        prevent_fight INTEGER NOT NULL DEFAULT 0,
        prevent_suicide INTEGER NOT NULL DEFAULT 0,
        summary TEXT NOT NULL DEFAULT '',
        outcome_note TEXT NOT NULL DEFAULT '',
        party_names TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
    )""",
    # Case number unique per committee and year (empty numbers are allowed many times).
    """CREATE UNIQUE INDEX idx_cases_case_no ON cases(committee_code, year, case_no)
        WHERE case_no <> ''""",
    "CREATE INDEX idx_cases_received ON cases(received_on)",
    "CREATE INDEX idx_cases_org_received ON cases(org_code, received_on)",
    "CREATE INDEX idx_cases_committee_received ON cases(committee_code, received_on)",
    "CREATE INDEX idx_cases_status ON cases(status, accepted_on)",
    "CREATE INDEX idx_cases_accepted ON cases(accepted_on)",
    """CREATE TABLE parties (
        id INTEGER PRIMARY KEY,
        case_rowid INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL DEFAULT 0,
        role TEXT NOT NULL DEFAULT '当事人',
        kind TEXT NOT NULL DEFAULT '自然人',
        name TEXT NOT NULL,
        sex TEXT,
        ethnicity TEXT NOT NULL DEFAULT '',
        birth_date TEXT,
        id_type TEXT NOT NULL DEFAULT '居民身份证',
        id_number TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        occupation TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idx_parties_case ON parties(case_rowid, seq)",
    "CREATE INDEX idx_parties_id_number ON parties(id_number) WHERE id_number <> ''",
    """CREATE TABLE case_mediators (
        case_rowid INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id),
        seq INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (case_rowid, person_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX idx_case_mediators_person ON case_mediators(person_id)",
    """CREATE TABLE investigations (
        id INTEGER PRIMARY KEY,
        case_rowid INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        held_at TEXT,
        place TEXT NOT NULL DEFAULT '',
        investigator TEXT NOT NULL DEFAULT '',
        interviewee TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idx_investigations_case ON investigations(case_rowid)",
    """CREATE TABLE mediation_sessions (
        id INTEGER PRIMARY KEY,
        case_rowid INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        held_at TEXT,
        place TEXT NOT NULL DEFAULT '',
        participants TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL DEFAULT '',
        result TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idx_sessions_case ON mediation_sessions(case_rowid)",
    """CREATE TABLE agreements (
        case_rowid INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        form TEXT NOT NULL CHECK (form IN ('书面','口头')),
        agreement_no TEXT NOT NULL DEFAULT '',
        signed_on TEXT,
        facts TEXT NOT NULL DEFAULT '',
        disputed_matters TEXT NOT NULL DEFAULT '',
        responsibilities TEXT NOT NULL DEFAULT '',
        terms TEXT NOT NULL DEFAULT '',
        performance_manner TEXT NOT NULL DEFAULT '',
        performance_place TEXT NOT NULL DEFAULT '',
        performance_deadline TEXT
    )""",
    """CREATE TABLE follow_ups (
        id INTEGER PRIMARY KEY,
        case_rowid INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        visited_on TEXT NOT NULL,
        party_visited TEXT NOT NULL DEFAULT '',
        agreement_no TEXT NOT NULL DEFAULT '',
        performance TEXT,
        satisfaction TEXT NOT NULL DEFAULT '',
        remaining_risk TEXT NOT NULL DEFAULT '',
        visitor TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idx_follow_ups_case ON follow_ups(case_rowid, visited_on)",
]

_AUDIT = [
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_key TEXT NOT NULL,
        action TEXT NOT NULL,
        field TEXT NOT NULL DEFAULT '',
        old_value TEXT,
        new_value TEXT
    )""",
    "CREATE INDEX idx_audit_entity ON audit_log(entity, entity_key)",
]

# Full-text index over case number, summary and party names (Chinese substrings via
# trigram). Contentless-delete FTS5 keeps only the index; ``cases.party_names`` is the
# denormalised list of names maintained by the case repository.
_FTS = [
    """CREATE VIRTUAL TABLE case_fts USING fts5(
        case_no, summary, party_names,
        content='cases', content_rowid='id', tokenize='trigram'
    )""",
    """CREATE TRIGGER cases_fts_ai AFTER INSERT ON cases BEGIN
        INSERT INTO case_fts(rowid, case_no, summary, party_names)
        VALUES (new.id, new.case_no, new.summary, new.party_names);
    END""",
    """CREATE TRIGGER cases_fts_ad AFTER DELETE ON cases BEGIN
        INSERT INTO case_fts(case_fts, rowid, case_no, summary, party_names)
        VALUES ('delete', old.id, old.case_no, old.summary, old.party_names);
    END""",
    """CREATE TRIGGER cases_fts_au AFTER UPDATE OF case_no, summary, party_names ON cases BEGIN
        INSERT INTO case_fts(case_fts, rowid, case_no, summary, party_names)
        VALUES ('delete', old.id, old.case_no, old.summary, old.party_names);
        INSERT INTO case_fts(rowid, case_no, summary, party_names)
        VALUES (new.id, new.case_no, new.summary, new.party_names);
    END""",
]


@migrations()
def m0001_create_org_tables(db: Database) -> None:
    _run(db, _ORG)


@migrations()
def m0002_create_case_tables(db: Database) -> None:
    _run(db, _CASES)


@migrations()
def m0003_create_audit_log(db: Database) -> None:
    _run(db, _AUDIT)


@migrations()
def m0004_create_case_fts(db: Database) -> None:
    _run(db, _FTS)


@migrations()
def m0005_seed_code_tables(db: Database) -> None:
    for kind, items in (("dispute_type", DEFAULT_DISPUTE_TYPES), ("source", DEFAULT_SOURCES)):
        for order, (code, label, group) in enumerate(items):
            db.execute(
                "INSERT INTO code_items(kind, code, label, group_label, sort_order) "
                "VALUES (?, ?, ?, ?, ?)",
                [kind, code, label, group, order],
            )


@migrations()
def m0010_create_stats_indexes(db: Database) -> None:
    """Covering indexes for the statistics sheets (storage/stats_repo.py): a district's
    year is read from the index alone, grouped by location without sorting."""
    _run(db, [
        """CREATE INDEX idx_cases_stats ON cases(org_code, received_on, deleted, status,
            closed_on, accepted_on, dispute_type, source, agreement_form, judicial_confirmed,
            judicial_confirmed_on, performance, party_count, mass_dispute, amount_fen,
            people_involved, prevent_criminal, prevent_petition, prevent_fight,
            prevent_suicide) WHERE deleted = 0""",
        """CREATE INDEX idx_cases_org_accepted ON cases(org_code, accepted_on, deleted)
            WHERE deleted = 0 AND accepted_on IS NOT NULL""",
    ])


@migrations()
def m0060_create_submissions(db: Database) -> None:
    """审核上报: each review or submission of a unit's month is a new version holding the
    JSON snapshot of its report; the highest version is the current one."""
    _run(db, [
        """CREATE TABLE submissions (
            id INTEGER PRIMARY KEY,
            scope TEXT NOT NULL,
            period TEXT NOT NULL,
            version INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('reviewed','submitted')),
            reviewed_by TEXT NOT NULL DEFAULT '',
            reviewed_at TEXT,
            submitted_by TEXT NOT NULL DEFAULT '',
            submitted_at TEXT,
            zero_report INTEGER NOT NULL DEFAULT 0,
            snapshot TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (scope, period, version)
        )""",
        "CREATE INDEX idx_submissions_period ON submissions(period, scope, status, version)",
    ])


@migrations()
def m0020_index_cases_closed(db: Database) -> None:
    """Follow-ups due (resolved cases by closing date) for the case list and overview."""
    _run(db, [("CREATE INDEX idx_cases_status_closed ON cases(status, closed_on) "
               "WHERE deleted = 0")])

@migrations()
def m0021_index_cases_case_no(db: Database) -> None:
    """Sorting the case list by case number without a full sort (ORDER BY case_no, id)."""
    _run(db, ["CREATE INDEX idx_cases_case_no_sort ON cases(case_no) WHERE deleted = 0"])

@migrations()
def m0070_create_import_log(db: Database) -> None:
    """Every case import (packages and cases.csv, not dry runs): who, when, which file
    (name and SHA-256), the counts and the change of the receiver's totals."""
    _run(db, [
        """CREATE TABLE import_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            file TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('cases.csv','package')),
            source_unit TEXT NOT NULL DEFAULT '',
            dry_run INTEGER NOT NULL DEFAULT 0,
            rows INTEGER NOT NULL DEFAULT 0,
            new INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            stale INTEGER NOT NULL DEFAULT 0,
            conflicts INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            warnings INTEGER NOT NULL DEFAULT 0,
            details TEXT NOT NULL DEFAULT '{}'
        )""",
        "CREATE INDEX idx_import_log_at ON import_log(at)",
    ])


@migrations()
def m0080_import_log_kind_ledger(db: Database) -> None:
    """The import log also records imports of old ledgers (workbooks, kind 'ledger'):
    the table is rebuilt with the wider CHECK, its rows kept."""
    _run(db, [
        "ALTER TABLE import_log RENAME TO import_log_before_ledger",
        """CREATE TABLE import_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            file TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('cases.csv','package','ledger')),
            source_unit TEXT NOT NULL DEFAULT '',
            dry_run INTEGER NOT NULL DEFAULT 0,
            rows INTEGER NOT NULL DEFAULT 0,
            new INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            stale INTEGER NOT NULL DEFAULT 0,
            conflicts INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            warnings INTEGER NOT NULL DEFAULT 0,
            details TEXT NOT NULL DEFAULT '{}'
        )""",
        "INSERT INTO import_log SELECT * FROM import_log_before_ledger",
        "DROP TABLE import_log_before_ledger",
        "CREATE INDEX idx_import_log_at ON import_log(at)",
    ])


# 以案定补 (issue 14). ``file_flags`` summarises what a case file holds (bits of
# domain/subsidy.py), so that completeness is read with the case and travels in packages
# that carry no records; ``difficulty`` is a code of the code table ``difficulty``.
FILE_FLAGS_SQL = """UPDATE cases SET file_flags =
    (EXISTS (SELECT 1 FROM investigations i WHERE i.case_rowid = cases.id)) * 1
    + (EXISTS (SELECT 1 FROM mediation_sessions s WHERE s.case_rowid = cases.id)) * 2
    + ifnull((SELECT (a.form = '书面') * 4
                     + (a.form = '书面' AND a.signed_on IS NOT NULL) * 8
                     + (a.form = '口头') * 16
                     + (a.performance_deadline IS NOT NULL
                        AND a.performance_deadline > ifnull(a.signed_on, '')) * 32
              FROM agreements a WHERE a.case_rowid = cases.id), 0)
    + (EXISTS (SELECT 1 FROM follow_ups f WHERE f.case_rowid = cases.id)) * 64"""

# Cases without a class take the default of their dispute type (or of '*').
DEFAULT_DIFFICULTY_SQL = """UPDATE cases SET difficulty = coalesce(
    (SELECT difficulty FROM difficulty_defaults WHERE dispute_type = cases.dispute_type),
    (SELECT difficulty FROM difficulty_defaults WHERE dispute_type = '*'))"""


@migrations()
def m0081_create_subsidy_tables(db: Database) -> None:
    _run(db, [
        "ALTER TABLE cases ADD COLUMN difficulty TEXT",
        "ALTER TABLE cases ADD COLUMN file_flags INTEGER NOT NULL DEFAULT 0",
        """CREATE TABLE difficulty_defaults (
            dispute_type TEXT PRIMARY KEY,
            difficulty TEXT NOT NULL
        )""",
        """CREATE TABLE file_rules (
            situation TEXT NOT NULL,
            item TEXT NOT NULL,
            PRIMARY KEY (situation, item)
        ) WITHOUT ROWID""",
        """CREATE TABLE subsidy_rule_sets (
            effective_from TEXT PRIMARY KEY,
            payee TEXT NOT NULL CHECK (payee IN ('principal','split')),
            performed_only INTEGER NOT NULL DEFAULT 0,
            require_complete INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL DEFAULT '',
            updated_by TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE subsidy_rates (
            id INTEGER PRIMARY KEY,
            effective_from TEXT NOT NULL REFERENCES subsidy_rule_sets(effective_from)
                ON DELETE CASCADE,
            difficulty TEXT NOT NULL,
            agreement_form TEXT NOT NULL DEFAULT '',
            min_people INTEGER NOT NULL DEFAULT 0,
            min_amount_fen INTEGER NOT NULL DEFAULT 0,
            amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0)
        )""",
        "CREATE INDEX idx_subsidy_rates_set ON subsidy_rates(effective_from)",
        # A claim marked as paid: the frozen snapshot (like 审核上报) and, per case, what
        # was paid; case_id is the primary key, so no case is ever paid twice.
        """CREATE TABLE subsidy_claims (
            id INTEGER PRIMARY KEY,
            scope TEXT NOT NULL,
            period TEXT NOT NULL,
            version INTEGER NOT NULL,
            paid_by TEXT NOT NULL DEFAULT '',
            paid_at TEXT NOT NULL,
            cases INTEGER NOT NULL,
            amount_fen INTEGER NOT NULL,
            snapshot TEXT NOT NULL,
            UNIQUE (scope, period, version)
        )""",
        """CREATE TABLE subsidy_paid_cases (
            case_id TEXT PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES subsidy_claims(id),
            amount_fen INTEGER NOT NULL,
            fingerprint TEXT NOT NULL
        ) WITHOUT ROWID""",
        "CREATE INDEX idx_subsidy_paid_claim ON subsidy_paid_cases(claim_id)",
    ])
    for order, (code, label, group) in enumerate(s.DEFAULT_DIFFICULTIES):
        db.execute("INSERT OR IGNORE INTO code_items(kind, code, label, group_label, "
                   "sort_order) VALUES ('difficulty', ?, ?, ?, ?)", [code, label, group, order])
    for dispute_type, difficulty in s.DEFAULT_CLASS_BY_TYPE.items():
        db.execute("INSERT INTO difficulty_defaults VALUES (?, ?)", [dispute_type, difficulty])
    for situation, items in s.DEFAULT_FILE_RULES.items():
        for item in items:
            db.execute("INSERT INTO file_rules VALUES (?, ?)", [situation, item])
    rules = s.default_rule_set()
    db.execute("INSERT INTO subsidy_rule_sets(effective_from, payee, performed_only, "
               "require_complete) VALUES (?, ?, ?, ?)",
               [rules.effective_from.isoformat(), rules.payee, int(rules.performed_only),
                int(rules.require_complete)])
    for r in rules.rates:
        db.execute("INSERT INTO subsidy_rates(effective_from, difficulty, agreement_form, "
                   "min_people, min_amount_fen, amount_fen) VALUES (?, ?, ?, ?, ?, ?)",
                   [rules.effective_from.isoformat(), r.difficulty, r.agreement_form,
                    r.min_people, r.min_amount_fen, r.amount_fen])
    # Existing cases: the class of their dispute type, and what their files hold.
    db.execute(f"{DEFAULT_DIFFICULTY_SQL} WHERE difficulty IS NULL")
    db.execute(FILE_FLAGS_SQL)


def known_names() -> list[str]:
    return [m.name for m in migrations._migrations]


# Monthly case counts per location (issue 13: the overview at 1M cases without reading
# the cases). Kept by triggers on ``cases`` in the same statement as the change (inserts,
# edits of the counted columns, status changes, tombstones, deletions), so no writer can
# forget them; ``storage/counts_repo.py`` reads them and documents the rows.
_COUNTS = [
    # Month first: the overview reads a range of months (of every location, or of the
    # locations of a subtree); the triggers address one row by its whole key.
    """CREATE TABLE case_counts (
        kind TEXT NOT NULL,
        month TEXT NOT NULL,
        org_code TEXT NOT NULL,
        status TEXT NOT NULL,
        dispute_type TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (kind, month, org_code, status, dispute_type)
    ) WITHOUT ROWID""",
    """CREATE TRIGGER case_counts_ai AFTER INSERT ON cases WHEN new.deleted = 0 BEGIN
        INSERT INTO case_counts VALUES ('r', substr(new.received_on, 1, 7), new.org_code,
            new.status, new.dispute_type, 1) ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO case_counts SELECT 'a', substr(new.accepted_on, 1, 7), new.org_code, '',
            '', 1 WHERE new.accepted_on IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1;
    END""",
    """CREATE TRIGGER case_counts_ad AFTER DELETE ON cases WHEN old.deleted = 0 BEGIN
        UPDATE case_counts SET n = n - 1 WHERE org_code = old.org_code
            AND month = substr(old.received_on, 1, 7) AND kind = 'r' AND status = old.status
            AND dispute_type = old.dispute_type;
        UPDATE case_counts SET n = n - 1 WHERE old.accepted_on IS NOT NULL
            AND org_code = old.org_code AND month = substr(old.accepted_on, 1, 7)
            AND kind = 'a' AND status = '' AND dispute_type = '';
    END""",
    """CREATE TRIGGER case_counts_au AFTER UPDATE OF org_code, received_on, accepted_on,
        status, dispute_type, deleted ON cases BEGIN
        UPDATE case_counts SET n = n - 1 WHERE old.deleted = 0 AND org_code = old.org_code
            AND month = substr(old.received_on, 1, 7) AND kind = 'r' AND status = old.status
            AND dispute_type = old.dispute_type;
        UPDATE case_counts SET n = n - 1 WHERE old.deleted = 0
            AND old.accepted_on IS NOT NULL AND org_code = old.org_code
            AND month = substr(old.accepted_on, 1, 7) AND kind = 'a' AND status = ''
            AND dispute_type = '';
        INSERT INTO case_counts SELECT 'r', substr(new.received_on, 1, 7), new.org_code,
            new.status, new.dispute_type, 1 WHERE new.deleted = 0
            ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO case_counts SELECT 'a', substr(new.accepted_on, 1, 7), new.org_code, '',
            '', 1 WHERE new.deleted = 0 AND new.accepted_on IS NOT NULL
            ON CONFLICT DO UPDATE SET n = n + 1;
    END""",
]

# Filling the table from the cases as they are (the migration, and bulk writes that
# insert with the insert trigger dropped): the rows of one GROUP BY added to what is there.
COUNTS_FILL_SQL = """
    INSERT INTO case_counts
    SELECT 'r', substr(received_on, 1, 7), org_code, status, dispute_type, count(*)
      FROM cases WHERE deleted = 0 AND {where} GROUP BY 2, 3, 4, 5
    UNION ALL
    SELECT 'a', substr(accepted_on, 1, 7), org_code, '', '', count(*)
      FROM cases WHERE deleted = 0 AND accepted_on IS NOT NULL AND {where} GROUP BY 2, 3
    ON CONFLICT DO UPDATE SET n = n + excluded.n"""


@migrations()
def m0082_create_case_counts(db: Database) -> None:
    """Monthly counts per location, status and type (the overview's figures), filled
    from the cases and kept by triggers."""
    _run(db, [*_COUNTS, COUNTS_FILL_SQL.format(where="1")])


@migrations()
def m0090_create_accounts(db: Database) -> None:
    """User accounts of an encrypted ledger (issue 9): role and scope live inside the
    encrypted file; the wrapped keys live in the key file beside it. A disabled
    account's row stays so that its cases and audit entries keep the name."""
    _run(db, [
        """CREATE TABLE accounts (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('系统管理员','管理员','调解员','查看')),
            scope TEXT,
            personal_data INTEGER NOT NULL DEFAULT 0,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX idx_audit_log_action ON audit_log(action)",
    ])


# Issue 13, ledger size: the trigram index keeps no positions and no column sizes
# (``detail=none``, ``columnsize=0``): 218 → 62 bytes a case. Phrases of more than one
# trigram are then not queryable, so a longer search term finds its candidates through
# its trigrams and is confirmed by LIKE (storage/case_query.py ``_term_clause``); the
# column sizes only served bm25 ranking, which the program does not use. Same content
# table and triggers (their SQL is unchanged; they are re-created because a dropped
# table takes its triggers' target with it).
LEAN_FTS = [
    "DROP TRIGGER IF EXISTS cases_fts_ai",
    "DROP TRIGGER IF EXISTS cases_fts_ad",
    "DROP TRIGGER IF EXISTS cases_fts_au",
    "DROP TABLE case_fts",
    """CREATE VIRTUAL TABLE case_fts USING fts5(
        case_no, summary, party_names,
        content='cases', content_rowid='id', tokenize='trigram',
        detail=none, columnsize=0
    )""",
    *_FTS[1:],
    "INSERT INTO case_fts(case_fts) VALUES('rebuild')",
]


@migrations()
def m0100_lean_case_fts(db: Database) -> None:
    """The full-text index without positions and column sizes (a third of its size)."""
    _run(db, LEAN_FTS)


# Issue 13, ledger size: the (status, accepted_on) index served one question, the cases
# in mediation accepted before a day (overdue: the case list's filter, the status bar,
# the overview), always asked with the literal status '调解中'; the filter by status
# uses idx_cases_status_closed. A partial index holding only the cases in mediation
# answers the same queries with the same order (accepted_on, then id) and costs almost
# nothing instead of 35 bytes a case (1M demo ledger: 33.6 MiB → 104 KiB for its 3,409
# cases in mediation; each bulk import and demo build also sorts one index less). The
# key keeps status first: on accepted_on alone the planner (no ANALYZE statistics)
# preferred idx_cases_status_closed and a sort (docs/benchmarks.md, issue 13 third part).
OVERDUE_INDEX = [
    "DROP INDEX IF EXISTS idx_cases_status",
    "CREATE INDEX idx_cases_overdue ON cases(status, accepted_on) WHERE status = '调解中'",
]


@migrations()
def m0101_partial_overdue_index(db: Database) -> None:
    """The overdue cases from a partial index of the cases in mediation."""
    _run(db, OVERDUE_INDEX)
