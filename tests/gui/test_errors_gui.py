"""Issue 8 items 9 and 13 in the GUI: errors of the DB worker reach the user as plain
messages and the log, the same with the threaded and the synchronous runner, and a
damaged file shows a message instead of tracebacks on stderr."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from mediator_app.services import faults
from mediator_app.storage.db import open_database
from mediator_app.ui import app as gui_app
from mediator_app.ui.context import AppContext
from mediator_app.ui.tasks import SyncRunner, ThreadedRunner
from tests.gui.conftest import FakeDialogs, build_db


@pytest.fixture
def log_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "logs" / "mediator-app.log"
    monkeypatch.setenv(faults.LOG_ENV, str(path))
    return path


@pytest.fixture
def db_file(tmp_path) -> str:
    path = str(tmp_path / "ledger.db")
    opened = open_database(path)
    build_db(opened.db)
    opened.close()
    return path


def _threaded(path: str) -> AppContext:
    read = open_database(path, readonly=True, check_same_thread=False)
    return AppContext(runner=ThreadedRunner(path), read_db=read.db, dialogs=FakeDialogs(),
                      db_path=path)


def _broken_job(_db):
    raise RuntimeError("a bug with 张三 110101199003071234 in its text")


def _errors(ctx: AppContext) -> list[str]:
    return [text for kind, _title, text in ctx.dialogs.calls if kind == "error"]


# ---- item 13: no error is dropped, the same in both runners -----------------------------


def test_threaded_runner_shows_and_logs_an_error_nobody_handled(db_file, qtbot, log_file):
    ctx = _threaded(db_file)
    try:
        ctx.runner.run(_broken_job)  # no on_error: as the privacy-view record does
        qtbot.waitUntil(lambda: bool(_errors(ctx)), timeout=10000)
    finally:
        ctx.runner.shutdown()
    [text] = _errors(ctx)
    assert "RuntimeError" in text and str(log_file) in text and "张三" not in text
    logged = log_file.read_text(encoding="utf-8")
    assert "RuntimeError" in logged and "test_errors_gui.py" in logged
    assert "张三" not in logged and "110101199003071234" not in logged


def test_sync_runner_does_the_same_as_the_threaded_one(case_db, qapp, log_file):
    ctx = AppContext(runner=SyncRunner(case_db), read_db=case_db, dialogs=FakeDialogs())
    ctx.runner.run(_broken_job)  # no exception escapes, as with the threaded runner
    [text] = _errors(ctx)
    assert "RuntimeError" in text and str(log_file) in text


def test_a_bare_sync_runner_still_raises_for_unit_tests(case_db):
    with pytest.raises(RuntimeError):
        SyncRunner(case_db).run(_broken_job)


def test_a_failing_result_callback_is_shown_not_lost(db_file, qtbot, log_file):
    ctx = _threaded(db_file)

    def done(_result):
        raise KeyError("x")

    try:
        ctx.runner.run(lambda db: 1, done)
        qtbot.waitUntil(lambda: bool(_errors(ctx)), timeout=10000)
    finally:
        ctx.runner.shutdown()
    assert "KeyError" in _errors(ctx)[0]


def test_a_handled_error_is_left_to_its_handler(db_file, qtbot):
    ctx = _threaded(db_file)
    got: list[BaseException] = []
    try:
        ctx.runner.run(_broken_job, None, got.append)
        qtbot.waitUntil(lambda: bool(got), timeout=10000)
    finally:
        ctx.runner.shutdown()
    assert isinstance(got[0], RuntimeError) and _errors(ctx) == []


def test_the_same_message_is_not_repeated_at_once(case_db, qapp, log_file):
    ctx = AppContext(runner=SyncRunner(case_db), read_db=case_db, dialogs=FakeDialogs())
    for _ in range(5):  # five jobs failing on one damaged file: one message box
        ctx.runner.run(lambda db: (_ for _ in ()).throw(
            sqlite3.DatabaseError("database disk image is malformed")))
    assert len(_errors(ctx)) == 1 and "已损坏" in _errors(ctx)[0]


# ---- item 9: a damaged file in the GUI --------------------------------------------------


def _damage_cases_table(path: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [p for (p,) in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'cases' AND pagetype = 'leaf'")]
    conn.close()
    assert pages
    with open(path, "r+b") as fh:
        for page in pages:
            fh.seek((page - 1) * page_size + 8)
            fh.write(b"\xff" * 40)


def test_damaged_file_shows_plain_messages_and_no_traceback(db_file, qtbot, capfd,
                                                            monkeypatch, log_file):
    _damage_cases_table(db_file)
    refused: list[str] = []
    monkeypatch.setattr(gui_app, "_error", refused.append)
    # a health check at opening may offer to open the damaged file read-only: accept
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *_a, **_k: yes))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a, **_k: yes))
    ctx = gui_app.open_context(db_file, "zh")
    if ctx is None:  # refused when opened (the health check): said plainly
        assert refused and "malformed" not in refused[0]
        return
    ctx.dialogs = FakeDialogs()
    previous = gui_app.install_excepthook(ctx)
    try:
        window = gui_app.build_main_window(ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: "已损坏" in window.counts_label.text()
                        or "已损坏" in window.dashboard.error.text(), timeout=10000)
        qtbot.wait(200)
    finally:
        sys.excepthook = previous
        ctx.runner.shutdown()
        ctx.read_db.close()
    shown = " ".join([window.counts_label.text(), window.dashboard.error.text(),
                      *_errors(ctx)])
    assert "malformed" not in shown and "Error" not in shown
    err = capfd.readouterr().err
    assert "Traceback" not in err and "malformed" not in err, err


def test_an_exception_escaping_a_slot_becomes_a_message(case_db, qtbot, capfd, log_file):
    ctx = AppContext(runner=SyncRunner(case_db), read_db=case_db, dialogs=FakeDialogs())
    previous = gui_app.install_excepthook(ctx)
    try:
        QTimer.singleShot(0, lambda: 1 / 0)
        qtbot.waitUntil(lambda: bool(_errors(ctx)), timeout=5000)
    finally:
        sys.excepthook = previous
    assert "ZeroDivisionError" in _errors(ctx)[0] and str(log_file) in _errors(ctx)[0]
    assert "Traceback" not in capfd.readouterr().err


def test_a_refusal_from_a_worker_is_shown_as_the_refusal_not_as_a_fault(log_file):
    """Found in the merged walkthrough: a 查看 user's refused export (AccessDenied raised
    on the worker) read "程序遇到了意外的错误（AccessDenied）" and wrote a traceback to the
    log; a wrong package password (LoginFailed) the same."""
    from mediator_app.domain.access import AccessDenied, Action, Principal, Role
    from mediator_app.domain.account_messages import LoginFailed
    from mediator_app.ui.errors import error_reason, error_text

    refused = AccessDenied(Principal(name="看看", role=Role.VIEWER, scope="610114"),
                           Action.EXPORT)
    for render in (error_text, error_reason):
        text = render(refused, "zh", "export")
        assert "看看" in text and "该角色可以" in text and "AccessDenied" not in text, text
        assert "may not" in render(refused, "en", "export")
        text = render(LoginFailed("sealed.bad_password", path="p.zip"), "zh", "import")
        assert "密码不正确" in text and "p.zip" in text, text
    assert not log_file.exists()  # nothing unexpected to log


@pytest.mark.parametrize(("lang", "sentence"), [
    ("zh", "数据库文件“/x/ledger.db”不存在。"),
    ("en", "The database file “/x/ledger.db” does not exist."),
])
def test_a_storage_refusal_in_the_account_screens_is_a_sentence_not_its_code(
        lang, sentence, log_file):
    """Found in issue 11 item 4: the account screens (encrypt this ledger, restore from
    an automatic backup, unlock with the recovery key) and the first-start window showed
    ``str(exc)``, i.e. "db.missing: {'path': …}", for a refusal of the storage layer."""
    from types import SimpleNamespace

    from mediator_app.storage.errors import StorageError
    from mediator_app.ui.first_start import problem_text
    from mediator_app.ui.trust import session

    missing = StorageError("db.missing", path="/x/ledger.db")
    dialogs = FakeDialogs()
    session.show_error(None, SimpleNamespace(lang=lang, dialogs=dialogs), missing)
    [(kind, _title, text)] = dialogs.calls
    assert kind == "error" and text == sentence
    assert problem_text(missing, lang) == sentence
    assert "db.missing" not in text and "{" not in text
    assert not log_file.exists()  # a refusal, not a fault
