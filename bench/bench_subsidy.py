"""以案定补 benchmark (issue 14): the yearly claim of the whole district on a large demo
ledger, computed (services.subsidy.claim.compute_claim) and written as JSON the way
``mediator-app subsidy --format json`` does, plus the claim sheets (PDF) of one street.

    uv run python bench/bench_subsidy.py --cases 100000 --db /tmp/bench-100k.db
    uv run python bench/bench_subsidy.py --cases 1000000 --db /tmp/bench-1m.db --runs 1

The ledger is built with the demo generator when the file does not exist (reused
otherwise). Each timing is the best of ``--runs`` runs in this process, after one
untimed warm-up that reads the file into the OS cache; peak RSS is the process's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mediator_app.services.demo.district import build_demo_file  # noqa: E402
from mediator_app.services.subsidy import claim as subsidy  # noqa: E402
from mediator_app.services.subsidy.export import export_claim  # noqa: E402
from mediator_app.storage.db import open_database  # noqa: E402
from mediator_app.storage.subsidy_repo import SubsidyRepository  # noqa: E402


def _busiest_year(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    row = conn.execute("SELECT substr(closed_on, 1, 4) FROM cases WHERE status = '调解成功' "
                       "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()
    conn.close()
    return str(row[0])


def _best(runs: int, job: object) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = job()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scope", default="610114")
    parser.add_argument("--street", default="610114001")
    args = parser.parse_args()
    path = Path(args.db)
    built = None
    if not path.exists():
        started = time.perf_counter()
        build_demo_file(path, cases=args.cases, seed=1, today=date(2026, 11, 30))
        built = time.perf_counter() - started
    year = _busiest_year(path)
    handle = open_database(path)
    db = handle.db
    try:
        subsidy.compute_claim(db, period=year, scope=args.scope)  # warm-up (OS cache)
        # raw-SQLite baselines of the same run: SQLite alone counting the year's
        # successful cases of the scope, and reading the claim's rows into Python
        # tuples (the claim query as is, nothing decided)
        repo = SubsidyRepository(db)
        raw_count, _n = _best(args.runs, lambda: db.conn.execute(
            "SELECT count(*), sum(c.amount_fen) FROM cases c WHERE c.status = '调解成功' "
            "AND c.deleted = 0 AND c.closed_on BETWEEN ? AND ? AND c.org_code IN (SELECT "
            "descendant FROM org_closure WHERE ancestor = ?)",
            [f"{year}-01-01", f"{year}-12-31", args.scope]).fetchone())
        raw_rows, _rows = _best(args.runs, lambda: list(repo.claim_rows(
            "org", args.scope, f"{year}-01-01", f"{year}-12-31",
            paid=repo.has_claims())))
        del _rows
        cpu = time.process_time()
        compute, claim = _best(args.runs, lambda: subsidy.compute_claim(
            db, period=year, scope=args.scope))
        cpu = (time.process_time() - cpu) / args.runs
        to_json, data = _best(args.runs, lambda: export_claim(claim, "json"))  # type: ignore[arg-type]
        end_to_end, _ = _best(args.runs, lambda: export_claim(subsidy.compute_claim(
            db, period=year, scope=args.scope), "json"))
        street_q = f"{year}-Q2"
        street = subsidy.compute_claim(db, period=street_q, scope=args.street)
        pdf, pdf_bytes = _best(1, lambda: export_claim(street, "pdf"))
    finally:
        handle.close()
    d = json.loads(data)  # type: ignore[arg-type]
    result = {
        "cases_in_ledger": args.cases, "year": year, "scope": args.scope,
        "build_seconds": round(built, 1) if built is not None else None,
        "raw_sqlite_count_seconds": round(raw_count, 3),
        "raw_sqlite_rows_seconds": round(raw_rows, 3),
        "claim_seconds": round(compute, 3), "claim_cpu_seconds_mean": round(cpu, 3),
        "json_seconds": round(to_json, 3),
        "cli_path_seconds": round(end_to_end, 3),
        "eligible_cases": d["totals"]["eligible_cases"],
        "refused_cases": d["totals"]["refused_cases"],
        "mediators": len(d["mediators"]), "json_bytes": len(data),  # type: ignore[arg-type]
        "street_quarter_pdf_seconds": round(pdf, 3),
        "street_quarter_pdf_bytes": len(pdf_bytes),  # type: ignore[arg-type]
        "maxrss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "runs": args.runs,
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
