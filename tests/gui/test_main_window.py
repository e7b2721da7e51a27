"""Main window: navigation scope, status bar counts, actions and shortcuts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from mediator_app.storage import case_query as cq
from mediator_app.ui.app import build_main_window
from tests.gui.conftest import COMMITTEES, EAST, GRID1, VILLAGE1, VILLAGE3


@pytest.fixture
def window(ctx, qtbot):
    w = build_main_window(ctx)
    qtbot.addWidget(w)
    return w


def _ids_under(db, code: str) -> set[int]:
    rows = db.execute(
        "SELECT id FROM cases WHERE deleted = 0 AND org_code IN "
        "(SELECT descendant FROM org_closure WHERE ancestor = ?)", [code]).fetchall()
    return {r[0] for r in rows}


@pytest.mark.parametrize("code", [EAST, VILLAGE1, GRID1])
def test_choosing_an_org_node_lists_exactly_the_cases_beneath_it(window, case_db, code):
    assert window.nav.select_scope(cq.Scope("org", code))
    expected = _ids_under(case_db, code)
    assert expected, "fixture should place cases under every tested node"
    assert set(window.cases.model.ids()) == expected
    assert window.cases.model.rowCount() == len(expected)


def test_choosing_a_committee_lists_its_cases(window, case_db):
    code = COMMITTEES[2].code
    window.nav.select_scope(cq.Scope("committee", code))
    expected = {r[0] for r in case_db.execute(
        "SELECT id FROM cases WHERE committee_code = ?", [code]).fetchall()}
    assert set(window.cases.model.ids()) == expected


def test_root_shows_every_case(window, case_db):
    total = case_db.execute("SELECT count(*) FROM cases").fetchone()[0]
    assert window.cases.model.rowCount() == total


def test_status_bar_counts_match_sql(window, case_db):
    window.nav.select_scope(cq.Scope("org", EAST))
    limit = (date.today() - timedelta(days=30)).isoformat()
    where = ("deleted = 0 AND org_code IN (SELECT descendant FROM org_closure "
             "WHERE ancestor = ?)")
    total, mediating, resolved, overdue = (case_db.execute(
        f"SELECT count(*) FROM cases WHERE {where} {extra}", [EAST, *params]).fetchone()[0]
        for extra, params in (("", []), ("AND status = '调解中'", []),
                              ("AND status = '调解成功'", []),
                              ("AND status = '调解中' AND accepted_on < ?", [limit])))
    text = window.counts_label.text()
    for number in (total, mediating, resolved, overdue):
        assert str(number) in text
    assert text.startswith(f"{total} ")
    assert overdue > 0


def test_shortcuts_are_bound(window):
    a = window.actions_
    assert a["new_case"].shortcut().toString() == "Ctrl+N"
    assert a["find"].shortcut().toString() == "Ctrl+F"
    assert a["refresh"].shortcut().toString() == "F5"


def test_find_focuses_the_search_box_on_the_case_tab(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.actions_["find"].trigger()
    assert window.tabs.currentWidget() is window.cases
    assert window.focusWidget() is window.cases.filters.search


def test_refresh_picks_up_new_cases(window, case_db):
    before = window.cases.model.rowCount()
    case_db.execute("UPDATE cases SET deleted = 1 WHERE id IN (SELECT id FROM cases LIMIT 3)")
    window.actions_["refresh"].trigger()
    assert window.cases.model.rowCount() == before - 3


def test_a_broken_case_form_is_not_hidden_as_missing(window, monkeypatch):
    """An error inside a window reaches the caller instead of a "not available" note."""
    from mediator_app.ui import case_form

    def broken(*_a, **_kw):
        raise AttributeError("a bug in the case form")

    monkeypatch.setattr(case_form, "CaseFormWindow", broken)
    with pytest.raises(AttributeError, match="a bug"):
        window.new_case()


def test_enter_opens_the_selected_case(window, qtbot, monkeypatch):
    opened: list[int] = []
    monkeypatch.setattr(window, "open_case", opened.append)
    window.cases.openCase.disconnect()
    window.cases.openCase.connect(window.open_case)
    window.show()
    window.tabs.setCurrentIndex(1)
    table = window.cases.table
    table.setFocus()
    table.setCurrentIndex(window.cases.model.index(2, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened == [window.cases.model.case_id_at(2)]


@pytest.mark.parametrize("scope,expected", [
    (cq.Scope("committee", "C004"), {"committee_code": "C004"}),
    (cq.Scope("org", GRID1), {"grid_code": GRID1, "committee_code": "C001"}),
    (cq.Scope("org", VILLAGE1), {"committee_code": "C001"}),
    (cq.Scope("org", EAST), {"committee_code": "C002"}),  # the street's own committee
    (cq.Scope("org", VILLAGE3), {}),  # no committee there
])
def test_new_case_gets_defaults_from_the_selected_node(window, monkeypatch, scope, expected):
    from mediator_app.ui import case_form

    made: list[tuple] = []

    class FakeForm:
        def __init__(self, ctx, rowid, *, defaults=None):
            made.append((rowid, defaults))
            from PySide6.QtCore import QObject, Signal

            class _S(QObject):
                saved = Signal(int)
                destroyed_ = Signal()
            self._s = _S()
            self.saved = self._s.saved
            self.destroyed = self._s.destroyed

        def setAttribute(self, *_a):
            pass

        def show(self):
            pass

        def close(self):
            return True

    monkeypatch.setattr(case_form, "CaseFormWindow", FakeForm)
    window.nav.select_scope(scope)
    window.actions_["new_case"].trigger()
    assert made == [(None, expected)]


def test_real_case_form_opens_and_saving_refreshes(window, qtbot):
    window.open_case(window.cases.model.case_id_at(0))
    assert len(window.windows) == 1
    form = window.windows[0]
    qtbot.addWidget(form)
    before = window.cases.model.page_fetches
    form.saved.emit(window.cases.model.case_id_at(0))
    window.cases.model.data(window.cases.model.index(0, 0))
    assert window.cases.model.page_fetches > before


def test_opening_an_open_case_brings_its_editor_to_the_front(window, ctx, qtbot, tmp_path):
    ctx.extra["drafts_dir"] = str(tmp_path / "drafts")
    first, second = (window.cases.model.case_id_at(i) for i in (0, 1))
    window.open_case(first)
    editor = window.case_window(first)
    assert editor is not None and editor.rowid == first
    qtbot.addWidget(editor)
    editor.showMinimized()
    window.open_case(first)
    assert window.windows == [editor]  # no second editor of the same case
    assert not editor.isMinimized()
    window.open_case(second)
    assert len(window.windows) == 2 and window.case_window(second) is not editor
    qtbot.addWidget(window.case_window(second))


def test_a_new_case_once_saved_is_not_opened_twice(window, ctx, qtbot, tmp_path):
    from tests.gui.helpers_form import fill_minimal

    ctx.extra["drafts_dir"] = str(tmp_path / "drafts")
    window.new_case()
    (editor,) = window.windows
    qtbot.addWidget(editor)
    fill_minimal(editor, committee="C001")  # the case_db district's village committee
    editor.save()
    assert editor.rowid is not None
    window.open_case(editor.rowid)
    assert window.windows == [editor]


def test_counts_show_a_lower_bound_until_the_exact_figures_arrive(window, ctx):
    """Issue 13: while the full id list and the counts are read in the background (seconds
    at 1M cases), the status bar says "≥ N" for the rows already shown, then the exact
    total, then the counts; never a bare 'counting'."""
    from mediator_app.ui import case_model
    from mediator_app.ui.tasks import TaskRunner
    from tests.gui.conftest import build_db

    build_db(ctx.read_db, n_cases=500, seed=4, first=1000)
    total = ctx.read_db.execute("SELECT count(*) FROM cases WHERE deleted = 0").fetchone()[0]
    assert total > case_model.FIRST_IDS

    class QueueRunner(TaskRunner):
        def __init__(self, db):
            super().__init__()
            self.db, self.jobs = db, []

        def run(self, job, on_done=None, on_error=None):
            self.jobs.append((job, on_done))

        def step(self):
            job, done = self.jobs.pop(0)
            result = job(self.db)
            if done:
                done(result)

    ctx.runner = QueueRunner(ctx.read_db)
    label = window.counts_label
    window.cases.reload()
    ctx.runner.step()  # the first ids
    assert label.text().startswith(f"≥ {case_model.FIRST_IDS} "), label.text()
    ctx.runner.step()  # the whole id list
    assert label.text() == f"{total} cases · counting…"
    ctx.runner.step()  # the counts
    assert label.text().startswith(f"{total} cases · "), label.text()
    assert "in mediation" in label.text()
    assert not ctx.runner.jobs
