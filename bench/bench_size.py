"""Where a ledger's bytes go, and what each schema change would save (issue 13, ledger
size ≤ 1 KB a case).

    uv run python bench/bench_size.py LEDGER.db [--what-if] [--work DIR]

Without ``--what-if``: the space of every table and index (SQLite's ``dbstat``: pages,
payload, unused bytes), in MiB and in bytes a case, read-only. With it, each candidate
change is applied to its own compact copy of the ledger (``VACUUM INTO``, then the change,
then ``VACUUM``) and the copy's size is compared with the compact copy of the ledger as it
is: the saving is measured on the real rows, not estimated. The ledger itself is only
read. The changes are measurements only: the program does not use these layouts (see
docs/benchmarks.md, issue 13, ledger size)."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

MIB = 1024 * 1024


def _ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def space(path: Path) -> list[tuple[str, int, int, int]]:
    """(object, bytes, payload bytes, unused bytes) per table and index, largest first."""
    conn = _ro(path)
    try:
        return conn.execute(
            "SELECT name, sum(pgsize), sum(payload), sum(unused) FROM dbstat "
            "GROUP BY name ORDER BY 2 DESC").fetchall()
    finally:
        conn.close()


def case_count(path: Path) -> int:
    conn = _ro(path)
    try:
        return int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])
    finally:
        conn.close()


def report_space(path: Path) -> None:
    n = max(case_count(path), 1)
    size = path.stat().st_size
    print(f"{path}: {n:,} cases, file {size / MIB:,.1f} MiB = {size / n:,.0f} bytes a case")
    print(f"{'object':34} {'MiB':>9} {'B/case':>8} {'payload':>9} {'unused':>8}")
    for name, total, payload, unused in space(path):
        if total * 500 < size:
            continue
        print(f"{name:34} {total / MIB:9.1f} {total / n:8.1f} {payload / MIB:9.1f} "
              f"{unused / MIB:8.1f}")


# ---- what-if changes (applied to a copy) ----------------------------------------------

def _drop_triggers(conn: sqlite3.Connection) -> None:
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                ).fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')


def uuid_blobs(conn: sqlite3.Connection) -> None:
    """cases.case_id as its 16 bytes (the table and its UNIQUE index)."""
    conn.create_function("uuid_bytes", 1, lambda s: uuid.UUID(s).bytes, deterministic=True)
    conn.execute("UPDATE cases SET case_id = uuid_bytes(case_id)")


_PARTY_LABELS = ("role", "kind", "sex", "ethnicity", "id_type")


def party_codes(conn: sqlite3.Connection) -> None:
    """The parties' label columns (role, kind, sex, ethnicity, ID type) as small integer
    codes (a code table per column would hold the labels)."""
    for column in _PARTY_LABELS:
        labels = [r[0] for r in conn.execute(
            f"SELECT DISTINCT {column} FROM parties WHERE {column} IS NOT NULL")]
        for code, label in enumerate(labels):
            conn.execute(f"UPDATE parties SET {column} = ? WHERE {column} = ?", [code, label])


def integer_times(conn: sqlite3.Connection) -> None:
    """cases.created_at / updated_at as integer milliseconds (UTC) instead of ISO text
    with the offset."""
    conn.execute("UPDATE cases SET created_at = CAST((julianday(created_at) - 2440587.5) "
                 "* 86400000 AS INTEGER), updated_at = CAST((julianday(updated_at) "
                 "- 2440587.5) * 86400000 AS INTEGER)")


def status_codes(conn: sqlite3.Connection) -> None:
    """cases.status (12 bytes of UTF-8) as a one-digit code, in the table and the
    indexes holding it; the CHECK constraint is lifted for the measurement."""
    conn.execute("PRAGMA ignore_check_constraints = ON")
    statuses = ("待受理", "调解中", "调解成功", "调解终止", "不予受理")
    for code, label in enumerate(statuses):
        conn.execute("UPDATE cases SET status = ? WHERE status = ?", [code, label])


def no_party_names(conn: sqlite3.Connection) -> None:
    """cases.party_names emptied (it repeats the parties' names for the full-text index
    and the list; the index would then read them through a view)."""
    conn.execute("UPDATE cases SET party_names = ''")


def _page_size(size: int) -> Callable[[sqlite3.Connection], None]:
    def change(conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA page_size = {size}")
    change.__doc__ = f"page size {size} bytes (4096 now)"
    return change


def nothing(conn: sqlite3.Connection) -> None:
    """no change (the copy made and vacuumed the same way: the measure's noise)"""


WHAT_IF: dict[str, Callable[[sqlite3.Connection], None]] = {
    "nothing": nothing,
    "uuid_blobs": uuid_blobs,
    "party_codes": party_codes,
    "integer_times": integer_times,
    "status_codes": status_codes,
    "no_party_names": no_party_names,
    "page_size_8192": _page_size(8192),
    "page_size_16384": _page_size(16384),
}


def _compact_copy(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    conn = _ro(source)
    try:
        conn.execute("VACUUM INTO ?", [str(target)])
    finally:
        conn.close()
    conn = sqlite3.connect(target, isolation_level=None)
    try:  # VACUUM INTO fills the indexes row by row; VACUUM packs them as a build does
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")
    finally:
        conn.close()


def what_if(path: Path, work: Path, only: list[str] | None = None) -> dict[str, int]:
    """Bytes each change saves against the compact copy of ``path``."""
    work.mkdir(parents=True, exist_ok=True)
    base = work / "size-base.db"
    _compact_copy(path, base)
    n = max(case_count(base), 1)
    base_size = base.stat().st_size
    print(f"compact copy: {base_size / MIB:,.1f} MiB = {base_size / n:,.0f} bytes a case")
    saved: dict[str, int] = {}
    for name, change in WHAT_IF.items():
        if only and name not in only:
            continue
        copy = work / f"size-{name}.db"
        _compact_copy(base, copy)
        started = time.perf_counter()
        conn = sqlite3.connect(copy, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            _drop_triggers(conn)
            conn.execute("BEGIN")
            change(conn)
            conn.execute("COMMIT")
            conn.execute("VACUUM")
        finally:
            conn.close()
        size = copy.stat().st_size
        saved[name] = base_size - size
        print(f"{name:28} {size / MIB:9.1f} MiB  saves {saved[name] / MIB:7.1f} MiB = "
              f"{saved[name] / n:6.1f} bytes a case  ({time.perf_counter() - started:.1f} s)"
              f"  {(change.__doc__ or '').split(chr(10))[0]}")
        copy.unlink()
    base.unlink()
    return saved


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("ledger", type=Path)
    p.add_argument("--what-if", action="store_true", help="measure each candidate change")
    p.add_argument("--only", nargs="*", choices=sorted(WHAT_IF), help="these changes only")
    p.add_argument("--work", type=Path, default=Path("/tmp/mediator-size"))
    a = p.parse_args(argv)
    report_space(a.ledger)
    if a.what_if:
        what_if(a.ledger, a.work, a.only)


if __name__ == "__main__":
    main(sys.argv[1:])
