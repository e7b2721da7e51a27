"""One measured operation per process: ``python bench/bench_ops.py OP [args]``.

Prints one JSON line: wall seconds of the operation itself (imports and setup
excluded), the process's peak RSS (``ru_maxrss``; for the sqlite3 shell, the peak of
that child process) and its RSS before the operation started. Each operation runs in
a fresh process so peaks of different operations never mix.

The raw-SQL baselines live here on purpose: they are what the application is
compared against, not application code.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DISTRICT = "610114"
REPEATS = 3  # queries are timed cold (first run) and best of REPEATS
ORG_TABLES = ("org_units", "org_closure", "committees", "people", "code_items", "settings")
# Used when the exchange repository does not expose its query (same columns as cases.csv).
FALLBACK_EXPORT_SQL = "SELECT * FROM cases ORDER BY id"


def _rss_kb() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() // 1024


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _measure(fn: Callable[[], Any], *, children: bool = False) -> dict[str, Any]:
    """Wall and CPU seconds of ``fn`` and the peak RSS (the machine is shared: CPU
    time shows how much of the wall time was waiting for a core)."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    before, cpu_before = _rss_kb(), _cpu(who)
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu_seconds": _cpu(who) - cpu_before,
            "maxrss_kb": resource.getrusage(who).ru_maxrss,
            "rss_before_kb": 0 if children else before, "result": result}


def _repeat(fn: Callable[[], Any]) -> dict[str, Any]:
    first = _measure(fn)
    times = [first["seconds"]]
    for _ in range(REPEATS - 1):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    first["cold_seconds"], first["seconds"] = times[0], min(times)
    return first


# ---- operations ---------------------------------------------------------------------

def op_build(a: argparse.Namespace) -> dict[str, Any]:
    from mediator_app.services.demo.district import build_demo
    from mediator_app.storage.db import open_database

    db = open_database(a.db).db
    today = date.fromisoformat(a.today)
    out = _measure(lambda: build_demo(db, cases=a.cases, seed=1, today=today).cases)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    out["db_bytes"] = Path(a.db).stat().st_size
    return out


def op_report(a: argparse.Namespace) -> dict[str, Any]:
    try:
        from mediator_app.services.statistics.report import build_report
    except ImportError as exc:
        return {"skipped": f"mediator_app.services.statistics.report.build_report missing: {exc}"}
    from mediator_app.storage.db import open_database

    db = open_database(a.db, readonly=True).db
    out = _repeat(lambda: type(build_report(db, period=a.period, scope=DISTRICT)).__name__)
    return out


def op_report_raw(a: argparse.Namespace) -> dict[str, Any]:
    conn = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    sql = ("SELECT org_code, count(*), sum(status = '调解成功') FROM cases "
           "WHERE received_on BETWEEN ? AND ? AND deleted = 0 GROUP BY org_code")
    bounds = [f"{a.period}-01-01", f"{a.period}-12-31"]
    return _repeat(lambda: len(conn.execute(sql, bounds).fetchall()))


def op_export(a: argparse.Namespace) -> dict[str, Any]:
    from mediator_app.services.exchange.case_exchange import export_cases
    from mediator_app.storage.db import open_database

    db = open_database(a.db, readonly=True).db
    out = _measure(lambda: export_cases(db, a.csv))
    out["csv_bytes"] = Path(a.csv).stat().st_size
    return out


def op_export_xlsx(a: argparse.Namespace) -> dict[str, Any]:
    from mediator_app.services.exchange.case_exchange import export_cases_xlsx
    from mediator_app.storage.db import open_database

    db = open_database(a.db, readonly=True).db
    out = _measure(lambda: export_cases_xlsx(db, a.csv))
    out["xlsx_bytes"] = Path(a.csv).stat().st_size
    return out


def export_sql() -> str:
    try:
        from mediator_app.storage import exchange_repo
    except ImportError:
        return FALLBACK_EXPORT_SQL
    line = getattr(exchange_repo, "_EXPORT_LINE", None)
    if line is None:
        return FALLBACK_EXPORT_SQL
    # the line as text (the program fetches it as UTF-8 bytes, which the shell would
    # print in hex)
    return f"SELECT '\"' || {line} || '\"' FROM cases c {exchange_repo._EXPORT_JOINS} ORDER BY c.id"


def op_export_shell(a: argparse.Namespace) -> dict[str, Any]:
    shell = shutil.which("sqlite3")
    if shell is None:
        return {"skipped": "sqlite3 command-line shell not installed "
                           "(apt-get install -y sqlite3)"}
    sql = export_sql() if a.query == "export" else "SELECT * FROM cases"

    def run() -> int:
        with open(a.csv, "wb") as fh:
            subprocess.run([shell, "-readonly", "-csv", a.db, sql], stdout=fh, check=True)
        return Path(a.csv).stat().st_size

    out = _measure(run, children=True)
    out["query"] = sql
    return out


