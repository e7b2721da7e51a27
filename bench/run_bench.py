"""Benchmarks (issue 2 §8): build the demo district at several sizes and time the
annual report, export and import against raw-SQLite baselines measured in the same
run. Each measured operation runs in its own process (bench/bench_ops.py).

    uv run python bench/run_bench.py --sizes 10000 100000 1000000 --out bench/out

Results go to OUT/results.json (entries of other sizes already there are kept, so a
long size can be run on its own later) and OUT/results.md; the table is printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_facts import machine_facts  # noqa: E402
from bench_table import render_markdown  # noqa: E402

OPS = HERE / "bench_ops.py"


def run_op(op: str, **args: Any) -> dict[str, Any]:
    cmd = [sys.executable, str(OPS), op]
    for key, value in args.items():
        cmd += [f"--{key}", str(value)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-800:]}"}
    return json.loads(lines[-1])


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)


def _busiest_year(db: Path) -> str:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    row = conn.execute("SELECT year FROM cases GROUP BY year ORDER BY count(*) DESC, year "
                       "LIMIT 1").fetchone()
    conn.close()
    return str(row[0]) if row else "2024"


def _say(size: int, op: str, result: dict[str, Any]) -> None:
    if "seconds" in result:
        text = f"{result['seconds']:.3f} s, peak {result['maxrss_kb'] / 1024:.0f} MiB"
    else:
        text = result.get("skipped") or result.get("error", "?")
    print(f"  [{size:>9,}] {op:<13} {text}", flush=True)


def bench_size(size: int, work: Path, today: str, keep: bool,
               built: dict[str, Any] | None = None) -> dict[str, Any]:
    """``built``: the build figures of an earlier run whose demo database is still in
    ``work`` (``--reuse-build``): that database is measured again without building."""
    db, csv_path = work / f"demo-{size}.db", work / f"cases-{size}.csv"
    imported, bare = work / f"import-{size}.db", work / f"bare-{size}.db"
    schema = work / f"schema-{size}.db"
    for p in (imported, bare, schema) if built else (db, imported, bare, schema):
        _remove(p)
    entry: dict[str, Any] = {"size": size, "started": datetime.now().isoformat(timespec="seconds"),
                             "load_before": _loadavg(), "ops": {}}
    ops = entry["ops"]
    if built:
        ops["build"] = {**built, "reused": True}
    else:
        ops["build"] = run_op("build", db=db, cases=size, today=today)
    _say(size, "build", ops["build"])
    entry["period"] = period = _busiest_year(db)
    plan: list[tuple[str, dict[str, Any]]] = [
        ("report", {"db": db, "period": period}),
        ("report_raw", {"db": db, "period": period}),
        ("export", {"db": db, "csv": csv_path}),
        ("export_shell", {"db": db, "csv": work / f"shell-{size}.csv", "query": "export"}),
        ("export_shell_all", {"db": db, "csv": work / f"shell-all-{size}.csv", "query": "all"}),
        ("import", {"db": imported, "csv": csv_path, "source": db, "today": today}),
        ("import_raw", {"db": bare, "csv": csv_path}),
        # the fair baseline (issue 13): SQL alone filling the same schema the same way
        ("import_schema_raw", {"db": schema, "source": db}),
    ]
    for name, args in plan:
        if name.startswith("import") and "seconds" not in ops.get("export", {}):
            ops[name] = {"skipped": "no exported cases.csv to import"}
        else:
            ops[name] = run_op(name.replace("_all", ""), **args)
        _say(size, name, ops[name])
    entry["load_after"] = _loadavg()
    if not keep:
        for p in (db, imported, bare, schema):
            _remove(p)
        for p in work.glob(f"*-{size}.csv"):
            p.unlink()
    return entry


def _loadavg() -> list[float]:
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return []


def _load(path: Path) -> dict[str, Any]:
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"runs": {}}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--out", type=Path, default=HERE / "out")
    p.add_argument("--work", type=Path, default=Path("/tmp/mediator-bench"),
                   help="where the databases and CSV files go (they can be large)")
    p.add_argument("--today", default=date.today().isoformat())
    p.add_argument("--keep", action="store_true", help="keep databases and CSV files")
    p.add_argument("--reuse-build", action="store_true",
                   help="measure the demo database kept by an earlier --keep run (its build "
                        "figures are taken from results.json) instead of building it again")
    a = p.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    a.work.mkdir(parents=True, exist_ok=True)
    results_path = a.out / "results.json"
    results = _load(results_path)
    facts = machine_facts()
    print("machine:", json.dumps(facts, ensure_ascii=False), flush=True)
    for size in a.sizes:
        started = time.perf_counter()
        built = None
        if a.reuse_build and (a.work / f"demo-{size}.db").exists():
            built = results["runs"].get(str(size), {}).get("ops", {}).get("build")
        entry = bench_size(size, a.work, a.today, a.keep, built)
        entry["machine"] = facts
        entry["wall_seconds"] = time.perf_counter() - started
        results["runs"][str(size)] = entry
        results_path.write_text(json.dumps(results, ensure_ascii=False, indent=2),
                                encoding="utf-8")
    markdown = render_markdown(results)
    (a.out / "results.md").write_text(markdown, encoding="utf-8")
    print(markdown)


if __name__ == "__main__":
    main()
