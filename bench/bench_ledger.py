"""Old-ledger import timings (docs/benchmarks.md, "Ledger import (issue 12)").

    uv run python bench/bench_ledger.py [--rows 100000] [--work DIR]

Writes a workbook of the realistic layout of tests/unit/ledger_fixtures.py (title rows,
merged cells, dates as Excel dates, serial numbers and text, the office's words,
parties in one cell) with N rows, as .xlsx and as a GBK CSV, then measures, each in a
fresh process (peak RSS from getrusage): the process with its imports and an empty
ledger (baseline), streaming the sheet's rows alone, the dry run, the
import into a ledger holding only the org tables, and the same import again (every
row unchanged). Target: 100,000 rows in at most 30 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[5])
from exchange_fixtures import COMMITTEE_VILLAGE, build_mini_district
import ledger_fixtures as lf
from mediator_app.storage.db import open_database
from mediator_app.services.ledger_import.importer import import_ledger
from mediator_app.services.ledger_import.mapping import mapping_from_dict
from mediator_app.services.ledger_import.read import inspect_workbook, stream_sheet
action, db_path, book, fresh = sys.argv[1:5]
handle = open_database(db_path)
if fresh == "1":
    build_mini_district(handle.db)
mapping = mapping_from_dict(lf.mapping(COMMITTEE_VILLAGE), "mapping")
started = time.perf_counter()
if action == "baseline":
    detail = {}
elif action == "read":
    info = inspect_workbook(book)
    with stream_sheet(info, info.sheets[-1], book) as rows:
        detail = {"rows": sum(1 for _ in rows)}
else:
    result = import_ledger(handle.db, book, mapping, dry_run=action == "dry_run")
    detail = {k: v for k, v in result.files[0].as_dict().items() if k != "file"}
seconds = time.perf_counter() - started
handle.close()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"seconds": round(seconds, 1), "peak_mib": peak, **detail}))
"""


def child(action: str, db: Path, book: Path, fresh: bool) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", _CHILD, action, str(db), str(book),
                          "1" if fresh else "0", str(ROOT / "tests" / "unit")],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--work", type=Path, default=Path("/tmp/mediator-bench-ledger"))
    args = p.parse_args(argv)
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    started = time.perf_counter()
    books = {"xlsx": args.work / "ledger.xlsx", "csv": args.work / "ledger.csv"}
    for book in books.values():  # in another process: ru_maxrss of the children below
        # would otherwise start at this process's size when they were forked
        subprocess.run([sys.executable, str(ROOT / "tests" / "unit" / "ledger_fixtures.py"),
                        str(book), str(args.rows)], check=True, capture_output=True)
    print(f"workbooks written in {time.perf_counter() - started:.0f} s: "
          + ", ".join(f"{k} {b.stat().st_size // 2**20} MiB" for k, b in books.items()))
    for kind, book in books.items():
        db = args.work / f"{kind}.db"
        results = {"baseline": child("baseline", db, book, True),
                   "read": child("read", db, book, False),
                   "dry_run": child("dry_run", db, book, False),
                   "import": child("import", db, book, False),
                   "again": child("again", db, book, False)}
        for name, r in results.items():
            print(kind, name, json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main()
