"""The import wizard: files page (several files, drag and drop), dry-run preview with
counts / problems, Apply disabled on errors, applying, the history, and cancelling."""

from __future__ import annotations

import csv
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QPushButton, QWizard

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from exchange_fixtures import case_row, dump, write_cases

from mediator_app.domain.messages import field_label
from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.exchange import case_exchange
from mediator_app.ui.exchange import ImportHistoryDialog, ImportWizard
from mediator_app.ui.exchange.import_wizard import PAGE_APPLY, PAGE_PREVIEW

GRID1 = "610114001001001"  # the grid of committee C001 in tests/gui/conftest.py


def _row(n: int, **overrides: str) -> dict[str, str]:
    """A valid case of committee C001 (conftest district)."""
    base = {"committee_code": "C001", "grid_code": GRID1,
            "case_no": f"（2023）东村人调字第{900 + n}号"}
    return case_row(n, **{**base, **overrides})


@pytest.fixture
def files(case_db, tmp_path) -> list[Path]:
    """a.csv: 3 new cases; b.csv: 2 new, 1 existing case newer (updated), 1 existing case
    as stored (unchanged), 1 existing case older (stale), and on line 7 one with the stored
    updated_at but another summary (a conflict)."""
    a = write_cases(tmp_path / "a.csv", [_row(n) for n in (1, 2, 3)])
    stored = case_db.execute("SELECT case_id FROM cases ORDER BY id LIMIT 4").fetchall()
    exported = tmp_path / "existing.csv"
    case_exchange.export_cases(case_db, exported)
    with exported.open(encoding="utf-8-sig", newline="") as fh:
        by_id = {r["case_id"]: r for r in csv.DictReader(fh)}
    newer, same, older, clash = (dict(by_id[s[0]]) for s in stored)
    # later than stored, but not beyond the importing clock (issue 8 item 11)
    now = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
    newer["updated_at"], newer["summary"] = now, "改过的摘要"
    older["updated_at"] = "2000-01-01T00:00:00+08:00"
    clash["summary"] = "另一边也改了摘要"
    b = write_cases(tmp_path / "b.csv", [_row(4), _row(5), newer, same, older, clash])
    return [a, b]


@pytest.fixture
def wizard(ctx, qtbot):
    w = ImportWizard(ctx)
    qtbot.addWidget(w)
    w.show()
    return w


def _to_preview(wizard, paths) -> None:
    assert wizard.add_files([str(p) for p in paths]) == len(paths)
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW


def _apply_enabled(wizard) -> bool:
    return wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_files_page_adds_several_files_and_removes(wizard, dialogs, tmp_path):
    a, b = (write_cases(tmp_path / n, [_row(1)]) for n in ("x.csv", "y.csv"))
    other = tmp_path / "notes.txt"
    other.write_text("x")
    dialogs.open_paths = [str(a), str(b), str(other), str(a)]
    page = wizard.files_page
    assert not page.isComplete()
    page.add_button.click()
    assert [Path(p).name for p in wizard.paths()] == ["x.csv", "y.csv"]
    assert page.isComplete()
    page.files.item(0).setSelected(True)
    page.remove_button.click()
    assert [Path(p).name for p in wizard.paths()] == ["y.csv"]


def test_dropped_files_are_added(wizard, tmp_path):
    a = write_cases(tmp_path / "drop.csv", [_row(1)])
    z = tmp_path / "pkg.zip"
    z.write_bytes(b"PK")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(a)), QUrl.fromLocalFile(str(z)),
                  QUrl.fromLocalFile(str(tmp_path / "x.pdf"))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    wizard.files_page.files.dropEvent(event)
    assert [Path(p).name for p in wizard.paths()] == ["drop.csv", "pkg.zip"]


