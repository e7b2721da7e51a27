"""Issue 13 (second part): process start, the annual report as a process, export against
the shell's plain dump, and the encrypted ledger against the plain one, each beside its
raw baseline in the same run.

    uv run python bench/bench_issue13.py LEDGER.db [--runs 5] [--work DIR] [--skip-cipher]

LEDGER.db is a demo ledger (``mediator-app --db F demo --cases N``); it is only read (the
encrypted copy is written to --work). Processes are started fresh per run; wall time from
``perf_counter`` around the child, CPU time (user + system) of the child from
``os.wait4``; medians of --runs. The load average before and after is printed: on the
shared 2-core machine wall times include waiting for a core, CPU times do not.

Rows:
- ``python -c pass``; a raw sqlite3 process doing ``quick_check`` and the report's GROUP BY;
- ``mediator-app --help``, ``check`` and ``report --period 2023 --scope 610114 --format
  json``, run as the venv's console script (``.venv/bin/mediator-app``) and through ``uv
  run``; a raw sqlite3 process running the report's GROUP BY alone;
- the report and the export with the opening check's record (storage/health_record.py)
  settled (the file unchanged since the last opens) and with the file changed just before
  each run (every table due again); the record is kept in ``--work``, the ledger's
  timestamps are set (a minute back, or now), nothing else in it is changed;
- ``cases export --out`` as a process against ``sqlite3 -csv`` dumping the plain columns
  of ``cases`` (the issue's yardstick) and the shell running the export's own SELECT;
- plain vs encrypted (SQLCipher, raw key as the program sets it): ``export_cases`` and
  the full id list of a search, in one process, on a fresh connection ("first") and again.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# BENCH_CODE=DIR measures another checkout of the program (e.g. ``git archive`` of the
# commit before a change, bytecode compiled) with this venv: DIR goes first on sys.path
# here and in every child (PYTHONPATH)
CODE = Path(os.environ.get("BENCH_CODE") or ROOT)
sys.path.insert(0, str(CODE))
CHILD_ENV: dict[str, str] = {**os.environ, "PYTHONPATH": str(CODE)} \
    if "BENCH_CODE" in os.environ else dict(os.environ)

from mediator_app.services.exchange.case_exchange import export_cases  # noqa: E402
from mediator_app.services.trust import accounts  # noqa: E402
from mediator_app.storage import case_query as cq  # noqa: E402
from mediator_app.storage import exchange_repo  # noqa: E402
from mediator_app.storage.db import open_database  # noqa: E402

RAW_CHECK = (
    "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
    "c.execute('PRAGMA quick_check').fetchall();"
    "c.execute(\"SELECT org_code, count(*), sum(status='调解成功') FROM cases WHERE deleted=0"
    " AND received_on BETWEEN '2023-01-01' AND '2023-12-31' GROUP BY org_code\").fetchall()"
)
PLAIN_COLUMNS = ("case_id, case_no, committee_code, grid_code, source, dispute_type, "
                 "received_on, accepted_on, status, closed_on, agreement_form, amount_fen, "
                 "people_involved, summary, updated_at, deleted, difficulty")
RAW_REPORT = (
    "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
    "c.execute(\"SELECT org_code, count(*), sum(status='调解成功') FROM cases WHERE deleted=0"
    " AND received_on BETWEEN '2023-01-01' AND '2023-12-31' GROUP BY org_code\").fetchall()"
)
SEARCHES = ("宅基地", "邻里", "纠纷")


def run_once(cmd: list[str], stdout: Any = subprocess.DEVNULL) -> tuple[float, float, int]:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, cwd=ROOT,
                            env=CHILD_ENV)
    _pid, status, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - started, usage.ru_utime + usage.ru_stime,
            os.waitstatus_to_exitcode(status))


def measure(cmd: list[str], runs: int, out: Path | None = None,
            before: Callable[[], Any] | None = None) -> dict[str, float]:
    results = []
    for _ in range(runs):
        if before is not None:
            before()  # not timed
        if out is None:
            results.append(run_once(cmd))
        else:
            with out.open("wb") as fh:
                results.append(run_once(cmd, fh))
    return {"wall": statistics.median(r[0] for r in results),
            "wall_min": min(r[0] for r in results),
            "cpu": statistics.median(r[1] for r in results),
            "exit": max(r[2] for r in results)}


def settle(db: Path) -> None:
    """The ledger as left by yesterday's work: no -wal, last changed a minute ago (the
    opening check records tables as verified only in a file older than a few seconds)."""
    with sqlite3.connect(db) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    then = time.time() - 60
    os.utime(db, (then, then))


def touch(db: Path) -> None:
    """A change just now (what saving a case does to the file's state)."""
    os.utime(db, None)


def warm_record(cmd: list[str], record: Path, tries: int = 12) -> int:
    """Run ``cmd`` until the opening check's record stops changing (each open checks the
    tables due within its budget); returns the number of runs."""
    for n in range(1, tries + 1):
        old = record.read_bytes() if record.exists() else b""
        run_once(cmd)
        if record.exists() and record.read_bytes() == old:
            return n
    return tries


def processes(db: Path, work: Path, runs: int, check: bool = True
              ) -> dict[str, dict[str, float]]:
    py = sys.executable
    script = str(Path(py).parent / "mediator-app")
    report = ["report", "--period", "2023", "--scope", "610114", "--format", "json"]
    # the opening check's record (storage/health_record.py) in a folder of this run
    CHILD_ENV["XDG_DATA_HOME"] = str(work / "xdg")
    record = work / "xdg" / "MediatorLedger" / "health.json"
    shutil.rmtree(work / "xdg", ignore_errors=True)
    settle(db)
    rows: dict[str, dict[str, float]] = {}
    rows["python -c pass"] = measure([py, "-c", "pass"], runs)
    rows["raw sqlite3 process: quick_check + GROUP BY"] = measure([py, "-c", RAW_CHECK,
                                                                  str(db)], runs)
    rows["raw sqlite3 process: GROUP BY"] = measure([py, "-c", RAW_REPORT, str(db)], runs)
    rows["--help (venv script)"] = measure([script, "--help"], runs)
    def forget() -> None:  # the first open of this file: no record yet
        shutil.rmtree(work / "xdg", ignore_errors=True)

    for label, prefix in (("venv script", [script]), ("uv run", ["uv", "run", "mediator-app"])):
        if check:  # quick_check of the whole file: 15-30 s a run at 1M
            rows[f"check ({label})"] = measure([*prefix, "--db", str(db), "check"], runs,
                                               before=forget)
        rows[f"report 2023, no record ({label})"] = measure(
            [*prefix, "--db", str(db), *report], runs, before=forget)
    # the opening check's record made by the report's own opens (no `check` run)
    forget()
    warm = warm_record([script, "--db", str(db), *report], record)
    print(f"record settled after {warm} opens", flush=True)
    rows["report 2023, file unchanged since the last opens (venv script)"] = measure(
        [script, "--db", str(db), *report], runs)
    if shutil.which("sqlite3"):
        raw_csv = work / "raw.csv"
        rows["sqlite3 -csv, plain columns"] = measure(
            ["sqlite3", "-csv", str(db), f"SELECT {PLAIN_COLUMNS} FROM cases"],
            runs, out=raw_csv)
        same = (f"SELECT '\"' || {exchange_repo._EXPORT_LINE} || '\"' FROM cases c "
                f"{exchange_repo._EXPORT_JOINS} ORDER BY c.id")  # as text, not as bytes
        rows["sqlite3 -csv, the export's SELECT"] = measure(
            ["sqlite3", "-csv", str(db), same], max(1, runs // 2), out=work / "raw_same.csv")
    export = [script, "--db", str(db), "cases", "export", "--out", str(work / "app.csv")]
    rows["cases export --out (venv script)"] = measure(export, runs)
    # every table due again: the file changed just before each run
    rows["report 2023, file just changed (venv script)"] = measure(
        [script, "--db", str(db), *report], runs, before=lambda: touch(db))
    rows["cases export --out, file just changed (venv script)"] = measure(
        export, max(1, runs // 2), before=lambda: touch(db))
    settle(db)
    return rows


def timed(fn: Callable[..., Any]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def cipher(db: Path, work: Path) -> dict[str, dict[str, float]]:
    """export_cases and searches on the plain file and on an encrypted copy made and
    opened as the program does (``accounts.encrypt_ledger``, login): the same
    connection settings, the same permission checks."""
    admin, password = "bench", "bench-password-1"
    enc = work / f"{db.stem}-enc.db"
    if not enc.exists():
        shutil.copyfile(db, enc)
        started = time.perf_counter()
        accounts.encrypt_ledger(enc, admin, password)
        print(f"encrypted copy made in {time.perf_counter() - started:.1f} s", flush=True)
    openers: dict[str, Callable[[], Any]] = {
        "plain": lambda: open_database(db, create=False),
        "encrypted": lambda: accounts.open_ledger(enc, admin, password, create=False),
    }
    out: dict[str, dict[str, float]] = {}
    for tag, opener in openers.items():
        ops: dict[str, Callable[[Any], Any]] = {
            "export_cases": lambda d: export_cases(d, work / "cipher.csv"),
            **{f"search {t}: all ids": (lambda d, t=t: cq.case_ids(d, cq.CaseFilter(text=t)))
               for t in SEARCHES},
        }
        for name, fn in ops.items():
            handle = opener()  # a fresh connection: the page cache starts empty
            first = timed(lambda fn=fn, d=handle.db: fn(d))  # type: ignore[misc]
            again = timed(lambda fn=fn, d=handle.db: fn(d))  # type: ignore[misc]
            handle.close()
            out.setdefault(name, {}).update({
                f"{tag}_first": first[0], f"{tag}_first_cpu": first[1],
                f"{tag}_again": again[0], f"{tag}_again_cpu": again[1]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--skip-cipher", action="store_true")
    ap.add_argument("--skip-check", action="store_true", help="no `check` rows")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="issue13-"))
    work.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as c:
        cases = c.execute("SELECT count(*) FROM cases").fetchone()[0]
    load = [os.getloadavg()]
    rows = processes(args.db, work, args.runs, check=not args.skip_check)
    load.append(os.getloadavg())
    enc = {} if args.skip_cipher else cipher(args.db, work)
    load.append(os.getloadavg())
    print(f"\n{cases:,} cases; load average " + " -> ".join(
        "/".join(f"{x:.1f}" for x in la) for la in load) + f" on {os.cpu_count()} cores")
    print("\n| process | wall median (s) | wall best (s) | CPU median (s) | exit |")
    print("|---|---:|---:|---:|---:|")
    for name, r in rows.items():
        print(f"| {name} | {r['wall']:.3f} | {r['wall_min']:.3f} | {r['cpu']:.3f} "
              f"| {int(r['exit'])} |")
    shell = rows.get("sqlite3 -csv, plain columns")
    app = rows["cases export --out (venv script)"]
    if shell:
        print(f"\nexport / shell plain dump: wall {app['wall'] / shell['wall']:.2f}x, "
              f"CPU {app['cpu'] / shell['cpu']:.2f}x")
    if enc:
        print("\n| in one process | plain first (s, CPU) | encrypted first | plain again "
              "| encrypted again | encrypted / plain (again, CPU) |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, r in enc.items():
            print(f"| {name} | {r['plain_first']:.3f} ({r['plain_first_cpu']:.3f}) "
                  f"| {r['encrypted_first']:.3f} ({r['encrypted_first_cpu']:.3f}) "
                  f"| {r['plain_again']:.3f} ({r['plain_again_cpu']:.3f}) "
                  f"| {r['encrypted_again']:.3f} ({r['encrypted_again_cpu']:.3f}) "
                  f"| {r['encrypted_again_cpu'] / max(r['plain_again_cpu'], 1e-6):.2f} |")
    print(json.dumps({"cases": cases, "load": load, "processes": rows, "cipher": enc}))


if __name__ == "__main__":
    main()
