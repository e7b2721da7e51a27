"""Case list: filters, search as you type, SQL sorting, the model contract, paging."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from mediator_app.domain.enums import CaseStatus
from mediator_app.storage import case_query as cq
from mediator_app.ui import case_model
from mediator_app.ui.case_list import CaseListView
from mediator_app.ui.case_model import COLUMN_INDEX
from mediator_app.ui.labels import status_label


@pytest.fixture
def view(ctx, qtbot):
    v = CaseListView(ctx)
    qtbot.addWidget(v)
    v.reload()
    return v


def _sql_ids(db, where: str = "1", params: list | None = None, order: str = "id") -> list[int]:
    return [r[0] for r in db.execute(
        f"SELECT id FROM cases WHERE deleted = 0 AND {where} ORDER BY {order}",
        params or []).fetchall()]


def type_chinese(widget, text: str) -> None:
    """Type as an input method does (keyClicks aborts on non-Latin-1 text)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_model_passes_qtmodeltester(view, qtmodeltester):
    qtmodeltester.check(view.model)


def test_status_filter(view, case_db):
    combo = view.filters.status
    combo.setCurrentIndex(combo.findData("调解中"))
    assert set(view.model.ids()) == set(_sql_ids(case_db, "status = '调解中'"))


def test_type_source_committee_filters_combine(view, case_db):
    f = view.filters
    f.dispute_type.setCurrentIndex(f.dispute_type.findData("01"))
    f.source.setCurrentIndex(f.source.findData("2"))
    expected = set(_sql_ids(case_db, "dispute_type = '01' AND source = '2'"))
    assert set(view.model.ids()) == expected
    f.committee.setCurrentIndex(f.committee.findData("C001"))
    expected = set(_sql_ids(case_db, "dispute_type = '01' AND source = '2' "
                                     "AND committee_code = 'C001'"))
    assert set(view.model.ids()) == expected


def test_date_range_filter(view, case_db):
    start = date.today() - timedelta(days=100)
    end = date.today() - timedelta(days=10)
    view.filters.date_from.setDate(QDate(start.year, start.month, start.day))
    view.filters.date_to.setDate(QDate(end.year, end.month, end.day))
    expected = _sql_ids(case_db, "received_on BETWEEN ? AND ?",
                        [start.isoformat(), end.isoformat()])
    assert expected and set(view.model.ids()) == set(expected)


def test_overdue_filter(view, case_db):
    view.filters.overdue.setChecked(True)
    limit = (date.today() - timedelta(days=30)).isoformat()
    expected = _sql_ids(case_db, "status = '调解中' AND accepted_on < ?", [limit])
    assert expected and set(view.model.ids()) == set(expected)


def test_followup_due_filter(view, case_db):
    view.filters.followup.setChecked(True)
    latest = (date.today() + timedelta(days=7 - 30)).isoformat()
    expected = _sql_ids(
        case_db, "status = '调解成功' AND closed_on <= ? AND NOT EXISTS (SELECT 1 FROM "
        "follow_ups f WHERE f.case_rowid = cases.id AND f.visited_on >= cases.closed_on)",
        [latest])
    assert expected and set(view.model.ids()) == set(expected)


def test_clear_filters(view, case_db):
    view.filters.overdue.setChecked(True)
    view.filters.clear.click()
    assert len(view.model.ids()) == len(_sql_ids(case_db))


def test_chinese_search_as_you_type_uses_trigram(view, case_db, qtbot):
    type_chinese(view.filters.search, "排水问题")
    qtbot.waitUntil(lambda: view.filters.search.text() == "排水问题")
    with qtbot.waitSignal(view.model.idsComplete, timeout=2000):
        pass  # the debounce timer fires and the list reloads
    expected = _sql_ids(case_db, "summary LIKE '%排水问题%'")
    assert expected and set(view.model.ids()) == set(expected)


@pytest.mark.parametrize("term", ["王", "李伟"])
def test_short_search_falls_back_to_like(view, case_db, term):
    type_chinese(view.filters.search, term)
    view.filters.flush()
    expected = _sql_ids(case_db, "(party_names LIKE ? OR summary LIKE ? OR case_no LIKE ?)",
                        [f"%{term}%"] * 3)
    assert set(view.model.ids()) == set(expected)


def test_search_by_case_number_digits(view, case_db, qtbot):
    type_chinese(view.filters.search, "第12号")
    view.filters.flush()
    expected = _sql_ids(case_db, "case_no LIKE '%第12号%'")
    assert len(expected) == 1 and view.model.ids() == expected


def test_search_stays_within_scope(view, case_db):
    view.set_scope(cq.Scope("committee", "C001"))
    type_chinese(view.filters.search, "编号")
    view.filters.flush()
    assert set(view.model.ids()) == set(_sql_ids(case_db, "committee_code = 'C001'"))


@pytest.mark.parametrize("key,column", [("case_no", "case_no"), ("received_on", "received_on"),
                                        ("status", "status"), ("parties", "party_names")])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sorting_runs_in_sql(view, case_db, key, column, order):
    view.model.sort(COLUMN_INDEX[key], order)
    direction = "DESC" if order == Qt.SortOrder.DescendingOrder else "ASC"
    expected = _sql_ids(case_db, order=f"{column} {direction}, id {direction}")
    assert view.model.ids() == expected


