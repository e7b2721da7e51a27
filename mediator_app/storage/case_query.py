"""Read-only queries behind the case list, the status bar and the dashboard.

All list / filter / search / count SQL of the GUI lives here. Values are always bound
with ``?``; sort keys come from the ``SORT_SQL`` whitelist. What is asked for (``Scope``,
``CaseFilter``) and the overdue and follow-up rules are plain Python in
``domain/case_filter.py`` (definitions there and in docs/user-guide.md); this module
turns them into SQL.

* **text search** — every whitespace-separated term must match the case number, the
  summary or the party names, or the name of the case's dispute type, source,
  committee, or of a unit it is located beneath (grid, village/community, street …).
  Terms of 3 or more characters use the ``case_fts`` trigram index; shorter terms fall
  back to ``LIKE`` within the current scope. Names are looked up in the small code,
  committee and unit tables and matched by code (``label_match``).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from mediator_app.domain.case_filter import (
    FOLLOWUP_WINDOW_DAYS,
    SORT_KEYS,
    CaseFilter,
    CaseRow,
    DueCase,
    Scope,
    ViewCounts,
    followup_earliest_close,
    followup_latest_close,
    overdue_limit,
)
from mediator_app.storage.account_repo import scope_restriction
from mediator_app.storage.counts_repo import CountsRepository
from mediator_app.storage.counts_repo import supported as counts_supported
from mediator_app.storage.subsidy_repo import SubsidyRepository, incomplete_sql

TRIGRAM_MIN = 3
NOT_DELETED = "c.deleted = 0"

# sort key (domain.case_filter.SORT_KEYS) -> SQL expression (whitelist)
SORT_SQL: dict[str, str] = {
    "id": "c.id",
    "case_no": "c.case_no",
    "received_on": "c.received_on",
    "status": "c.status",
    "dispute_type": "c.dispute_type",
    "source": "c.source",
    "committee": "c.committee_code",
    "location": "c.org_code",
    "parties": "c.party_names",
    "accepted_on": "c.accepted_on",
    "closed_on": "c.closed_on",
    "amount": "c.amount_fen",
}
assert tuple(SORT_SQL) == SORT_KEYS, "every sort key of the domain has its SQL"


Clause = tuple[str, list[Any]]


# ---- building WHERE clauses ------------------------------------------------------------
def _covers_everything(db: Database, code: str) -> bool:
    """True when ``code`` is the only root, so its scope is the whole database."""
    below = db.execute("SELECT count(*) FROM org_closure WHERE ancestor = ?", [code])
    total = db.execute("SELECT count(*) FROM org_units")
    return int(below.fetchone()[0]) == int(total.fetchone()[0])


def scope_clause(db: Database, scope: Scope) -> Clause:
    """The chosen scope, within the logged-in user's scope (issue 9) when there is one."""
    base = _chosen_scope_clause(db, scope)
    limit = scope_restriction(db)
    if limit is None:
        return base
    clauses = [c for c in (base, limit) if c[0]]
    return " AND ".join(f"({c})" for c, _ in clauses), [p for _, ps in clauses for p in ps]


def _chosen_scope_clause(db: Database, scope: Scope) -> Clause:
    if scope.kind == "committee":
        return "c.committee_code = ?", [scope.code]
    if scope.kind == "org" and not _covers_everything(db, scope.code):
        return "c.org_code IN (SELECT descendant FROM org_closure WHERE ancestor = ?)", [
            scope.code
        ]
    return "", []


def overdue_clause(today: date, days: int) -> Clause:
    return "c.status = '调解中' AND c.accepted_on < ?", [overdue_limit(today, days)]


def followup_clause(today: date, days: int, window: int = FOLLOWUP_WINDOW_DAYS) -> Clause:
    latest_close = followup_latest_close(today, days, window)
    sql = ("c.status = '调解成功' AND c.closed_on IS NOT NULL AND c.closed_on <= ? "
           "AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.case_rowid = c.id "
           "AND f.visited_on >= c.closed_on)")
    return sql, [latest_close]


def fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_trigrams(term: str) -> str:
    """The FTS5 query finding the candidates for a term of 3+ characters: its trigrams
    (every third one and the last, enough to cover it) all present. ``case_fts`` keeps
    no positions (``detail=none``, migration m0100: a third of the index's size), so a
    longer term cannot be one phrase; ``_term_clause`` confirms the candidates with
    ``LIKE`` (a 3-character term is one trigram and needs no confirmation)."""
    starts = sorted({*range(0, len(term) - 2, 3), len(term) - 3})
    return " ".join(fts_phrase(term[i:i + 3]) for i in starts)


def _like_any(term: str) -> Clause:
    """The case number, the party names or the summary contain ``term``."""
    like = f"%{_like_escape(term)}%"
    return ("(c.case_no LIKE ? ESCAPE '\\' OR c.party_names LIKE ? ESCAPE '\\' "
            "OR c.summary LIKE ? ESCAPE '\\')", [like, like, like])


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class LabelMatch:
    """The codes whose displayed names contain a search term: dispute types and
    sources (labels of the code tables), committees (name or short name) and org units
    (grid, village/community, street … names; the cases located beneath them match)."""

    dispute_types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    units: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.dispute_types or self.sources or self.committees or self.units)


def label_match(db: Database, term: str) -> LabelMatch:
    """Codes whose names contain ``term`` (small tables: a few thousand rows at most)."""
    like = f"%{_like_escape(term)}%"

    def codes(sql: str, params: list[Any]) -> tuple[str, ...]:
        return tuple(r[0] for r in db.execute(sql, params).fetchall())

    items = "SELECT code FROM code_items WHERE kind = ? AND label LIKE ? ESCAPE '\\'"
    return LabelMatch(
        dispute_types=codes(items, ["dispute_type", like]),
        sources=codes(items, ["source", like]),
        committees=codes("SELECT code FROM committees WHERE name LIKE ?1 ESCAPE '\\' "
                         "OR short_name LIKE ?1 ESCAPE '\\'", [like]),
        units=codes("SELECT code FROM org_units WHERE name LIKE ? ESCAPE '\\'", [like]),
    )


def _in(column: str, values: Sequence[str]) -> Clause:
    return f"{column} IN ({', '.join('?' * len(values))})", list(values)


def _label_clauses(match: LabelMatch) -> list[Clause]:
    out: list[Clause] = []
    for column, values in (("c.dispute_type", match.dispute_types),
                           ("c.source", match.sources),
                           ("c.committee_code", match.committees)):
        if values:
            out.append(_in(column, values))
    if match.units:
        inner, params = _in("ancestor", match.units)
        out.append((f"c.org_code IN (SELECT descendant FROM org_closure WHERE {inner})",
                    params))
    return out


def _term_clause(term: str, match: LabelMatch) -> Clause:
    """One search term: the case number, summary or party names contain it (trigram
    index for 3+ characters, else LIKE), or a name shown for the case does."""
    if len(term) > TRIGRAM_MIN:  # candidates from the index, confirmed by LIKE
        like_sql, like_params = _like_any(term)
        parts: list[Clause] = [("(c.id IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?)"
                                f" AND {like_sql})", [fts_trigrams(term), *like_params])]
    elif len(term) == TRIGRAM_MIN:
        parts = [("c.id IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?)",
                  [fts_phrase(term)])]
    else:
        parts = [_like_any(term)]
    parts += _label_clauses(match)
    sql = " OR ".join(c for c, _ in parts)
    return (f"({sql})" if len(parts) > 1 else sql), [p for _, ps in parts for p in ps]


def text_clause(db: Database, text: str) -> Clause:
    """Every whitespace-separated term must match (see the module docstring)."""
    clauses = [_term_clause(term, label_match(db, term)) for term in text.split()]
    return " AND ".join(c for c, _ in clauses), [p for _, ps in clauses for p in ps]


