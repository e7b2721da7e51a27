"""PDF rendering times (issue 4: a 30-page PDF in ≤ 3 s; docs/benchmarks.md, "PDF rendering").

    uv run python bench/bench_pdf.py [DB] [--period 2025-05] [--units N] [--repeat 3]

DB is a ledger with the demo district (default: a fresh 2,000-case demo database in a
temporary folder; the sheets' size depends on the org tree, not on the number of cases).
Measures, best of ``--repeat`` (first run shown too), rendering only (reports and case
data are built before the clock starts), pages counted with pypdf:

- the monthly statistics sheet of one street (its villages as rows);
- one document holding the sheets of the district, its streets and the first N villages
  (``--units``; the default gives about 30 pages), tables one after another;
- the same for every unit of the district (district, streets, all villages);
- the whole case file (卷宗, ``render_case_document(db, rowid, "all")``) of the case with
  the most parties and records; this writes one audit entry (printed) into DB.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader

from mediator_app.reports import sheet_pdf
from mediator_app.reports.tables import Sheet
from mediator_app.services.cases.documents import render_case_document
from mediator_app.services.statistics.report import build_report
from mediator_app.services.statistics.sheet import build_sheet
from mediator_app.storage.db import open_database


def timed(render: Callable[[], bytes], repeat: int) -> dict[str, object]:
    times, pdf = [], b""
    for _ in range(repeat):
        started = time.perf_counter()
        pdf = render()
        times.append(time.perf_counter() - started)
    return {"pages": len(PdfReader(io.BytesIO(pdf)).pages), "best_s": round(min(times), 3),
            "first_s": round(times[0], 3), "bytes": len(pdf)}


def combined(sheets: list[tuple[str, Sheet]]) -> Sheet:
    """One sheet whose tables are those of ``sheets`` in turn, titled with the unit."""
    tables = [dataclasses.replace(t, title=f"{name} {t.title}")
              for name, sheet in sheets for t in sheet.tables]
    return dataclasses.replace(sheets[0][1], tables=tables)


def unit_sheets(db: object, period: str) -> tuple[list[tuple[str, Sheet]], int]:
    """(name, sheet) of the district, then each street, then each street's villages;
    and the number of streets."""
    top = build_report(db, period=period, scope=None)
    reports = [top]
    streets = [build_report(db, period=period, scope=c.unit.code) for c in top.children]
    reports += streets
    for street in streets:
        reports += [build_report(db, period=period, scope=c.unit.code)
                    for c in street.children if c.unit.level in ("村", "社区")]
    return [(r.scope.name, build_sheet(r)) for r in reports], len(streets)


def richest_case(path: Path) -> int:
    """Row id of the case with the most parties, sessions, investigations and visits."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute(
            "SELECT c.id FROM cases c WHERE c.id IN (SELECT case_rowid FROM agreements) "
            "ORDER BY (SELECT count(*) FROM parties p WHERE p.case_rowid = c.id) "
            "+ (SELECT count(*) FROM mediation_sessions s WHERE s.case_rowid = c.id) "
            "+ (SELECT count(*) FROM investigations i WHERE i.case_rowid = c.id) "
            "+ (SELECT count(*) FROM follow_ups f WHERE f.case_rowid = c.id) DESC, c.id "
            "LIMIT 1").fetchone()[0])
    finally:
        conn.close()


def demo_db(folder: Path) -> Path:
    from mediator_app.services.demo.district import build_demo

    path = folder / "pdf_bench.db"
    handle = open_database(path)
    try:
        build_demo(handle.db, cases=2000, seed=1)
    finally:
        handle.close()
    return path


def run(path: Path, period: str, units: int, repeat: int) -> dict[str, object]:
    handle = open_database(path)
    db = handle.db
    try:
        sheets, streets = unit_sheets(db, period)
        head = 1 + streets + units  # the district, the streets, ``units`` villages
        street = sheets[1]
        results: dict[str, object] = {
            "street_sheet": {"unit": street[0], **timed(
                lambda: sheet_pdf.render_sheet(street[1]), repeat)},
            "about_30_pages": {"sheets": head, **timed(
                lambda: sheet_pdf.render_sheet(combined(sheets[:head])), repeat)},
            "every_unit": {"sheets": len(sheets), **timed(
                lambda: sheet_pdf.render_sheet(combined(sheets)), 1)},
        }
        rowid = richest_case(path)
        results["case_file_all"] = {"rowid": rowid, **timed(
            lambda: render_case_document(db, rowid, "all"), repeat)}
    finally:
        handle.close()
    return results


def machine() -> str:
    load = [round(x, 2) for x in os.getloadavg()]
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, load average {load}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", type=Path)
    parser.add_argument("--period", default="2025-05")
    parser.add_argument("--units", type=int, default=15,
                        help="villages added after the district and streets (default 15)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or demo_db(Path(tmp))
        results = run(path, args.period, args.units, args.repeat)
    results["machine"] = machine()
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
