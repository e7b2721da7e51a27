"""Exchange timings (docs/benchmarks.md, "Exchange (issue 5)").

    uv run python bench/bench_exchange.py SOURCE.db [--work DIR] [--rows N]

SOURCE.db is a demo ledger (``mediator-app --db SOURCE.db demo --cases 1000000``).
Measures, each in a fresh process (peak RSS from getrusage):
  export of cases.csv and of a package, against sqlite3's own ``.mode csv SELECT *``;
  import of cases.csv into a ledger holding only the org tables;
  merge of the package into an empty ledger (org tables from the package);
  merge of the same package again (every row unchanged).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

_CHILD = r"""
import json, resource, sys, time
from mediator_app.storage.db import open_database
from mediator_app.services.exchange import case_exchange as ce
from mediator_app.services.exchange.package_export import export_package
action, db_path, arg = sys.argv[1:4]
handle = open_database(db_path)
started = time.perf_counter()
if action == "import":
    result = ce.import_cases(handle.db, [arg])
    detail = result.files[0].as_dict()
elif action == "export_csv":
    detail = {"rows": ce.export_cases(handle.db, arg)}
else:
    detail = {"rows": export_package(handle.db, arg).files["cases.csv"]["rows"]}
seconds = time.perf_counter() - started
handle.close()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"seconds": round(seconds, 1), "peak_mib": peak, **detail}))
"""


def child(action: str, db: Path, arg: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", _CHILD, action, str(db), str(arg)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def sqlite_csv(db: Path, out: Path) -> float:
    started = time.perf_counter()
    with out.open("wb") as fh:
        subprocess.run(["sqlite3", "-csv", str(db), "SELECT * FROM cases"], check=True,
                       stdout=fh)
    return round(time.perf_counter() - started, 1)


def org_only(package: Path, target: Path, work: Path) -> None:
    """A ledger holding only the package's org tables."""
    import zipfile

    folder = work / "org"
    folder.mkdir(exist_ok=True)
    with zipfile.ZipFile(package) as zf:
        names = ["org_units.csv", "committees.csv", "people.csv"]
        zf.extractall(folder, names)
    subprocess.run([sys.executable, "-m", "mediator_app", "--db", str(target), "org", "import",
                    *[str(folder / n) for n in names]], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("source", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench_exchange"))
    args = parser.parse_args()
    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cases, package = work / "cases.csv", work / "package.zip"
    results = {"sqlite3_csv_s": sqlite_csv(args.source, work / "sqlite.csv"),
               "export_csv": child("export_csv", args.source, cases),
               "export_package": child("export_package", args.source, package)}
    receiver = work / "receiver.db"
    org_only(package, receiver, work)
    results["import_csv_into_org_only"] = child("import", receiver, cases)
    empty = work / "empty.db"
    results["merge_package_into_empty"] = child("import", empty, package)
    results["merge_package_again"] = child("import", empty, package)
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
