"""Cost of the encrypted ledger (issue 9): report, search, import and export on a plain
ledger and on its encrypted copy, in one run, and the time to open and log in.

    uv run python bench/bench_trust.py PLAIN.db [WORKDIR]

PLAIN.db is a demo ledger (``mediator-app --db PLAIN.db demo --cases 100000``); it is
copied, never changed. Prints a Markdown table and one JSON line.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mediator_app.services.exchange.case_exchange import export_cases, import_cases  # noqa: E402
from mediator_app.services.exchange.package_export import export_package  # noqa: E402
from mediator_app.services.statistics.report import build_report  # noqa: E402
from mediator_app.services.trust import accounts  # noqa: E402
from mediator_app.storage import case_query as cq  # noqa: E402
from mediator_app.storage import crypto  # noqa: E402
from mediator_app.storage.db import open_database  # noqa: E402

ADMIN, PW = "bench", "bench-password-1"


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def measure(db: Any, work: Path, tag: str) -> dict[str, float]:
    """Each operation twice: the first run decrypts pages into the (64 MB) page cache of
    a fresh connection, the second shows the steady state."""
    out: dict[str, float] = {}
    ops: dict[str, Callable[[], Any]] = {
        "report": lambda: build_report(db, period="2024", scope=None),
        "search_fts": lambda: cq.case_ids(db, cq.CaseFilter(text="宅基地")),
        "search_first_page": lambda: cq.case_ids(db, cq.CaseFilter(text="纠纷"), limit=200),
        "export": lambda: export_cases(db, work / f"{tag}.csv"),
    }
    for name, fn in ops.items():
        out[f"{name}_first"], _ = timed(fn)
        out[name], _ = timed(fn)
    return out


def import_into(path: Path, package: Path, encrypted: bool) -> float:
    if encrypted:
        accounts.create_ledger(path, ADMIN, PW)
        session = accounts.open_ledger(path, ADMIN, PW)
        db, close = session.db, session.close
    else:
        handle = open_database(path)
        db, close = handle.db, handle.close
    try:
        seconds, _ = timed(lambda: import_cases(db, [package]))
    finally:
        close()
    return seconds


def main() -> int:
    source = Path(sys.argv[1])
    work = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="trust-"))
    work.mkdir(parents=True, exist_ok=True)
    plain, enc = work / "plain.db", work / "enc.db"
    for p in (plain, enc):
        for suffix in ("", "-wal", "-shm", ".keys"):
            Path(f"{p}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, plain)
    shutil.copyfile(source, enc)
    result: dict[str, Any] = {"cases": None, "load": os.getloadavg()[0]}
    result["encrypt_convert"], _ = timed(lambda: accounts.encrypt_ledger(enc, ADMIN, PW))
    result["size_plain_mb"] = plain.stat().st_size / 1048576
    result["size_enc_mb"] = enc.stat().st_size / 1048576

    crypto._registry.clear()
    result["open_plain"], handle = timed(lambda: open_database(plain))
    keys = crypto.KeyFile.load(enc)
    result["kdf"], _ = timed(lambda: crypto.unwrap(PW, keys.slots[f"user:{ADMIN}"],
                                                   f"user:{ADMIN}"))
    result["open_login_enc"], session = timed(lambda: accounts.open_ledger(enc, ADMIN, PW))
    result["cases"] = handle.db.execute("SELECT count(*) FROM cases").fetchone()[0]
    result["plain"] = measure(handle.db, work, "plain")
    result["enc"] = measure(session.db, work, "enc")
    package = work / "package.zip"
    package.unlink(missing_ok=True)
    export_package(handle.db, package)
    handle.close()
    session.close()
    for name in ("imp-plain.db", "imp-enc.db"):
        for suffix in ("", "-wal", "-shm", ".keys"):
            Path(f"{work / name}{suffix}").unlink(missing_ok=True)
    result["plain"]["import"] = import_into(work / "imp-plain.db", package, False)
    result["enc"]["import"] = import_into(work / "imp-enc.db", package, True)
    result["load_after"] = os.getloadavg()[0]

    print(f"| operation ({result['cases']:,} cases) | plain | encrypted | ratio |")
    print("|---|---:|---:|---:|")
    for key in ("report_first", "report", "search_fts_first", "search_fts",
                "search_first_page_first", "search_first_page", "export_first", "export",
                "import"):
        a, b = result["plain"][key], result["enc"][key]
        print(f"| {key} | {a:.3f} s | {b:.3f} s | {b / a:.2f}× |")
    print(f"| open (plain) / open + login (encrypted) | {result['open_plain']:.3f} s | "
          f"{result['open_login_enc']:.3f} s (scrypt {result['kdf']:.3f} s) | |")
    print(f"| convert with `encrypt` | | {result['encrypt_convert']:.1f} s | |")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