def test_preview_counts_equal_the_dry_run(wizard, files, case_db):
    before = dump(case_db)
    _to_preview(wizard, files)
    page = wizard.preview_page
    expected = case_exchange.import_cases(case_db, [str(f) for f in files], dry_run=True)
    rows = page.view.counts.texts()
    assert [r[0] for r in rows] == ["a.csv", "b.csv", rows[2][0]]  # two files + total
    for shown, counts in zip(rows, expected.files, strict=False):
        assert shown[1:7] == [str(counts.rows), str(counts.new), str(counts.updated),
                              str(counts.unchanged), str(counts.stale),
                              str(getattr(counts, "conflicts", 0))]
    # new, updated, unchanged, stale, conflicts
    assert [int(v) for v in rows[2][2:7]] == [5, 1, 1, 1, 1]
    assert page.view.conflicts.texts() == [[
        "b.csv", "7", expected.conflicts[0].case_no, field_label("summary", "zh")]]
    totals = {r[0]: r[1:] for r in page.view.totals.texts()}
    live = totals[page.view.totals.label("live")]
    assert live == [str(expected.totals_before["live"]), str(expected.totals_after["live"]),
                    "+5"]
    assert page.isComplete() and _apply_enabled(wizard)
    assert dump(case_db) == before, "the preview must not write"


def test_bad_row_is_located_and_blocks_apply(wizard, case_db, tmp_path):
    bad = write_cases(tmp_path / "street.csv",
                      [_row(1), _row(2, received_on="2023-13-01"), _row(3)])
    before = dump(case_db)
    _to_preview(wizard, [bad])
    page = wizard.preview_page
    problems = page.view.problems.texts()
    assert problems[0][:3] == ["street.csv", "3", "7"]
    assert "received_on" in problems[0][3] and "2023-13-01" in problems[0][4]
    assert not page.isComplete() and not _apply_enabled(wizard)
    assert "nothing will be written" in page.status.text().lower() or \
        "不会写入" in page.status.text()
    assert page.view.currentWidget() is page.view.problems.parentWidget()
    assert dump(case_db) == before


def test_fixing_the_file_and_checking_again_enables_apply(wizard, case_db, tmp_path):
    path = write_cases(tmp_path / "street.csv", [_row(1, received_on="bad")])
    _to_preview(wizard, [path])
    assert not _apply_enabled(wizard)
    write_cases(path, [_row(1)])
    wizard.preview_page.again.click()
    assert wizard.preview_page.outcome.problem_total == 0 and _apply_enabled(wizard)


def test_read_only_ledger_checks_but_cannot_apply(wizard, files, ctx):
    ctx.readonly = True
    _to_preview(wizard, files)
    assert wizard.preview_page.outcome.problem_total == 0 and not _apply_enabled(wizard)
    assert "read-only" in wizard.preview_page.status.text() or "只读" in \
        wizard.preview_page.status.text()


def test_apply_imports_and_history_lists_it(wizard, files, case_db, qtbot):
    count = case_db.execute("SELECT count(*) FROM cases").fetchone()[0]
    _to_preview(wizard, files)
    with qtbot.waitSignal(wizard.imported, timeout=5000):
        wizard.next()
    assert wizard.currentId() == PAGE_APPLY
    page = wizard.apply_page
    assert page.succeeded and page.isComplete()
    assert case_db.execute("SELECT count(*) FROM cases").fetchone()[0] == count + 5
    assert case_db.execute("SELECT count(*) FROM cases WHERE summary = '改过的摘要'"
                           ).fetchone()[0] == 1
    assert [int(v) for v in page.view.counts.texts()[2][2:7]] == [5, 1, 1, 1, 1]
    history = ImportHistoryDialog(wizard.ctx)
    qtbot.addWidget(history)
    names = [Path(r[2]).name for r in history.table.texts()]
    assert {"a.csv", "b.csv"} <= set(names)
    row = names.index("b.csv")
    assert history.table.texts()[row][5:12] == ["6", "2", "1", "1", "1", "1", "0"]  # counts
    live = case_db.execute("SELECT count(*) FROM cases WHERE deleted = 0").fetchone()[0]
    assert f"{live - 5} → {live}" in history.table.item(row, 2).toolTip()  # totals


