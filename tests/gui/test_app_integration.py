"""The real threaded runner on a real file: the window fills itself from the worker."""

from __future__ import annotations

import pytest

from mediator_app.storage.db import open_database
from mediator_app.ui.app import build_main_window
from mediator_app.ui.context import AppContext
from mediator_app.ui.tasks import ThreadedRunner
from tests.gui.conftest import FakeDialogs, build_db


@pytest.fixture
def db_file(tmp_path):
    path = str(tmp_path / "ledger.db")
    opened = open_database(path)
    build_db(opened.db)
    opened.close()
    return path


def _context(path: str, readonly: bool = False) -> AppContext:
    runner = ThreadedRunner(path, readonly=readonly)
    read = open_database(path, readonly=True, check_same_thread=False)
    return AppContext(runner=runner, read_db=read.db, dialogs=FakeDialogs(), db_path=path,
                      readonly=readonly)


def test_window_loads_through_the_worker(db_file, qtbot):
    ctx = _context(db_file)
    try:
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.cases.countsReady, timeout=10000) as counts:
            pass
        assert counts.args[0].total == 50
        assert window.cases.model.rowCount() == 50
        qtbot.waitUntil(lambda: window.dashboard.data is not None, timeout=10000)
        assert window.cases.model.data(window.cases.model.index(0, 0))
    finally:
        ctx.runner.shutdown()


def test_read_only_context_disables_new_case(db_file, qtbot):
    ctx = _context(db_file, readonly=True)
    try:
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        assert not window.actions_["new_case"].isEnabled()
        qtbot.waitUntil(lambda: window.cases.model.rowCount() == 50, timeout=10000)
    finally:
        ctx.runner.shutdown()
