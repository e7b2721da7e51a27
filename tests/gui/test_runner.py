"""The window layer's one runner (ui/tasks.py): writes announce what they changed in one
``changed`` signal, each view refreshes only what it shows, and files are rendered on a
render thread so that a save never waits behind a long export."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from mediator_app.domain.enums import PersonRole
from mediator_app.domain.model import Person
from mediator_app.domain.progress import Cancelled
from mediator_app.services.cases.edit import save_case
from mediator_app.services.cases.view_export import write_export
from mediator_app.services.changes import Changes
from mediator_app.services.organisation.edit import save_committee, save_person
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_database
from mediator_app.storage.org_repo import OrgRepository
from mediator_app.ui.context import AppContext
from mediator_app.ui.tasks import ProgressJob, SyncRunner, ThreadedRunner
from tests.gui.conftest import FakeDialogs, build_db


@pytest.fixture
def ledger(tmp_path) -> tuple[str, list[int]]:
    path = str(tmp_path / "ledger.db")
    opened = open_database(path)
    ids = build_db(opened.db)
    opened.close()
    return path, ids


@pytest.fixture
def threaded(ledger, qapp):
    runner = ThreadedRunner(ledger[0])
    yield runner
    runner.shutdown()


def _edited(db, rowid: int, summary: str):
    return dataclasses.replace(CaseRepository(db).get(rowid), summary=summary)


def test_a_save_is_not_delayed_by_a_render_in_progress(ledger, threaded, qtbot, tmp_path):
    """The export writes on a render thread and reads each chunk on the database
    worker: a save queued while the export is busy writing is done at once."""
    _path, ids = ledger
    writing, release = threading.Event(), threading.Event()

    def slow_values(row) -> list[str]:  # e.g. reportlab laying out a long table
        writing.set()
        assert release.wait(20)
        return [row.case_no]

    exported, saved, announced = [], [], []
    threaded.changed.connect(announced.append)
    target = tmp_path / "cases.csv"
    threaded.render(lambda read: write_export(read, ids, str(target), "csv", ["案号"],
                                              slow_values), exported.append)
    assert writing.wait(10)
    threaded.op(lambda db: save_case(db, _edited(db, ids[0], "邻里漏水，已协商")),
                saved.append)
    try:
        qtbot.waitUntil(lambda: bool(saved), timeout=5000)
        assert not exported  # the export is still writing its first row
    finally:
        release.set()
    qtbot.waitUntil(lambda: bool(exported), timeout=10000)
    assert exported == [len(ids)] and target.read_text("utf-8-sig").count("\n") == len(ids) + 1
    assert saved[0].summary == "邻里漏水，已协商"
    assert announced == [Changes(case_rowids=(ids[0],))]


def test_render_errors_are_shown_and_reads_see_the_worker_database(threaded, qtbot):
    shown = []
    threaded.show_error = shown.append
    counts = []
    threaded.render(lambda read: read(lambda db: db["cases"].count), counts.append)
    threaded.render(lambda read: read(lambda db: db.execute("select nope from cases")))
    qtbot.waitUntil(lambda: bool(counts) and bool(shown), timeout=5000)
    assert counts == [50] and "nope" in str(shown[0])


def test_a_cancelled_render_job_leaves_no_file(ledger, qtbot, tmp_path, qapp):
    path, ids = ledger
    read_db = open_database(path, readonly=True, check_same_thread=False)
    runner = ThreadedRunner(path)
    ctx = AppContext(runner=runner, read_db=read_db.db, dialogs=FakeDialogs())
    target = tmp_path / "cases.csv"
    try:
        from PySide6.QtWidgets import QWidget

        parent = QWidget()
        qtbot.addWidget(parent)
        job = ProgressJob(ctx, parent, "…", lambda read, progress, cancelled: write_export(
            read, ids, str(target), "csv", ["案号"], lambda row: [row.case_no], progress,
            cancelled), renders=True)
        job.dialog.canceled.emit()  # Cancel pressed before the render thread looked
        with qtbot.waitSignal(job.failed, timeout=10000) as failed:
            job.start()
        assert isinstance(failed.args[0], Cancelled)
        assert not target.exists() and not Path(f"{target}.part").exists()
    finally:
        runner.shutdown()
        read_db.close()


def test_op_announces_what_its_result_says_changed_and_run_announces_nothing(case_db, qapp):
    runner = SyncRunner(case_db)
    announced = []
    runner.changed.connect(announced.append)
    rowid = 1  # the first case of the mini district
    runner.run(lambda db: CaseRepository(db).get(rowid))  # a read: nothing changed
    assert announced == []
    runner.op(lambda db: save_case(db, _edited(db, rowid, "改过")))
    committee = OrgRepository(case_db).committees()[0]
    runner.op(lambda db: save_committee(db, dataclasses.replace(committee, phone="12345")))
    person = Person("新调解员", PersonRole.MEDIATOR, committee_code=committee.code)
    runner.op(lambda db: save_person(db, person))  # people are organisation data too
    assert announced == [Changes(case_rowids=(rowid,)), Changes(org=True), Changes(org=True)]


def test_each_view_refreshes_only_what_it_shows(ctx, qtbot):
    from mediator_app.ui.app import build_main_window

    window = build_main_window(ctx)
    qtbot.addWidget(window)
    calls: list[str] = []
    window.nav.reload = lambda: calls.append("tree")
    window.cases.refresh = lambda: calls.append("list labels and rows")
    window.cases.reload = lambda: calls.append("list rows")
    window.dashboard.reload = lambda: calls.append("overview")
    rowid = 1
    ctx.runner.op(lambda db: save_case(db, _edited(db, rowid, "改过")))
    assert calls == ["list rows", "overview"]
    calls.clear()
    ctx.runner.changed.emit(Changes(accounts=True))  # no view of the main window shows them
    assert calls == []
    ctx.runner.changed.emit(Changes(org=True))
    assert calls == ["tree", "list labels and rows", "overview"]
