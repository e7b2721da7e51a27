"""The overview (dashboard), the status-bar counts and the sort by case number on a big
ledger, warm and on a cold cache, each against the raw SQL doing the same work (issue 13).

``uv run python bench/bench_overview.py DB [--runs 3] [--today YYYY-MM-DD]``

- *overview*: ``services.statistics.dashboard.load_dashboard`` for the whole ledger (what the window
  computes on the DB worker), now (monthly counts table) and as before issue 13 (the same
  function with the counts path switched off: two ``build_report`` calls and GROUP BYs
  over the cases);
- raw baselines: the GROUP BY over the cases of the last 12 months by month and status
  plus the year's statuses (the core of the old path), and the same figures from
  ``case_counts``;
- *status-bar counts* of the unfiltered list (``case_query.view_counts``) against a raw
  ``count(*)`` with the status sums;
- *sort by case number*: the first 400 ids and the full id list
  (``case_query.case_ids(sort="case_no")``) against the raw ``SELECT id … ORDER BY``.

Cold: before each cold run the database file's pages are dropped from the OS page cache
(``posix_fadvise(DONTNEED)`` on the file and its WAL: only this file, nothing else on the
machine) and a new connection is opened (empty SQLite cache). Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mediator_app.storage import case_query as cq  # noqa: E402
from mediator_app.storage.db import open_database  # noqa: E402


def drop_cache(path: str) -> None:
    for name in (path, path + "-wal"):
        if os.path.exists(name):
            fd = os.open(name, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def old_path() -> ExitStack:
    """load_dashboard as it was before the counts table: build_report for the figures,
    GROUP BYs over the cases for the charts."""
    from mediator_app.services.statistics import dashboard as dashboard_data
    from mediator_app.services.statistics.report import build_report

    def headline(db: Any, *, period: str, scope: str | None, as_of: date, rule: Any) -> Any:
        return build_report(db, period=period, scope=scope, as_of=as_of, rule=rule).totals

    stack = ExitStack()
    stack.enter_context(mock.patch.object(dashboard_data, "headline", headline))
    stack.enter_context(mock.patch.object(cq, "counts_supported", lambda _db, _kind: False))
    return stack


def timed(path: str, cold: bool, work: Callable[[Any], Any]) -> float:
    if cold:
        drop_cache(path)
    handle = open_database(path, migrate=False)
    try:
        started = time.perf_counter()
        work(handle.db)
        return time.perf_counter() - started
    finally:
        handle.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("db")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--today", default=None)
    args = ap.parse_args()
    from mediator_app.services.statistics.dashboard import load_dashboard, month_start

    today = date.fromisoformat(args.today) if args.today else date.today()
    first = month_start(today, 11).isoformat()
    open_database(args.db).close()  # migrate once (m0082 fills the counts) before timing
    all_scope = cq.Scope()

    def overview_new(db: Any) -> None:
        load_dashboard(db, all_scope, today)

    def overview_old(db: Any) -> None:
        with old_path():
            load_dashboard(db, all_scope, today)

    def raw_cases(db: Any) -> None:
        db.execute("SELECT substr(received_on, 1, 7), status, count(*) FROM cases "
                   "WHERE deleted = 0 AND received_on BETWEEN ? AND ? GROUP BY 1, 2",
                   [first, today.isoformat()]).fetchall()
        db.execute("SELECT status, count(*) FROM cases WHERE deleted = 0 AND received_on "
                   "BETWEEN ? AND ? GROUP BY 1", [f"{today.year}-01-01", today.isoformat()]
                   ).fetchall()

    def raw_counts(db: Any) -> None:
        db.execute("SELECT month, status, sum(n) FROM case_counts WHERE kind = 'r' AND "
                   "month BETWEEN ? AND ? GROUP BY 1, 2", [first[:7], f"{today:%Y-%m}"]
                   ).fetchall()

    def counts_new(db: Any) -> None:
        cq.view_counts(db, cq.CaseFilter(today=today.isoformat()))

    def counts_raw(db: Any) -> None:
        db.execute("SELECT count(*), sum(status = '调解中'), sum(status = '调解成功') "
                   "FROM cases WHERE deleted = 0").fetchone()

    def sort_first(db: Any) -> None:
        cq.case_ids(db, cq.CaseFilter(), sort="case_no", descending=False, limit=400)

    def sort_all(db: Any) -> None:
        cq.case_ids(db, cq.CaseFilter(), sort="case_no", descending=False)

    def sort_raw(db: Any) -> None:
        db.execute("SELECT id FROM cases WHERE deleted = 0 ORDER BY case_no, id").fetchall()

    rows = [
        ("overview (load_dashboard), counts table", overview_new),
        ("overview as before issue 13 (build_report + GROUP BYs)", overview_old),
        ("raw SQL: 12 months x status + year's statuses over cases", raw_cases),
        ("raw SQL: 12 months x status from case_counts", raw_counts),
        ("status-bar counts, all cases (view_counts)", counts_new),
        ("raw SQL: count(*) + status sums over cases", counts_raw),
        ("sort by case number: first 400 ids", sort_first),
        ("sort by case number: full id list", sort_all),
        ("raw SQL: SELECT id ORDER BY case_no, id", sort_raw),
    ]
    load_before = os.getloadavg()
    results = []
    for name, work in rows:
        cold = [timed(args.db, True, work) for _ in range(args.runs)]
        warm = [timed(args.db, False, work) for _ in range(args.runs)]
        results.append((name, statistics.median(cold), statistics.median(warm)))
        print(f"  {name}: cold {statistics.median(cold):.3f} s, warm "
              f"{statistics.median(warm):.3f} s", file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    cases = open_database(args.db, migrate=False).db.execute(
        "SELECT count(*) FROM cases").fetchone()[0]
    size = os.path.getsize(args.db) / 2**20
    print(f"{cases:,} cases, {size:.0f} MiB, today {today}; medians of {args.runs}; load "
          f"average {tuple(round(x, 2) for x in load_before)} -> "
          f"{tuple(round(x, 2) for x in load_after)} on {os.cpu_count()} cores")
    print("| what | cold cache (s) | warm (s) |\n|---|---:|---:|")
    for name, cold_s, warm_s in results:
        print(f"| {name} | {cold_s:.3f} | {warm_s:.3f} |")


if __name__ == "__main__":
    main()