def test_unsortable_column_keeps_order(view):
    before = view.model.ids()
    view.model.sort(COLUMN_INDEX["summary"], Qt.SortOrder.AscendingOrder)
    assert view.model.ids() == before


def test_sort_keys_are_whitelisted(case_db):
    with pytest.raises(ValueError):
        cq.case_ids(case_db, cq.CaseFilter(), sort="received_on; DROP TABLE cases")


def test_party_data_is_masked_and_names_shown(view, case_db):
    row = 0
    rid = view.model.case_id_at(row)
    id_number, phone = case_db.execute(
        "SELECT id_number, phone FROM parties WHERE case_rowid = ? ORDER BY seq LIMIT 1",
        [rid]).fetchone()
    names = case_db.execute("SELECT party_names FROM cases WHERE id = ?", [rid]).fetchone()[0]
    model = view.model
    shown_id = model.data(model.index(row, COLUMN_INDEX["id_number"]))
    shown_phone = model.data(model.index(row, COLUMN_INDEX["phone"]))
    assert shown_id == id_number[:6] + "********" + id_number[-4:]
    assert shown_phone == phone[:3] + "****" + phone[-4:]
    assert model.data(model.index(row, COLUMN_INDEX["parties"])) == names


def test_pages_are_fetched_by_primary_key_and_bounded(ctx, qtbot, monkeypatch):
    from tests.gui.conftest import build_db

    build_db(ctx.read_db, n_cases=700, seed=3, first=1000)
    monkeypatch.setattr(case_model, "MAX_PAGES", 2)
    v = CaseListView(ctx)
    qtbot.addWidget(v)
    v.reload()
    model = v.model
    assert model.rowCount() == 750
    for row in (0, 250, 450, 700, 749, 0):  # pages 0 1 2 3 3(cached) 0(evicted)
        assert model.data(model.index(row, 0)) is not None
    assert model.cached_pages() <= 2
    assert model.page_fetches == 5


def test_first_rows_then_full_list(ctx, qtbot, monkeypatch):
    from tests.gui.conftest import build_db

    build_db(ctx.read_db, n_cases=500, seed=4, first=1000)
    shown: list[int] = []
    v = CaseListView(ctx)
    qtbot.addWidget(v)
    v.model.firstRowsShown.connect(shown.append)
    v.reload()
    assert shown == [case_model.FIRST_IDS]
    assert v.model.rowCount() == 550 and v.model.complete


def test_stale_queued_jobs_are_skipped(ctx, qtbot):
    """A query superseded before the worker reaches it does not run."""
    from mediator_app.ui.tasks import TaskRunner

    class QueueRunner(TaskRunner):
        def __init__(self, db):
            super().__init__()
            self.db, self.jobs, self.ran = db, [], 0

        def run(self, job, on_done=None, on_error=None):
            self.jobs.append((job, on_done))

        def drain(self, limit: int = 1000):
            while self.jobs and limit:
                limit -= 1
                job, done = self.jobs.pop(0)
                result = job(self.db)
                self.ran += result is not None
                if done:
                    done(result)

    runner = QueueRunner(ctx.read_db)
    ctx.runner = runner
    v = CaseListView(ctx)
    qtbot.addWidget(v)
    counts: list = []
    v.countsReady.connect(counts.append)
    v.reload()
    runner.drain(limit=1)  # first ids (all 50: complete) -> the counts job is queued
    assert runner.ran == 1 and len(runner.jobs) == 1
    v.filters.status.setCurrentIndex(v.filters.status.findData("调解中"))  # newer query
    runner.drain()
    assert runner.ran == 3  # old counts skipped; new first ids and new counts ran
    assert len(counts) == 1 and counts[0].total == counts[0].in_mediation


def test_columns_are_at_least_as_wide_as_their_headers_and_statuses(view):
    table = view.table
    hh = table.horizontalHeader()
    fm = table.fontMetrics()
    for i in range(len(case_model.COLUMNS) - 1):  # the last one stretches
        header = view.model.headerData(i, Qt.Orientation.Horizontal)
        assert table.columnWidth(i) >= fm.horizontalAdvance(header) + 8, header
        assert table.columnWidth(i) >= hh.sectionSizeHint(i)
    status = COLUMN_INDEX["status"]
    for s in CaseStatus:
        assert table.columnWidth(status) > fm.horizontalAdvance(status_label(s.value))


def test_filters_wrap_instead_of_widening_the_window(view, qtbot):
    bar = view.filters
    view.resize(1400, 600)
    view.show()
    qtbot.waitExposed(view)
    wide_height = bar.height()
    one_row = bar.flow.heightForWidth(1400)
    assert bar.flow.heightForWidth(300) > one_row  # several rows when narrow
    assert bar.minimumSizeHint().width() < 600
    view.resize(bar.minimumSizeHint().width() + 20, 600)
    qtbot.waitUntil(lambda: bar.height() > wide_height, timeout=2000)
    for widget in (bar.status, bar.committee, bar.date_to, bar.clear):
        right = widget.mapTo(bar, widget.rect().topRight()).x()
        assert right <= bar.width(), widget
