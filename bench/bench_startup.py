"""Start-up time of the command line (issue 13): process start to exit.

``uv run python bench/bench_startup.py [--runs 5] [--cases 2000] [--work DIR]``

Each command runs ``--runs`` times as a fresh process (``sys.executable -m mediator_app``,
what the ``mediator-app`` script does); the table shows the median wall time and the
median CPU time (user + system of the child, from ``os.wait4``). On a shared machine the
wall time includes waiting for a core, so the CPU time is the figure that does not depend
on the other jobs; the load average is printed with the results.

Baselines in the same run: ``python -c pass`` (the interpreter alone) and a raw-SQLite
process doing what ``check``/``report`` do at their core (``PRAGMA quick_check`` and the
report's GROUP BY) on the same file.

Whether bytecode is cached matters most: ``uv sync --compile-bytecode`` compiles the
installed packages once; without it (and with ``PYTHONDONTWRITEBYTECODE`` set, as in some
environments) every start compiles sqlite-utils and its imports from source. The script
reports whether ``sqlite_utils`` has compiled bytecode next to it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RAW_CHECK = (
    "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
    "c.execute('PRAGMA quick_check').fetchall();"
    "c.execute(\"SELECT org_code, count(*), sum(status='调解成功') FROM cases WHERE deleted=0"
    " GROUP BY org_code\").fetchall()"
)


def run_once(cmd: list[str]) -> tuple[float, float, int]:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, proc.returncode


def measure(cmd: list[str], runs: int) -> dict[str, float]:
    results = [run_once(cmd) for _ in range(runs)]
    codes = {r[2] for r in results}
    return {"wall": statistics.median(r[0] for r in results),
            "cpu": statistics.median(r[1] for r in results),
            "wall_min": min(r[0] for r in results), "exit": max(codes)}


def bytecode_cached() -> bool:
    import sqlite_utils

    return (Path(sqlite_utils.__file__).parent / "__pycache__").is_dir()


def make_ledger(path: Path, cases: int) -> None:
    from mediator_app.services.demo.district import build_demo
    from mediator_app.storage.db import open_database

    handle = open_database(path)
    try:
        build_demo(handle.db, cases=cases, seed=1)
    finally:
        handle.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="mediator-startup-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"startup-{args.cases}.db"
    if not db.exists():
        make_ledger(db, args.cases)
    py = sys.executable
    app = [py, "-m", "mediator_app", "--db", str(db)]
    commands = {
        "python -c pass (interpreter)": [py, "-c", "pass"],
        "raw sqlite3: quick_check + GROUP BY": [py, "-c", RAW_CHECK, str(db)],
        "mediator-app --help": [py, "-m", "mediator_app", "--help"],
        "mediator-app check": [*app, "check"],
        "mediator-app report --format json": [*app, "report", "--period", "2025",
                                              "--scope", "610114", "--format", "json"],
    }
    load_before = os.getloadavg()
    rows = {name: measure(cmd, args.runs) for name, cmd in commands.items()}
    load_after = os.getloadavg()
    print(f"bytecode cached for site-packages: {bytecode_cached()}; "
          f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r}; "
          f"ledger {args.cases} cases; {args.runs} runs each")
    print(f"load average {tuple(round(x, 2) for x in load_before)} -> "
          f"{tuple(round(x, 2) for x in load_after)} on {os.cpu_count()} cores")
    print("| command | wall median (s) | wall best (s) | CPU median (s) | exit |")
    print("|---|---:|---:|---:|---:|")
    for name, r in rows.items():
        print(f"| {name} | {r['wall']:.3f} | {r['wall_min']:.3f} | {r['cpu']:.3f} "
              f"| {int(r['exit'])} |")


if __name__ == "__main__":
    main()