def _simple_clauses(f: CaseFilter) -> list[Clause]:
    out: list[Clause] = []
    for column, value in (("c.status", f.status), ("c.dispute_type", f.dispute_type),
                          ("c.source", f.source), ("c.committee_code", f.committee)):
        if value:
            out.append((f"{column} = ?", [value]))
    if f.date_from:
        out.append(("c.received_on >= ?", [f.date_from]))
    if f.date_to:
        out.append(("c.received_on <= ?", [f.date_to]))
    return out


def where_clause(db: Database, f: CaseFilter) -> Clause:
    clauses: list[Clause] = [(NOT_DELETED, []), scope_clause(db, f.scope)]
    clauses += _simple_clauses(f)
    if f.overdue:
        clauses.append(overdue_clause(f.today_date(), f.overdue_days))
    if f.followup_due:
        clauses.append(followup_clause(f.today_date(), f.followup_days))
    if f.file_incomplete:
        clauses.append((incomplete_sql(SubsidyRepository(db).file_rules()), []))
    if f.text.strip():
        clauses.append(text_clause(db, f.text))
    sql = " AND ".join(f"({c})" for c, _ in clauses if c)
    params = [p for _, ps in clauses for p in ps]
    return sql, params


# ---- the case list ----------------------------------------------------------------------
def order_by(sort: str, descending: bool) -> str:
    if sort not in SORT_SQL:
        raise ValueError(f"unknown sort key: {sort!r}")
    direction = "DESC" if descending else "ASC"
    expr = SORT_SQL[sort]
    if expr == "c.id":
        return f"c.id {direction}"
    return f"{expr} {direction}, c.id {direction}"


# A search term matching more cases than this makes the first page faster by walking the
# registration-date index and testing membership than by sorting every match
# (1M cases, "宅基地" matching 93k: 150 ms -> 12 ms); with fewer matches sorting them wins.
WALK_INDEX_MATCHES = 20_000


def _label_count(db: Database, match: LabelMatch) -> int:
    """How many cases a term names by their codes; dispute types and sources are
    counted as broad without counting (each is a share of all cases, and they have no
    index of their own), units and committees through their registration indexes."""
    if match.dispute_types or match.sources:
        return WALK_INDEX_MATCHES
    total = 0
    if match.committees:
        inner, params = _in("committee_code", match.committees)
        total += db.execute(f"SELECT count(*) FROM cases WHERE {inner}", params).fetchone()[0]
    if match.units:
        inner, params = _in("ancestor", match.units)
        total += db.execute("SELECT count(*) FROM cases WHERE org_code IN (SELECT descendant "
                            f"FROM org_closure WHERE {inner})", params).fetchone()[0]
    return int(total)


def _broad_search(db: Database, text: str) -> bool:
    """Whether every term matches many cases (``WALK_INDEX_MATCHES`` or more, through
    the trigram index or the names it matches): then the first page walks the
    registration-date index instead of sorting every match."""
    terms = text.split()
    if not terms:
        return False
    for term in terms:
        count = _label_count(db, label_match(db, term))
        if count < WALK_INDEX_MATCHES:
            if len(term) < TRIGRAM_MIN:
                return False
            count += db.execute("SELECT count(*) FROM case_fts WHERE case_fts MATCH ?",
                                [fts_trigrams(term)]).fetchone()[0]
        if count < WALK_INDEX_MATCHES:
            return False
    return True


def case_ids(db: Database, f: CaseFilter, *, sort: str = "received_on",
             descending: bool = True, limit: int | None = None) -> list[int]:
    """The ids of the cases in view, in display order (optionally only the first ones)."""
    where, params = where_clause(db, f)
    order = order_by(sort, descending)
    source = "cases c"
    if limit is not None and sort == "received_on" and _broad_search(db, f.text):
        source = "cases c INDEXED BY idx_cases_received"
    elif limit is None and f.text.strip() and _covered(f"{where} {order}"):
        source = "cases c INDEXED BY idx_cases_stats"
    sql = f"SELECT c.id FROM {source} WHERE {where} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    return [r[0] for r in db.execute(sql, params).fetchall()]


