"""Main window size and position: larger text never pushes the window beyond the screen,
the minimum size comes back after the text is made normal again, headings follow the
application font, and the geometry is remembered but never restored off-screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from mediator_app.ui import prefs, window_fit
from mediator_app.ui.app import build_main_window
from mediator_app.ui.main_window import TAB_CASES, TAB_OVERVIEW

LAPTOP_WIDTH = 1366  # the narrowest screen the district's computers have


@pytest.fixture
def app():
    app = QApplication.instance()
    yield app
    prefs.apply_text_scale(app, 1.0)
    prefs.set_text_scale(1.0)


@pytest.fixture
def window(ctx, qtbot, app):
    w = build_main_window(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _set_text_size(window, qtbot, scale: float) -> None:
    """What the settings dialog does on OK."""
    prefs.set_text_scale(scale)
    window.settings_applied({})
    qtbot.wait(20)  # the font-change events and the queued fit


def _min_width(window) -> int:
    window.refresh_minimum_size()
    return window.minimumSizeHint().width()


def test_largest_text_keeps_the_minimum_width_on_a_laptop_screen(window, qtbot):
    window.tabs.setCurrentIndex(TAB_CASES)
    normal = _min_width(window)
    _set_text_size(window, qtbot, max(prefs.TEXT_SCALES))
    largest = window.minimumSizeHint().width()
    assert largest <= LAPTOP_WIDTH
    assert largest <= window.screen().availableGeometry().width()
    assert window.cases.filters.minimumSizeHint().width() < LAPTOP_WIDTH // 2
    # back to normal while the case list is hidden behind the overview tab
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    _set_text_size(window, qtbot, 1.0)
    assert window.minimumSizeHint().width() == pytest.approx(normal, rel=0.1)
    assert window.minimumWidth() <= normal * 1.1


def test_window_stays_on_the_screen_after_a_text_size_change(window, qtbot):
    available = window.screen().availableGeometry()
    window.resize(available.width() - 40, available.height() - 60)
    window.move(available.left() + 30, available.top() + 40)
    qtbot.wait(20)
    _set_text_size(window, qtbot, max(prefs.TEXT_SCALES))
    frame = window.frameGeometry()
    assert available.contains(frame), (frame, available)
    assert window.width() <= available.width()


def test_overview_heading_follows_the_application_font(window, qtbot, app):
    title = window.dashboard.title
    window.tabs.setCurrentIndex(TAB_CASES)  # the overview is hidden during the change
    for scale in (max(prefs.TEXT_SCALES), 1.0, 1.25):
        _set_text_size(window, qtbot, scale)
        assert title.font().pointSizeF() == pytest.approx(app.font().pointSizeF() * 1.3)
        assert title.font().pointSizeF() > app.font().pointSizeF()
        assert title.font().bold()
        value = window.dashboard.year_box.values["rate"]
        assert value.font().pointSizeF() == pytest.approx(app.font().pointSizeF() * 1.4)


def test_first_start_uses_most_of_the_screen_centred(window):
    available = window.screen().availableGeometry()
    geometry = window.geometry()
    assert geometry.width() <= available.width() * 0.9 + 1
    assert geometry.width() >= available.width() * 0.8
    assert abs(geometry.center().x() - available.center().x()) <= 2


def test_geometry_is_remembered(ctx, qtbot, window):
    available = window.screen().availableGeometry()
    window.setGeometry(available.left() + 10, available.top() + 30, 620, 450)
    qtbot.wait(20)
    assert window.close()
    again = build_main_window(ctx)
    qtbot.addWidget(again)
    assert again.size() == window.size()


def test_a_geometry_off_the_screens_is_not_restored(ctx, qtbot, window):
    available = window.screen().availableGeometry()
    window.move(available.right() + 3000, available.bottom() + 3000)
    prefs.save_window_geometry(window)
    again = build_main_window(ctx)
    qtbot.addWidget(again)
    assert window_fit.reachable(again.geometry(), window_fit.available_rects())
    assert available.intersects(again.geometry())


@pytest.mark.parametrize("rect,expected", [
    (QRect(100, 100, 500, 400), QRect(100, 100, 500, 400)),
    (QRect(1200, 100, 500, 400), QRect(900, 100, 500, 400)),
    (QRect(-300, -50, 2000, 1200), QRect(0, 0, 1400, 900)),
])
def test_fit_rect(rect, expected):
    assert window_fit.fit_rect(rect, QRect(0, 0, 1400, 900)) == expected


def test_reachable_needs_the_title_bar_on_a_screen():
    screens = [QRect(0, 0, 1400, 900)]
    assert window_fit.reachable(QRect(1250, 100, 800, 600), screens)
    assert not window_fit.reachable(QRect(1390, 100, 800, 600), screens)
    assert not window_fit.reachable(QRect(100, 895, 800, 600), screens)
    assert not window_fit.reachable(QRect(5000, 100, 800, 600), screens)
