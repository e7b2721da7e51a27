"""Opening a ledger in the GUI (issue 8 items 1 and 4, docs/guarantees.md): a damaged
file is offered read-only with its last verified backup named, a missing file is made
only when the user says so (never its folder), and while a window has the ledger open a
restore from the command line is refused."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from mediator_app.cli.main import main
from mediator_app.services.demo.district import build_demo_file
from mediator_app.storage import db as dbmod
from mediator_app.storage.db import health_check
from mediator_app.ui import app as app_module

TODAY = date(2026, 11, 26)
YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


@pytest.fixture
def dialogs(monkeypatch) -> dict[str, list[str]]:
    """QMessageBox replaced: records the texts and answers what ``answers`` says."""
    seen: dict[str, list[str]] = {"warning": [], "question": [], "critical": [],
                                  "answer": ["yes"]}

    def recorder(kind: str):
        def show(_parent, _title, text, *_a, **_k):
            seen[kind].append(text)
            return YES if seen["answer"][-1] == "yes" else NO
        return show

    for kind in ("warning", "question", "critical"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return seen


def _close(ctx) -> None:
    ctx.runner.shutdown()
    ctx.read_db.close()


def _damage(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages, size = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count",
                                                                        "page_size"))
    conn.close()
    original = path.read_bytes()
    for page in range(pages // 2, pages):
        data = bytearray(original)
        data[(page - 1) * size:(page - 1) * size + 8] = b"\x0d\xff\xff\xff\xff\xff\xff\xff"
        path.write_bytes(bytes(data))
        probe = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        found = health_check(probe)
        probe.close()
        if found:
            return
    raise AssertionError("no page to damage")


def test_a_damaged_ledger_is_offered_read_only_naming_the_backup(qapp, tmp_path, dialogs):
    path = tmp_path / "ledger.db"
    build_demo_file(path, cases=300, today=TODAY)
    backup = tmp_path / "backup.db"
    assert main(["--db", str(path), "backup", "--out", str(backup)]) == 0
    _damage(path)
    digest = path.read_bytes()
    dialogs["answer"].append("no")
    assert app_module.open_context(str(path), "zh") is None
    assert str(backup) in dialogs["warning"][-1]
    dialogs["answer"].append("yes")
    ctx = app_module.open_context(str(path), "zh")
    assert ctx is not None and ctx.readonly
    _close(ctx)
    assert path.read_bytes() == digest


def test_a_missing_ledger_is_created_only_when_the_user_says_so(qapp, tmp_path, dialogs):
    path = tmp_path / "new.db"
    dialogs["answer"].append("no")
    assert app_module.open_context(str(path), "zh") is None
    assert not path.exists() and str(path) in dialogs["question"][-1]
    dialogs["answer"].append("yes")
    ctx = app_module.open_context(str(path), "zh")
    assert ctx is not None and not ctx.readonly and path.exists()
    _close(ctx)


def test_a_missing_folder_is_never_created(qapp, tmp_path, dialogs):
    path = tmp_path / "no" / "such" / "x.db"
    assert app_module.open_context(str(path), "zh") is None
    assert "不存在" in dialogs["critical"][-1]
    assert not (tmp_path / "no").exists()


def test_restore_is_refused_while_a_window_has_the_ledger_open(qapp, tmp_path, dialogs,
                                                               monkeypatch, capsys):
    monkeypatch.setattr(dbmod, "EXCLUSIVE_WAIT_MS", 200)
    path = tmp_path / "ledger.db"
    build_demo_file(path, cases=20, today=TODAY)
    backup = tmp_path / "backup.db"
    assert main(["--db", str(path), "backup", "--out", str(backup)]) == 0
    ctx = app_module.open_context(str(path), "zh")
    assert ctx is not None
    try:
        capsys.readouterr()
        assert main(["--db", str(path), "restore", str(backup)]) == 3
        assert "另一个窗口" in capsys.readouterr().err
    finally:
        _close(ctx)
    assert main(["--db", str(path), "restore", str(backup)]) == 0


def test_a_zero_byte_file_is_refused_and_left_empty(qapp, tmp_path, dialogs):
    path = tmp_path / "ledger.db"
    path.write_bytes(b"")
    assert app_module.open_context(str(path), "zh") is None
    assert "0 字节" in dialogs["critical"][-1]
    assert path.read_bytes() == b"" and sorted(tmp_path.iterdir()) == [path]


# ---- File → Restore from backup… ---------------------------------------------------------


def _ledger_with_backup(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "ledger.db"
    build_demo_file(path, cases=20, today=TODAY)
    backup = tmp_path / "backup.db"
    assert main(["--db", str(path), "backup", "--out", str(backup)]) == 0
    conn = sqlite3.connect(path)
    conn.execute("UPDATE cases SET deleted = 1")
    conn.commit()
    conn.close()
    return path, backup


def _live_cases(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM cases WHERE deleted = 0").fetchone()[0])
    finally:
        conn.close()


def _window(path: Path, backup: Path):
    from conftest import FakeDialogs

    from mediator_app.ui.main_window import MainWindow

    ctx = app_module.open_context(str(path), "zh")
    assert ctx is not None
    ctx.dialogs = FakeDialogs(open_paths=[str(backup)])
    return ctx, MainWindow(ctx)


def test_restore_from_the_window_rebuilds_it_on_the_restored_ledger(qapp, qtbot, tmp_path):
    path, backup = _ledger_with_backup(tmp_path)
    assert _live_cases(path) == 0
    ctx, window = _window(path, backup)
    qtbot.addWidget(window)
    results: list[bool] = []
    window.restore_backup()
    window.restore_flow.done.connect(results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    assert results == [True]
    assert _live_cases(path) == 20
    new_window = ctx.extra["main_window"]
    assert new_window is not window and new_window.isVisible() and not window.isVisible()
    kinds = [c[0] for c in ctx.dialogs.calls]
    assert kinds[:2] == ["open", "confirm"] and kinds[-1] == "info"
    assert "before-restore" in ctx.dialogs.calls[-1][2]
    answer: list[int] = []
    ctx.runner.run(lambda db: db.execute("SELECT count(*) FROM cases WHERE deleted = 0")
                   .fetchone()[0], answer.append)
    qtbot.waitUntil(lambda: bool(answer), timeout=5_000)
    assert answer == [20]
    new_window.close()
    _close(ctx)


def test_restore_from_the_window_is_refused_while_another_program_has_it_open(
        qapp, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(dbmod, "EXCLUSIVE_WAIT_MS", 200)
    path, backup = _ledger_with_backup(tmp_path)
    ctx, window = _window(path, backup)
    qtbot.addWidget(window)
    other = sqlite3.connect(path)
    other.execute("SELECT count(*) FROM cases").fetchone()  # another program, idle
    try:
        results: list[bool] = []
        window.restore_backup()
        window.restore_flow.done.connect(results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    finally:
        other.close()
    assert results == [False] and _live_cases(path) == 0
    errors = [c[2] for c in ctx.dialogs.calls if c[0] == "error"]
    assert errors and "另一个程序打开" in errors[-1]
    answer: list[int] = []  # the window keeps working on its ledger
    ctx.runner.run(lambda db: db.execute("SELECT count(*) FROM cases").fetchone()[0],
                   answer.append)
    qtbot.waitUntil(lambda: bool(answer), timeout=5_000)
    assert answer == [20] and "main_window" not in ctx.extra
    assert not list(tmp_path.glob("ledger.db.before-restore-*"))
    _close(ctx)


def test_restore_from_the_window_can_be_called_off(qapp, qtbot, tmp_path):
    path, backup = _ledger_with_backup(tmp_path)
    ctx, window = _window(path, backup)
    qtbot.addWidget(window)
    ctx.dialogs.confirm_answer = False
    window.restore_backup()
    assert _live_cases(path) == 0 and "main_window" not in ctx.extra
    _close(ctx)


# ---- a long job (the import wizard's) waits for another program's write -------------------


def _hold_write_lock(path: Path, seconds: float):
    import threading
    import time

    ready = threading.Event()

    def run() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        ready.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=run)
    thread.start()
    ready.wait(10)
    return thread


def _write_job(db, report, cancelled):
    with db.atomic():
        db.execute("INSERT INTO settings(key, value) VALUES ('job', 'written')")
    return "ok"


def test_a_long_job_says_that_it_waits_and_then_writes(qapp, qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    from mediator_app.ui.tasks import ProgressJob

    path = tmp_path / "ledger.db"
    build_demo_file(path, cases=5, today=TODAY)
    ctx = app_module.open_context(str(path), "zh")
    parent = QWidget()
    qtbot.addWidget(parent)
    job = ProgressJob(ctx, parent, "导入中……", _write_job)
    labels: list[str] = []
    job.waiting.connect(lambda _s: labels.append(job.dialog.labelText()))
    results: list[object] = []
    job.finished.connect(results.append)
    job.failed.connect(results.append)
    other = _hold_write_lock(path, 1.6)
    job.start()
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    other.join()
    assert results == ["ok"]
    assert labels and "Another program is writing to this ledger" in labels[-1]  # no translator
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM settings WHERE key='job'").fetchone() == ("written",)
    conn.close()
    _close(ctx)


def test_a_waiting_job_can_be_cancelled_and_writes_nothing(qapp, qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    from mediator_app.storage.db import StorageError
    from mediator_app.ui.tasks import ProgressJob

    path = tmp_path / "ledger.db"
    build_demo_file(path, cases=5, today=TODAY)
    ctx = app_module.open_context(str(path), "zh")
    parent = QWidget()
    qtbot.addWidget(parent)
    job = ProgressJob(ctx, parent, "导入中……", _write_job)
    job.waiting.connect(lambda _s: job.cancel())
    results: list[object] = []
    job.finished.connect(results.append)
    job.failed.connect(results.append)
    other = _hold_write_lock(path, 3.0)
    job.start()
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    other.join()
    assert isinstance(results[0], StorageError) and results[0].code == "db.busy"
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM settings WHERE key='job'").fetchone() is None
    conn.close()
    _close(ctx)