# The columns of idx_cases_stats, a covering index of the live cases (WHERE deleted = 0,
# which every view's first clause NOT_DELETED implies). A searched view's full id list
# whose filter and order need nothing else reads that index instead of the cases, in
# index order rather than jumping through the table by date (1M cases, "宅基地" with its
# dispute type, 139k ids: 0.53 -> 0.34 s CPU; on an encrypted ledger 1.28 -> 0.52 s,
# where every table page that fell out of the page cache was decrypted again).
_STATS_COLUMNS = frozenset({
    "id", "org_code", "received_on", "deleted", "status", "closed_on", "accepted_on",
    "dispute_type", "source", "agreement_form", "judicial_confirmed",
    "judicial_confirmed_on", "performance", "party_count", "mass_dispute", "amount_fen",
    "people_involved", "prevent_criminal", "prevent_petition", "prevent_fight",
    "prevent_suicide"})
_CASE_COLUMN = re.compile(r"\bc\.(\w+)")


def _covered(sql: str) -> bool:
    """Whether every ``c.column`` the SQL names is in idx_cases_stats."""
    return set(_CASE_COLUMN.findall(sql)) <= _STATS_COLUMNS


_ROW_SQL = """SELECT c.id, c.case_no, c.received_on, c.status, c.dispute_type, c.source,
    c.committee_code, c.org_code, c.party_names,
    COALESCE(p.id_number, ''), COALESCE(p.phone, ''), c.accepted_on, c.closed_on,
    c.summary, c.amount_fen
    FROM cases c LEFT JOIN parties p ON p.id = (
        SELECT id FROM parties WHERE case_rowid = c.id ORDER BY seq, id LIMIT 1)
    WHERE c.id IN ({marks})"""
MAX_BATCH = 500


def fetch_rows(db: Database, ids: Sequence[int]) -> dict[int, CaseRow]:
    """Rows by primary key (at most ``MAX_BATCH`` per query); missing ids are absent."""
    out: dict[int, CaseRow] = {}
    for start in range(0, len(ids), MAX_BATCH):
        chunk = list(ids[start:start + MAX_BATCH])
        sql = _ROW_SQL.format(marks=", ".join("?" * len(chunk)))
        for r in db.execute(sql, chunk).fetchall():
            out[r[0]] = CaseRow(*r)
    return out


def _counted_view(db: Database, f: CaseFilter) -> ViewCounts | None:
    """The counts of a view that the monthly counts table can answer (scope, status, type
    and registration dates; issue 13: ~1 ms instead of counting 1M rows), else None.
    Overdue cases are counted from the partial index of the cases in mediation (m0101)."""
    if (f.source or f.committee or f.overdue or f.followup_due or f.file_incomplete
            or f.text.strip()):
        return None

    if scope_restriction(db) is not None:  # a scoped user (issue 9): count its cases only
        return None
    if not counts_supported(db, f.scope.kind):
        return None
    try:
        first = date.fromisoformat(f.date_from) if f.date_from else None
        last = date.fromisoformat(f.date_to) if f.date_to else None
    except ValueError:
        return None
    by_status: Counter[str] = Counter()
    for (status,), n in CountsRepository(db).registered(
            *_counts_scope(db, f.scope), first, last, status=f.status,
            dispute_type=f.dispute_type, group=("status",)).items():
        by_status[status] += n
    where, params = where_clause(db, dataclasses.replace(f, overdue=True))
    overdue = int(db.execute(f"SELECT count(*) FROM cases c WHERE {where}",
                             params).fetchone()[0])
    return ViewCounts(sum(by_status.values()), by_status["调解中"], by_status["调解成功"],
                      overdue)


