"""What docs/guarantees.md promises about the ledger file (issue 8 items 1-4 and 12):
whole-file work only while nobody else has the file open, demo never replaces a file
it did not make, a second import waits, damaged / empty / missing files are refused
without being changed, and reading a backup writes nothing beside it."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from exchange_fixtures import case_row, write_cases

from mediator_app.cli.main import main
from mediator_app.services.demo import district as demo
from mediator_app.services.demo.district import build_demo_file
from mediator_app.services.trust import backup as backup_service
from mediator_app.storage import db as dbmod
from mediator_app.storage.db import (
    DatabaseDamaged,
    StorageError,
    exclusive_connection,
    health_check,
    open_database,
)
from tests.fixtures.district import FIXTURES
from tests.fixtures.district import ORG_FILES as ORG

TODAY = date(2026, 11, 26)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _short_waits(monkeypatch):
    """Refusals of a file in use come after a short grace; keep it shorter in tests."""
    monkeypatch.setattr(dbmod, "EXCLUSIVE_WAIT_MS", 200)


@pytest.fixture
def small_chunks(monkeypatch):
    """Demo builds report progress every 40 cases (so "meanwhile" comes early)."""
    monkeypatch.setattr(demo, "CHUNK_SIZE", 40)


def _dump(path: Path) -> str:
    """The logical content, read without writing anything (not even a -wal)."""
    live = Path(f"{path}-wal").exists()
    conn = sqlite3.connect(path.resolve().as_uri() + ("?mode=ro" if live else
                                                       "?mode=ro&immutable=1"), uri=True)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def ledger(tmp_path) -> Path:
    path = tmp_path / "ledger.db"
    assert main(["--db", str(path), "org", "import", *ORG]) == 0
    assert main(["--db", str(path), "cases", "import", str(FIXTURES / "cases.csv")]) == 0
    return path


def _holder(path: Path) -> subprocess.Popen[str]:
    """Another program with the ledger open and idle (like a window left open)."""
    code = ("import sys, time\nfrom mediator_app.storage.db import open_database\n"
            "h = open_database(sys.argv[1])\nprint('open', flush=True)\ntime.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
    return proc


# ---- item 1: restore only while nobody else has the file open ------------------------------


def test_restore_is_refused_while_another_program_has_the_ledger_open(ledger, tmp_path,
                                                                      capsys):
    copy = tmp_path / "copy.db"
    assert main(["--db", str(ledger), "backup", "--out", str(copy)]) == 0
    write_cases(tmp_path / "more.csv", [case_row(7)])
    assert main(["--db", str(ledger), "cases", "import", str(tmp_path / "more.csv")]) == 0
    before = _dump(ledger)
    other = _holder(ledger)
    try:
        capsys.readouterr()
        assert main(["--db", str(ledger), "restore", str(copy)]) == 3
        err = capsys.readouterr().err
        assert "正被另一个程序打开" in err and str(ledger) in err
    finally:
        other.kill()
        other.wait()
    assert _dump(ledger) == before
    assert not list(tmp_path.glob("ledger.db.before-restore-*"))
    assert main(["--db", str(ledger), "restore", str(copy)]) == 0  # alone: it works


def test_restore_is_refused_while_a_window_has_the_ledger_open_twice(ledger, tmp_path,
                                                                   capsys):
    """Found with the real window open: it opens the ledger twice (the worker's connection,
    then the screens' read-only one). Checking the second open's file header with Python's
    open() and closing it dropped the first connection's POSIX locks (they belong to the
    process), so a restore from the command line took the "exclusive" lock, replaced the
    ledger and deleted the -wal/-shm files the window was still using."""
    copy = tmp_path / "copy.db"
    assert main(["--db", str(ledger), "backup", "--out", str(copy)]) == 0
    write_cases(tmp_path / "more.csv", [case_row(7)])
    assert main(["--db", str(ledger), "cases", "import", str(tmp_path / "more.csv")]) == 0
    before = _dump(ledger)
    code = ("import sys, time\nfrom mediator_app.storage.db import open_database\n"
            "w = open_database(sys.argv[1])\n"
            "r = open_database(sys.argv[1], readonly=True)\n"
            "print('open', flush=True)\ntime.sleep(60)\n")
    other = subprocess.Popen([sys.executable, "-c", code, str(ledger)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "open"
        capsys.readouterr()
        assert main(["--db", str(ledger), "restore", str(copy)]) == 3
        assert "正被另一个程序打开" in capsys.readouterr().err
        assert Path(f"{ledger}-wal").exists() and Path(f"{ledger}-shm").exists()
    finally:
        other.kill()
        other.wait()
    assert _dump(ledger) == before
    assert not list(tmp_path.glob("ledger.db.before-restore-*"))


def test_restore_works_in_place_and_keeps_the_previous_content(ledger, tmp_path):
    copy = tmp_path / "copy.db"
    assert main(["--db", str(ledger), "backup", "--out", str(copy)]) == 0
    restored_content = _dump(copy)
    write_cases(tmp_path / "more.csv", [case_row(7)])
    assert main(["--db", str(ledger), "cases", "import", str(tmp_path / "more.csv")]) == 0
    before = _dump(ledger)
    inode = ledger.stat().st_ino
    saved = backup_service.restore(ledger, copy)
    assert saved and _dump(Path(saved)) == before
    assert _dump(ledger) == restored_content
    assert ledger.stat().st_ino == inode  # written into, never renamed over
    assert backup_service.verify_ledger(ledger) is None


def test_a_writer_waiting_on_a_restore_lands_in_the_restored_file(ledger, tmp_path):
    """The restore holds the exclusive lock; an import started meanwhile waits and is
    applied to the restored file afterwards: nothing is lost."""
    copy = tmp_path / "copy.db"
    assert main(["--db", str(ledger), "backup", "--out", str(copy)]) == 0
    write_cases(tmp_path / "more.csv", [case_row(7)])
    result: list[int] = []
    with exclusive_connection(ledger):
        worker = threading.Thread(target=lambda: result.append(main(
            ["--db", str(ledger), "cases", "import", str(tmp_path / "more.csv")])))
        worker.start()
        time.sleep(0.5)
    worker.join(30)
    assert result == [0]
    conn = sqlite3.connect(ledger)
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 4
    conn.close()


def test_upgrading_a_file_is_refused_while_another_program_has_it_open(tmp_path):
    from sqlite_utils import Database

    from mediator_app.storage.migrations import known_names, migrations

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before=known_names()[-1])
    old.conn.execute("PRAGMA journal_mode = WAL")
    old.close()
    reader = sqlite3.connect(path)
    reader.execute("SELECT count(*) FROM sqlite_master").fetchone()  # holds a shared lock
    try:
        with pytest.raises(StorageError) as info:
            open_database(path)
        assert info.value.code == "db.in_use"
        assert not list(tmp_path.glob("*.before-upgrade-*"))
    finally:
        reader.close()
    opened = open_database(path)
    assert opened.backup_path and Path(opened.backup_path).exists()
    opened.close()


# ---- item 2: demo never replaces a file it did not create --------------------------------


def test_demo_does_not_replace_a_file_that_appeared_during_the_build(tmp_path, small_chunks):
    target = tmp_path / "demo.db"

    def someone_else_creates_it(done: int, total: int) -> None:
        if done and not target.exists():
            assert main(["--db", str(target), "org", "import", *ORG]) == 0

    with pytest.raises(StorageError) as info:
        build_demo_file(target, cases=200, today=TODAY, progress=someone_else_creates_it)
    assert info.value.code == "file.appeared"
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0  # the other file
    assert conn.execute("SELECT count(*) FROM org_units").fetchone()[0] > 0
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]  # no part file left


def test_two_demo_builds_at_once_one_wins_the_other_says_so(tmp_path, capsys, small_chunks):
    target = tmp_path / "demo.db"
    inner: list[int] = []

    def second_build_meanwhile(done: int, total: int) -> None:
        if done and not inner:
            inner.append(main(["--db", str(target), "demo", "--cases", "50"]))

    with pytest.raises(StorageError) as info:
        build_demo_file(target, cases=200, today=TODAY, progress=second_build_meanwhile)
    assert info.value.code == "file.appeared" and inner == [0]
    assert demo.file_state(target) == demo.COMPLETE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]
    capsys.readouterr()
    assert main(["--db", str(target), "demo", "--cases", "50"]) == 1  # has cases: refused
    assert "Traceback" not in capsys.readouterr().err


def test_demo_command_refuses_plainly_when_the_file_appeared(tmp_path, capsys, monkeypatch):
    target = tmp_path / "demo.db"
    real = demo.build_demo

    def build(db, **kw):
        summary = real(db, **kw)
        target.write_bytes(b"made by someone else")
        return summary

    monkeypatch.setattr(demo, "build_demo", build)
    assert main(["--db", str(target), "demo", "--cases", "20"]) == 3
    err = capsys.readouterr().err
    assert "没有替换它" in err and "Traceback" not in err
    assert target.read_bytes() == b"made by someone else"


# ---- item 3: a second import waits --------------------------------------------------------


def _hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    """Another writer: holds the write lock for ``seconds`` and then commits a change."""
    ready = threading.Event()

    def run() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO settings(key, value) VALUES ('other', 'writer')")
        ready.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=run)
    thread.start()
    ready.wait(10)
    return thread


def test_a_second_import_waits_for_the_first_and_says_so(ledger, tmp_path, capsys):
    write_cases(tmp_path / "more.csv", [case_row(7), case_row(8)])
    other = _hold_write_lock(ledger, 1.5)
    capsys.readouterr()
    assert main(["--db", str(ledger), "cases", "import", str(tmp_path / "more.csv")]) == 0
    other.join()
    captured = capsys.readouterr()
    assert "等待" in captured.err and "new=2" in captured.out
    conn = sqlite3.connect(ledger)
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 5
    assert conn.execute("SELECT value FROM settings WHERE key='other'").fetchone() == ("writer",)
    conn.close()


def test_an_org_import_waits_too(ledger, capsys):
    other = _hold_write_lock(ledger, 1.2)
    assert main(["--db", str(ledger), "org", "import", *ORG]) == 0
    other.join()


def test_waiting_has_a_limit_then_fails_plainly_and_writes_nothing(ledger, tmp_path, capsys,
                                                                   monkeypatch):
    monkeypatch.setattr(dbmod.LedgerDatabase, "write_wait_s", 1.0)
    write_cases(tmp_path / "more.csv", [case_row(7)])
    other = _hold_write_lock(ledger, 2.5)
    try:
        before = _dump(ledger)
        assert main(["--db", str(ledger), "cases", "import", str(tmp_path / "more.csv")]) == 3
        err = capsys.readouterr().err
        assert "已等待" in err and "没有写入任何内容" in err
    finally:
        other.join()
    conn = sqlite3.connect(ledger)
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 3
    conn.close()
    assert "('other', 'writer')" not in before


# ---- item 4: damaged, empty, missing files -----------------------------------------------


def _damage(path: Path) -> None:
    """Break one b-tree page (from the middle of the file) the way a bad sector would,
    choosing one that the opening health check can see."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    original = path.read_bytes()
    for page in range(pages // 2, pages):
        data = bytearray(original)
        data[(page - 1) * size:(page - 1) * size + 8] = b"\x0d\xff\xff\xff\xff\xff\xff\xff"
        path.write_bytes(bytes(data))
        probe = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        try:
            if health_check(probe):
                return
        finally:
            probe.close()
    raise AssertionError("no page to damage")


@pytest.fixture
def damaged(tmp_path) -> tuple[Path, Path]:
    path = tmp_path / "demo.db"
    build_demo_file(path, cases=300, today=TODAY)
    copy = tmp_path / "verified.db"
    assert main(["--db", str(path), "backup", "--out", str(copy)]) == 0
    _damage(path)
    return path, copy


def test_a_damaged_file_is_neither_reported_from_nor_written_to(damaged, capsys):
    path, copy = damaged
    digest = _digest(path)
    capsys.readouterr()
    assert main(["--db", str(path), "report", "--period", "2025", "--scope", "610114",
                 "--format", "json"]) == 3
    captured = capsys.readouterr()
    assert captured.out == "" and "已损坏" in captured.err and str(copy) in captured.err
    assert main(["--db", str(path), "org", "import", *ORG]) == 3
    assert main(["--db", str(path), "cases", "export", "--out",
                 str(path.with_name("x.csv"))]) == 3
    assert _digest(path) == digest
    assert main(["--db", str(path), "check"]) == 1
    err = capsys.readouterr().err
    assert str(copy) in err and "Traceback" not in err
    # SQLite's own lines go to the log file the message names, not to the user (issue 8
    # item 10, docs/cli.md "Messages and the log file")
    assert "Page" not in err and "日志文件" in err
    assert _digest(path) == digest


def test_check_looks_at_damage_the_opening_check_did_not_reach(damaged, capsys, monkeypatch):
    """In a big ledger the bounded opening check may stop before the damaged page (seen at
    100k cases on a busy machine); `check` then meets the damage itself and must still
    print SQLite's findings and the last verified backup, exit 1, writing nothing."""
    path, copy = damaged
    digest = _digest(path)
    monkeypatch.setattr(dbmod, "health_check", lambda conn, *a, **k: [])  # ran out of time
    capsys.readouterr()
    assert main(["--db", str(path), "check"]) == 1
    err = capsys.readouterr().err
    # in the user's words; SQLite's own lines go to the log file the message names
    assert "已损坏" in err and "日志文件" in err and "malformed" not in err, err
    assert str(copy) in err and "Traceback" not in err and "数据库操作失败" not in err
    assert _digest(path) == digest


def test_a_damaged_file_opens_read_only_to_look(damaged):
    path, copy = damaged
    with pytest.raises(DatabaseDamaged) as info:
        open_database(path)
    assert str(copy) in info.value.backup
    handle = open_database(path, readonly=True, allow_damaged=True)
    assert handle.readonly and handle.damaged and str(copy) in handle.last_backup
    with pytest.raises(sqlite3.OperationalError):
        handle.db.execute("INSERT INTO settings(key, value) VALUES ('x', 'y')")
    handle.close()


def test_a_damaged_ledger_is_restored_from_its_backup(damaged, capsys):
    path, copy = damaged
    assert main(["--db", str(path), "restore", str(copy)]) == 0
    assert main(["--db", str(path), "check"]) == 0
    assert _dump(path) == _dump(copy)


def test_a_zero_byte_file_is_not_turned_into_a_ledger(tmp_path, capsys):
    empty = tmp_path / "ledger.db"
    empty.write_bytes(b"")
    for argv in (["check"], ["org", "import", *ORG], ["demo", "--cases", "10"],
                 ["cases", "import", str(FIXTURES / "cases.csv")]):
        assert main(["--db", str(empty), *argv]) == 3, argv
        err = capsys.readouterr().err
        assert "0 字节" in err and "Traceback" not in err
    assert empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.db"]


def test_no_folder_is_ever_created_and_a_failed_first_import_leaves_no_file(tmp_path, capsys):
    missing = tmp_path / "no" / "such" / "dir" / "x.db"
    bad = write_cases(tmp_path / "bad.csv", [case_row(1)])
    assert main(["--db", str(missing), "org", "import", str(bad)]) == 3
    assert "不存在" in capsys.readouterr().err
    assert not (tmp_path / "no").exists()
    new = tmp_path / "new.db"
    assert main(["--db", str(new), "org", "import", str(bad)]) != 0  # not org files
    assert not new.exists() and not Path(f"{new}-wal").exists()
    assert main(["--db", str(new), "org", "import", *ORG]) == 0  # an explicit create
    assert new.exists()


def test_an_sqlite_file_of_another_program_is_left_alone(tmp_path, capsys):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes(text)")
    conn.commit()
    conn.close()
    digest = _digest(other)
    assert main(["--db", str(other), "org", "import", *ORG]) == 3
    assert "不是调解台账" in capsys.readouterr().err
    assert _digest(other) == digest


def test_the_health_check_is_bounded_in_time(tmp_path):
    path = tmp_path / "demo.db"
    build_demo_file(path, cases=2000, today=TODAY)
    conn = sqlite3.connect(path)
    problems, complete = dbmod.quick_check(conn, budget_s=10)
    assert problems == [] and complete
    problems, complete = dbmod.quick_check(conn, budget_s=0.0)
    assert problems == [] and not complete  # stopped at once, nothing claimed
    conn.close()


# ---- item 12: reading a backup writes nothing beside it -----------------------------------


def test_restore_of_a_damaged_backup_writes_nothing_beside_it(ledger, tmp_path, capsys):
    folder = tmp_path / "backups"
    folder.mkdir()
    copy = folder / "copy.db"
    assert main(["--db", str(ledger), "backup", "--out", str(copy)]) == 0
    _damage(copy)
    listing, digest, before = sorted(folder.iterdir()), _digest(copy), _digest(ledger)
    assert main(["--db", str(ledger), "restore", str(copy)]) == 3
    assert "已损坏" in capsys.readouterr().err
    assert sorted(folder.iterdir()) == listing and _digest(copy) == digest
    assert _digest(ledger) == before


def test_a_good_restore_writes_nothing_beside_the_backup_either(ledger, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    copy = folder / "copy.db"
    assert main(["--db", str(ledger), "backup", "--out", str(copy)]) == 0
    listing, digest = sorted(folder.iterdir()), _digest(copy)
    assert main(["--db", str(ledger), "restore", str(copy)]) == 0
    assert sorted(folder.iterdir()) == listing and _digest(copy) == digest


def test_restore_into_a_new_file_needs_its_folder(ledger, tmp_path, capsys):
    copy = tmp_path / "copy.db"
    assert main(["--db", str(ledger), "backup", "--out", str(copy)]) == 0
    assert main(["--db", str(tmp_path / "nope" / "x.db"), "restore", str(copy)]) == 3
    assert not (tmp_path / "nope").exists()
    fresh = tmp_path / "fresh.db"
    assert main(["--db", str(fresh), "restore", str(copy)]) == 0
    assert _dump(fresh) == _dump(copy)
    assert sorted(p.name for p in tmp_path.iterdir() if "fresh" in p.name) == ["fresh.db"]


def test_waiting_message_is_rate_limited(capsys):
    from mediator_app.cli.common import waiting_message

    report = waiting_message("zh")
    for second in (1.0, 2.0, 3.0, 6.5, 7.0):
        report(second)
    assert len(capsys.readouterr().err.splitlines()) == 2  # at 1 s and at 6.5 s
    assert os.environ.get("XDG_DATA_HOME")  # the backup record goes to the test home


def test_restore_over_a_file_that_is_not_a_database_keeps_it_aside(ledger, tmp_path):
    copy = tmp_path / "copy.db"
    assert main(["--db", str(ledger), "backup", "--out", str(copy)]) == 0
    for junk in (b"", b"garbage, not a database" * 50):
        target = tmp_path / f"target-{len(junk)}.db"
        target.write_bytes(junk)
        assert main(["--db", str(target), "restore", str(copy)]) == 0
        assert _dump(target) == _dump(copy)
        kept = list(tmp_path.glob(f"{target.name}.before-restore-*.bak"))
        assert len(kept) == 1 and kept[0].read_bytes() == junk


def test_a_partial_demo_is_not_moved_aside_while_another_program_has_it_open(tmp_path):
    target = tmp_path / "demo.db"
    handle = open_database(target)
    handle.db.execute("INSERT INTO org_units(code, name, level) VALUES ('1', 'x', '区')")
    handle.db.conn.commit()
    try:
        assert demo.file_state(target) == demo.PARTIAL
        with pytest.raises(StorageError) as info:
            demo.set_aside(target)
        assert info.value.code == "db.in_use" and target.exists()
    finally:
        handle.close()
    moved = demo.set_aside(target)
    assert moved.exists() and not target.exists()


def test_a_ledger_with_a_damaged_schema_page_is_restored_in_place(ledger, tmp_path, capsys):
    copy = tmp_path / "copy.db"
    assert main(["--db", str(ledger), "backup", "--out", str(copy)]) == 0
    conn = sqlite3.connect(ledger)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(ledger, "r+b") as handle:  # the header stays, the schema is garbage
        handle.seek(100)
        handle.write(b"\xff" * 3000)
    damaged = ledger.read_bytes()
    assert main(["--db", str(ledger), "check"]) == 1
    assert main(["--db", str(ledger), "restore", str(copy)]) == 0
    assert main(["--db", str(ledger), "check"]) == 0
    assert _dump(ledger) == _dump(copy)
    kept = list(tmp_path.glob("ledger.db.before-restore-*.bak"))
    assert len(kept) == 1 and kept[0].read_bytes()[100:4096] == damaged[100:4096]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ledger.db")) == [
        "ledger.db", kept[0].name]


def test_a_backup_with_another_page_size_is_restored(ledger, tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(ledger)
    conn.execute("VACUUM INTO ?", [str(other)])
    conn.close()
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    conn.close()
    content = _dump(other)
    assert main(["--db", str(ledger), "restore", str(other)]) == 0
    assert _dump(ledger) == content
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ledger.db")
                  and not p.name.endswith(".bak")) == ["ledger.db"]


def test_the_programs_own_folder_is_made_on_first_start(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh-profile"))
    assert main(["demo", "--cases", "10"]) == 0  # no --db: the default ledger
    assert (tmp_path / "fresh-profile" / "MediatorLedger" / "ledger.db").is_file()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "other-profile"))
    assert dbmod.default_demo_path().parent == tmp_path / "other-profile" / "MediatorLedger"
    assert demo.file_state(dbmod.default_demo_path()) == demo.MISSING
    build_demo_file(dbmod.default_demo_path(), cases=5, today=TODAY)
    assert dbmod.default_demo_path().is_file()


def test_only_stale_part_files_of_killed_builds_are_swept(tmp_path):
    target = tmp_path / "demo.db"
    stale = tmp_path / "demo.db.111-deadbeef.part"
    fresh = tmp_path / "demo.db.222-cafebabe.part"  # another build, running now
    for part in (stale, fresh):
        part.write_bytes(b"x")
    old = time.time() - demo.STALE_PART_S - 60
    os.utime(stale, (old, old))
    build_demo_file(target, cases=5, today=TODAY)
    assert not stale.exists() and fresh.exists() and target.exists()
