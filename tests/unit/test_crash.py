"""Kill an import and a restore at random moments (SIGKILL, like the program being
ended by the task manager or a crash) and check that the ledger is exactly as before or
exactly as after, and opens (health check and full integrity check). docs/guarantees.md.

Each trial forks this test process and runs the command line's ``main`` in the child
(no interpreter start-up per trial, so the kill moments all fall into the work itself),
then kills the child at a moment drawn from the span a complete run takes. The number of
trials is bounded (``CRASH_TRIALS`` each, default 8; the module takes a few seconds), the
seed is printed with any failure (``CRASH_SEED`` repeats a run). POSIX only (fork)."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from mediator_app.cli.main import main
from mediator_app.services.demo.district import build_demo, build_demo_file
from mediator_app.services.exchange.case_exchange import export_cases
from mediator_app.storage.db import integrity_check, open_database

TODAY = date(2026, 11, 26)
TRIALS = int(os.environ.get("CRASH_TRIALS", "8"))
SEED = int(os.environ.get("CRASH_SEED", str(time.time_ns() % 1_000_000)))
CASES = 1500
REFERENCE_LIMIT_S = 120  # a complete run that takes longer has hung: fail, do not wait
VOLATILE = {"at"}  # when a log row was written: differs between two complete runs

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")


def signature(path: Path) -> str:
    """The logical content of every table (opened the way the program opens it, so a
    journal left by the kill is rolled back or the log replayed first)."""
    handle = open_database(path, create=False)
    try:
        assert integrity_check(handle.db) == []
        digest = hashlib.sha256()
        conn = handle.db.conn
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL TABLE%' ORDER BY name")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')
                       if r[1] not in VOLATILE]
            listed = ", ".join(f'"{c}"' for c in columns)
            digest.update(f"{table}({listed})".encode())
            for row in conn.execute(f'SELECT {listed} FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        handle.close()


@dataclass
class Scenario:
    name: str
    template: Path  # the ledger before
    argv: list[str]  # {db} stands for the ledger under test
    before: str = ""
    after: str = ""
    seconds: float = 0.0


def _run(scenario: Scenario, db: Path, kill_after: float | None) -> int | None:
    """Run the command in a forked child; kill it after ``kill_after`` seconds (None:
    let it finish, it must succeed). The exit status, or None when it was killed."""
    argv = [a.replace("{db}", str(db)) for a in scenario.argv]
    pid = os.fork()
    if pid == 0:  # the child: the command line, output discarded, then out at once
        code = 70
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            code = main(argv)
        finally:
            os._exit(code)
    deadline = time.monotonic() + (REFERENCE_LIMIT_S if kill_after is None else kill_after)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            assert kill_after is not None or code == 0, f"{scenario.name} failed: {code}"
            return code
        if time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            assert kill_after is not None, f"{scenario.name} did not finish"
            return None
        time.sleep(0.002)


def _fresh(scenario: Scenario, work: Path, n: int) -> Path:
    db = work / f"{scenario.name}-{n}.db"
    shutil.copyfile(scenario.template, db)
    return db


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory) -> list[Scenario]:
    work = tmp_path_factory.mktemp("crash")
    source = work / "source.db"
    build_demo_file(source, cases=CASES, today=TODAY)
    csv = work / "cases.csv"
    handle = open_database(source, create=False)
    try:
        export_cases(handle.db, csv)
    finally:
        handle.close()
    empty = work / "empty.db"  # the same district, no cases yet: every row is new
    handle = open_database(empty)
    try:
        build_demo(handle.db, cases=0, today=TODAY)
    finally:
        handle.close()
    backup = work / "backup.db"
    assert main(["--db", str(source), "backup", "--out", str(backup)]) == 0
    found = [Scenario("import", empty, ["--db", "{db}", "cases", "import", str(csv)]),
             Scenario("restore", empty, ["--db", "{db}", "restore", str(backup)])]
    for scenario in found:
        for n in (-1, 0):  # twice: the slower run sets the span (the machine is shared)
            db = _fresh(scenario, work, n)
            scenario.before = signature(db)
            started = time.perf_counter()
            _run(scenario, db, None)
            scenario.seconds = max(scenario.seconds, time.perf_counter() - started)
            scenario.after = signature(db)
            assert scenario.after != scenario.before
    return found


@pytest.mark.parametrize("kind", ["import", "restore"])
def test_killed_at_a_random_moment_the_ledger_is_before_or_after(scenarios, kind,
                                                                 tmp_path):
    scenario = next(s for s in scenarios if s.name == kind)
    rng = random.Random(f"{SEED}-{kind}")
    outcomes = []
    for n in range(TRIALS):
        db = _fresh(scenario, tmp_path, n + 1)
        moment = rng.uniform(0.0, 1.3) * scenario.seconds
        code = _run(scenario, db, moment)
        state = signature(db)
        where = f"seed {SEED}, trial {n}, killed after {moment:.2f} s of {scenario.seconds:.2f}"
        assert state in (scenario.before, scenario.after), f"{kind} half-done: {where}"
        if code == 0:
            assert state == scenario.after, where
        outcomes.append("after" if state == scenario.after else "before")
        for leftover in tmp_path.glob(f"{db.name}.*.part"):
            leftover.unlink()
    print(f"{kind}: {outcomes} (seed {SEED}, full run {scenario.seconds:.2f} s)")