def view_counts(db: Database, f: CaseFilter) -> ViewCounts:
    """Total, in mediation, resolved and overdue cases of the current view."""
    counted = _counted_view(db, f)
    if counted is not None:
        return counted
    where, params = where_clause(db, f)
    limit = overdue_limit(f.today_date(), f.overdue_days)
    row = db.execute(
        "SELECT count(*), COALESCE(sum(c.status = '调解中'), 0), "
        "COALESCE(sum(c.status = '调解成功'), 0), "
        "COALESCE(sum(c.status = '调解中' AND c.accepted_on < ?), 0) "
        f"FROM cases c WHERE {where}",
        [limit, *params],
    ).fetchone()
    return ViewCounts(*(int(v) for v in row))


# ---- lookups for labels and the navigation tree --------------------------------------
def code_labels(db: Database, kind: str) -> list[tuple[str, str]]:
    rows = db.execute(
        "SELECT code, label FROM code_items WHERE kind = ? ORDER BY sort_order, code", [kind]
    )
    return [(r[0], r[1]) for r in rows.fetchall()]


def org_nodes(db: Database) -> list[tuple[str, str, str, str | None]]:
    """(code, name, level, parent_code) of active units in display order."""
    rows = db.execute(
        "SELECT code, name, level, parent_code FROM org_units WHERE active = 1 "
        "ORDER BY sort_order, code"
    )
    return [tuple(r) for r in rows.fetchall()]


def has_org_tree(db: Database) -> bool:
    """Whether any top-level org unit exists (a new ledger has none yet)."""
    return bool(db.execute("SELECT EXISTS(SELECT 1 FROM org_units WHERE parent_code IS NULL)"
                           ).fetchone()[0] == 1)


def committee_nodes(db: Database) -> list[tuple[str, str, str, str]]:
    """(code, name, kind, org_code) of active committees."""
    rows = db.execute(
        "SELECT code, name, kind, org_code FROM committees WHERE active = 1 ORDER BY kind, code"
    )
    return [tuple(r) for r in rows.fetchall()]


def new_case_defaults(db: Database, org_code: str) -> dict[str, str]:
    """Committee / grid to suggest for a new case entered under an org unit: the grid
    itself, and the one active committee at the unit (or at the grid's parent)."""
    row = db.execute("SELECT level, parent_code FROM org_units WHERE code = ?",
                     [org_code]).fetchone()
    if row is None:
        return {}
    out = {"grid_code": org_code} if row[0] == "网格" else {}
    home = row[1] if row[0] == "网格" else org_code
    committees = db.execute("SELECT code FROM committees WHERE org_code = ? AND active = 1",
                            [home]).fetchall()
    if len(committees) == 1:
        out["committee_code"] = committees[0][0]
    return out


def names(db: Database, table: str) -> dict[str, str]:
    if table not in ("org_units", "committees"):
        raise ValueError(table)
    return dict(db.execute(f"SELECT code, name FROM {table}").fetchall())


# ---- dashboard ------------------------------------------------------------------------
def _scoped(db: Database, scope: Scope, extra: Iterable[Clause]) -> Clause:
    clauses = [(NOT_DELETED, []), scope_clause(db, scope), *extra]
    return (" AND ".join(f"({c})" for c, _ in clauses if c),
            [p for _, ps in clauses for p in ps])


def _counts_scope(db: Database, scope: Scope) -> tuple[str, str]:
    """The counts table's scope matching ``scope_clause`` (an org unit covering every
    case reads the whole ledger there too)."""
    if scope.kind == "org" and not _covers_everything(db, scope.code):
        return "org", scope.code
    return "all", ""


def _counts_usable(db: Database, scope: Scope) -> bool:
    """The monthly counts answer for ``scope``: they exist for it and no logged-in user's
    scope restricts what may be counted (review2: a scoped user's dashboard counted the
    whole ledger, or any unit chosen, from them)."""
    return scope_restriction(db) is None and counts_supported(db, scope.kind)


