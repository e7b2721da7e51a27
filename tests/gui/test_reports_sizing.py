"""Issue 12 item 1: at every text size the statistics window's tables show every header
and cell in full (columns and rows sized to their content), and the headline grows with
the body text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView

from mediator_app.ui import prefs
from mediator_app.ui.context import AppContext
from mediator_app.ui.reports import ReportsWindow
from mediator_app.ui.tasks import SyncRunner
from tests.gui.helpers_reports import DISTRICT, EAST, build_report_db
from tests.gui.test_reports_window import MAY


@pytest.fixture
def rctx(dialogs, qapp) -> AppContext:
    from mediator_app.storage.db import open_memory

    db = open_memory()
    build_report_db(db)
    return AppContext(runner=SyncRunner(db), read_db=db, dialogs=dialogs, lang="zh",
                      user="tester")


@pytest.fixture(autouse=True)
def zh_ui(qapp):
    from mediator_app.ui.i18n import install_translators

    translators = install_translators(qapp, "zh")
    yield
    for t in translators:
        qapp.removeTranslator(t)


@pytest.fixture
def base_font(qapp):
    from PySide6.QtGui import QFont

    font = QFont(qapp.font())
    yield font
    qapp.setFont(font)
    qapp.setProperty("_mediator_base_point_size", None)


def _lines_size(metrics: QFontMetrics, text: str) -> tuple[int, int]:
    lines = str(text).split("\n")
    return (max(metrics.horizontalAdvance(line) for line in lines),
            len(lines) * metrics.height())


def elided(view: QTableView) -> list[str]:
    """Every header or cell whose text is wider or taller than the space it is given
    (text width + the item margins of the style vs the column's width)."""
    model, header = view.model(), view.horizontalHeader()
    out: list[str] = []
    margin = 2 * (view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin,
                                           None, view) + 1)
    for col in range(model.columnCount()):
        if view.isColumnHidden(col):
            continue
        text = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        need = header.sectionSizeFromContents(col)  # the text's size + the style's margins
        if need.width() > header.sectionSize(col) or need.height() > header.height():
            out.append(f"header {col} {text!r}: needs {need.width()}x{need.height()}, "
                       f"has {header.sectionSize(col)}x{header.height()}")
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            text = str(index.data() or "")
            if not text:
                continue
            font = index.data(Qt.ItemDataRole.FontRole) or view.font()
            width, height = _lines_size(QFontMetrics(font), text)
            if width + margin > view.columnWidth(col) or height > view.rowHeight(row):
                out.append(f"cell {row},{col} {text!r}: needs {width + margin}x{height}, "
                           f"has {view.columnWidth(col)}x{view.rowHeight(row)}")
    return out


def _all_elided(w: ReportsWindow) -> list[str]:
    out = []
    for i, view in enumerate([*w.views, w.submission.units]):
        w.tabs.setCurrentIndex(i)
        out += [f"tab {i}: {e}" for e in elided(view)]
    return out


@pytest.mark.parametrize("scale", prefs.TEXT_SCALES)
def test_nothing_is_elided_when_opened_at_each_text_size(rctx, qtbot, qapp, base_font, scale):
    prefs.apply_text_scale(qapp, scale)
    w = ReportsWindow(rctx, DISTRICT)
    qtbot.addWidget(w)
    w.set_period(MAY)
    w.review()  # the 审核上报 table has rows (version, by, at)
    w.show()
    qtbot.waitExposed(w)
    assert _all_elided(w) == []


def test_nothing_is_elided_after_the_text_size_changes(rctx, qtbot, qapp, base_font):
    w = ReportsWindow(rctx, DISTRICT)
    qtbot.addWidget(w)
    w.set_period(MAY)
    w.set_scope(EAST)
    w.review()
    w.show()
    qtbot.waitExposed(w)
    for scale in (max(prefs.TEXT_SCALES), 1.0, max(prefs.TEXT_SCALES)):
        prefs.apply_text_scale(qapp, scale)
        qtbot.wait(20)
        assert _all_elided(w) == [], scale


@pytest.mark.parametrize("scale", prefs.TEXT_SCALES)
def test_the_headline_grows_with_the_body_text(rctx, qtbot, qapp, base_font, scale):
    w = ReportsWindow(rctx, DISTRICT)
    qtbot.addWidget(w)
    w.set_period(MAY)
    prefs.apply_text_scale(qapp, scale)
    qapp.processEvents()
    body = w.views[0].font().pointSizeF()
    assert body == pytest.approx(base_font.pointSizeF() * scale)
    assert w.headline.font().pointSizeF() == pytest.approx(body * 1.3)
