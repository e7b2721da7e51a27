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
from mediator_app.services.demo import build_demo_file
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