def test_importing_again_changes_nothing(wizard, files, case_db, ctx, qtbot):
    case_exchange.import_cases(case_db, [str(f) for f in files])
    _to_preview(wizard, files)
    total = wizard.preview_page.view.counts.texts()[-1]
    assert [int(v) for v in total[2:4]] == [0, 0]  # no new, no updated


def test_cancel_during_apply_writes_nothing(wizard, files, case_db, monkeypatch):
    from mediator_app.services.exchange import case_merge

    monkeypatch.setattr(case_merge, "CHUNK_ROWS", 1)  # report progress after every row
    _to_preview(wizard, files)
    before = dump(case_db)
    reports: list[tuple[int, int]] = []

    def cancel_on_first_report(job) -> None:
        def report(done: int, total: int) -> None:
            reports.append((done, total))
            job.dialog.findChild(QPushButton).click()  # Cancel in the progress dialog
        job.progressed.connect(report)

    wizard.jobStarted.connect(cancel_on_first_report)
    wizard.next()
    page = wizard.apply_page
    assert reports, "the import never reported progress"
    assert not page.succeeded and page.retry.isVisible()
    assert "nothing was written" in page.status.text().lower() or "没有写入" in page.status.text()
    assert dump(case_db) == before


def test_dry_run_service_raises_like_the_wizard_shows(case_db, tmp_path):
    """The wizard reads problems from CsvImportError; make sure that is still the way
    the service reports them (else the preview would show an exception)."""
    bad = write_cases(tmp_path / "bad.csv", [_row(1, received_on="x")])
    before = dump(case_db)
    with pytest.raises(CsvImportError) as info:
        case_exchange.import_cases(case_db, [str(bad)], dry_run=True)
    problems = [(p.code, p.line, p.field) for p in info.value.problems]
    assert problems == [("date.invalid", 2, "received_on")]
    # the preview's counts come from the result the error carries
    assert [f.errors for f in info.value.result.files] == [1]
    assert dump(case_db) == before


def test_a_package_from_the_export_dialog_previews_as_unchanged(wizard, ctx, case_db,
                                                                  tmp_path):
    from mediator_app.ui.exchange import ExportDialog

    export = ExportDialog(ctx, scope_code="610114001")
    export.format.setCurrentIndex(0)  # exchange package
    export.path.setText(str(tmp_path / "east.zip"))
    export.export()
    _to_preview(wizard, [tmp_path / "east.zip"])
    rows = wizard.preview_page.view.counts.texts()
    stored = case_db.execute(
        "SELECT count(*) FROM cases c JOIN org_closure oc ON oc.descendant = c.org_code "
        "WHERE oc.ancestor = '610114001'").fetchone()[0]
    assert rows[0][0] == "east.zip"
    assert rows[0][1:5] == [str(stored), "0", "0", str(stored)]  # rows, new, updated, same
    assert _apply_enabled(wizard)


def test_preview_and_apply_through_the_db_worker_thread(tmp_path, qtbot):
    """With the real worker thread: results and progress arrive on the UI thread."""
    from mediator_app.storage.db import open_database
    from mediator_app.ui.context import AppContext
    from mediator_app.ui.tasks import ThreadedRunner
    from tests.gui.conftest import FakeDialogs, build_db

    path = str(tmp_path / "ledger.db")
    opened = open_database(path)
    build_db(opened.db)
    opened.close()
    runner = ThreadedRunner(path)
    read = open_database(path, readonly=True, check_same_thread=False)
    ctx = AppContext(runner=runner, read_db=read.db, dialogs=FakeDialogs(), db_path=path)
    try:
        wizard = ImportWizard(ctx)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.add_files([str(write_cases(tmp_path / "t.csv", [_row(n) for n in range(1, 8)]))])
        wizard.next()
        qtbot.waitUntil(lambda: wizard.preview_page.outcome is not None, timeout=10000)
        assert wizard.preview_page.view.counts.texts()[0][2] == "7"
        with qtbot.waitSignal(wizard.imported, timeout=10000):
            wizard.next()
        qtbot.waitUntil(wizard.apply_page.isComplete, timeout=10000)
        assert read.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 57
    finally:
        runner.shutdown()
        read.close()
