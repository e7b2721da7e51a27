"""XLSX export: wall time, CPU time and peak memory at 10k and 100k cases.

``python bench/bench_xlsx.py [--cases 10000 100000] [--work /tmp/bench_xlsx]`` builds a
demo ledger per size (once; kept in ``--work``), then runs ``export_cases_xlsx`` (the
cases.csv v1 columns as text cells, the same writer the case-list export uses) in a
fresh process per size (bench/bench_ops.py ``export_xlsx``), so each peak RSS is that
export's own. Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OPS = HERE / "bench_ops.py"


def _op(*args: str) -> dict[str, object]:
    proc = subprocess.run([sys.executable, str(OPS), *args], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    out: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    if "error" in out:
        raise SystemExit(str(out["error"]))
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--cases", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--work", type=Path, default=Path("/tmp/bench_xlsx"))
    p.add_argument("--today", default="2025-06-30")
    a = p.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    print("| cases | export_cases_xlsx (s) | CPU (s) | peak RSS (MiB) | RSS before (MiB) "
          "| file (MiB) |")
    print("|---|---|---|---|---|---|")
    for n in a.cases:
        db = a.work / f"demo-{n}.db"
        if not db.exists():
            _op("build", "--db", str(db), "--cases", str(n), "--today", a.today)
        out = a.work / f"cases-{n}.xlsx"
        r = _op("export_xlsx", "--db", str(db), "--csv", str(out))
        print(f"| {n:,} | {float(r['seconds']):.2f} | {float(r['cpu_seconds']):.2f} | "
              f"{int(r['maxrss_kb']) / 1024:.0f} | {int(r['rss_before_kb']) / 1024:.0f} | "
              f"{out.stat().st_size / 2**20:.1f} |", flush=True)


if __name__ == "__main__":
    main()