def monthly_by_status(db: Database, scope: Scope, first_day: date,
                      last_day: date) -> dict[str, dict[str, int]]:
    """{"YYYY-MM": {status: count}} of cases registered between the two days (from the
    monthly counts table for the whole ledger or an org unit: issue 13; a scoped user's
    from its cases, as the counts know nothing of users)."""
    if _counts_usable(db, scope):
        counted: dict[str, dict[str, int]] = {}
        for (month, status), n in CountsRepository(db).registered(
                *_counts_scope(db, scope), first_day, last_day,
                group=("month", "status")).items():
            counted.setdefault(month, {})[status] = n
        return counted
    where, params = _scoped(db, scope, [("c.received_on BETWEEN ? AND ?",
                                         [first_day.isoformat(), last_day.isoformat()])])
    rows = db.execute(
        f"SELECT substr(c.received_on, 1, 7), c.status, count(*) FROM cases c "
        f"WHERE {where} GROUP BY 1, 2", params
    ).fetchall()
    out: dict[str, dict[str, int]] = {}
    for month, status, n in rows:
        out.setdefault(month, {})[status] = int(n)
    return out


def type_breakdown(db: Database, scope: Scope, first_day: date,
                   last_day: date) -> list[tuple[str, int]]:
    """(dispute type code, count) of cases registered in the range, largest first (from
    the monthly counts table for the whole ledger or an org unit: issue 13; a scoped
    user's from its cases)."""
    if _counts_usable(db, scope):
        by_type: Counter[str] = Counter()
        for (dispute_type,), n in CountsRepository(db).registered(
                *_counts_scope(db, scope), first_day, last_day,
                group=("dispute_type",)).items():
            by_type[dispute_type] += n
        return sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))
    where, params = _scoped(db, scope, [("c.received_on BETWEEN ? AND ?",
                                         [first_day.isoformat(), last_day.isoformat()])])
    rows = db.execute(
        f"SELECT c.dispute_type, count(*) FROM cases c WHERE {where} "
        "GROUP BY 1 ORDER BY 2 DESC, 1", params
    ).fetchall()
    return [(r[0], int(r[1])) for r in rows]


def overdue_cases(db: Database, scope: Scope, today: date, days: int,
                  limit: int = 50) -> tuple[int, list[DueCase]]:
    """(how many, the longest-waiting ``limit`` of them)."""
    where, params = _scoped(db, scope, [overdue_clause(today, days)])
    total = int(db.execute(f"SELECT count(*) FROM cases c WHERE {where}", params)
                .fetchone()[0])
    rows = db.execute(
        f"SELECT c.id, c.case_no, c.party_names, c.accepted_on FROM cases c WHERE {where} "
        "ORDER BY c.accepted_on, c.id LIMIT ?", [*params, limit]
    ).fetchall()
    return total, [DueCase(*r) for r in rows]


def followups_due_this_week(db: Database, scope: Scope, today: date, days: int,
                            limit: int = 50) -> tuple[int, list[DueCase]]:
    """Follow-ups whose deadline falls between today and today + 7 days."""
    earliest_close = followup_earliest_close(today, days)
    clause, cparams = followup_clause(today, days)
    where, params = _scoped(db, scope, [(clause, cparams),
                                        ("c.closed_on >= ?", [earliest_close])])
    total = int(db.execute(f"SELECT count(*) FROM cases c WHERE {where}", params)
                .fetchone()[0])
    rows = db.execute(
        f"SELECT c.id, c.case_no, c.party_names, date(c.closed_on, '+{int(days)} days') "
        f"FROM cases c WHERE {where} ORDER BY c.closed_on, c.id LIMIT ?", [*params, limit]
    ).fetchall()
    return total, [DueCase(*r) for r in rows]