def _copy_org(source: str, target: str) -> None:
    from mediator_app.storage.db import open_database

    opened = open_database(target)
    conn = opened.db.conn
    conn.execute("ATTACH DATABASE ? AS src", [source])
    with conn:
        for table in ORG_TABLES:
            conn.execute(f"DELETE FROM main.{table}")
            conn.execute(f"INSERT INTO main.{table} SELECT * FROM src.{table}")
    conn.execute("DETACH DATABASE src")
    opened.close()


def op_import(a: argparse.Namespace) -> dict[str, Any]:
    from mediator_app.services.exchange.case_exchange import import_cases
    from mediator_app.storage.db import open_database

    _copy_org(a.source, a.db)
    db = open_database(a.db).db
    today = date.fromisoformat(a.today)

    def run() -> int:
        result = import_cases(db, [a.csv], today=today)
        return int(result.total("new"))

    return _measure(run)


def op_import_raw(a: argparse.Namespace) -> dict[str, Any]:
    conn = sqlite3.connect(a.db)

    def run() -> int:
        with open(a.csv, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            cols = ", ".join(f"c{i}" for i in range(len(header)))
            conn.execute(f"CREATE TABLE bare({cols})")
            marks = ", ".join("?" * len(header))
            with conn:
                conn.executemany(f"INSERT INTO bare VALUES ({marks})", reader)
        return int(conn.execute("SELECT count(*) FROM bare").fetchone()[0])

    return _measure(run)


def op_import_schema_raw(a: argparse.Namespace) -> dict[str, Any]:
    """The fair raw baseline of the import (issue 13): the same rows, already converted,
    copied by SQL into the same schema with the import's bulk strategy (FTS and count
    insert triggers dropped, secondary indexes dropped and rebuilt once, the FTS index
    rebuilt in one pass, the monthly counts in one GROUP BY), in one transaction. No CSV
    parsing, no validation: what SQLite alone costs to maintain the schema. ``--order
    case_id`` inserts in UUID order (the unique index grows at its end)."""
    from mediator_app.services.exchange import case_exchange
    from mediator_app.storage.migrations import COUNTS_FILL_SQL

    bulk_kib = getattr(case_exchange, "BULK_CACHE_KIB", 65536)  # (older trees: the same)
    sort_kib = getattr(case_exchange, "SORT_CACHE_KIB", 32768)

    _copy_org(a.source, a.db)
    conn = sqlite3.connect(a.db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    # the import's memory settings (issue 13: 64 MiB cache, 32 MiB for the sorts at the
    # end, temp data in files; before: 128 MiB and temp_store = MEMORY, 371 MiB at 1M)
    conn.execute(f"PRAGMA cache_size = -{bulk_kib}")
    conn.execute("PRAGMA temp_store = DEFAULT")
    conn.execute("ATTACH DATABASE ? AS src", [a.source])
    order = "case_id" if a.order == "case_id" else "id"

    def run() -> int:
        conn.execute("BEGIN")
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
            "('cases_fts_ai', 'cases_fts_ad', 'cases_fts_au', 'case_counts_ai')").fetchall()
        for name, _sql in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        indexes = conn.execute(
            "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND "
            "tbl_name = 'cases' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        cols = [r[1] for r in conn.execute("PRAGMA main.table_info(cases)") if r[1] != "id"]
        names = ", ".join(cols)
        conn.execute(f"INSERT INTO main.cases({names}) SELECT {names} FROM src.cases "
                     f"ORDER BY {order}")
        conn.execute(f"PRAGMA cache_size = -{sort_kib}")
        for _name, sql in triggers:
            conn.execute(sql)
        conn.execute("INSERT INTO case_fts(case_fts) VALUES('rebuild')")
        for _name, sql in indexes:
            conn.execute(sql)
        conn.execute(COUNTS_FILL_SQL.format(where="1"))
        conn.execute("COMMIT")
        return int(conn.execute("SELECT count(*) FROM main.cases").fetchone()[0])

    return _measure(run)


OPS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "build": op_build, "report": op_report, "report_raw": op_report_raw,
    "export": op_export, "export_shell": op_export_shell, "import": op_import,
    "import_raw": op_import_raw, "import_schema_raw": op_import_schema_raw,
    "export_xlsx": op_export_xlsx,
}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("op", choices=sorted(OPS))
    p.add_argument("--db", required=True)
    p.add_argument("--csv", default="")
    p.add_argument("--source", default="")
    p.add_argument("--cases", type=int, default=0)
    p.add_argument("--today", default=date.today().isoformat())
    p.add_argument("--period", default="2024")
    p.add_argument("--query", default="export", choices=["export", "all"])
    p.add_argument("--order", default="id", choices=["id", "case_id"])
    a = p.parse_args(argv)
    try:
        out = OPS[a.op](a)
    except Exception as exc:  # reported, not hidden: the driver prints it
        out = {"error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(out, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
