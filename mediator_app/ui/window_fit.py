"""Keeping windows on the screen: the first-start size, clamping a rectangle to the
available screen area, whether a saved position can still be reached, and recomputing a
main window's minimum size after the text size changed."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLayout, QMainWindow, QWidget

FIRST_START_SHARE = 0.9  # of the available screen, centred
TITLE_GRIP = QSize(120, 20)  # this much of the title bar must lie on a screen


def default_window_rect(available: QRect, share: float = FIRST_START_SHARE) -> QRect:
    """``share`` of the available screen area, centred on it."""
    size = QSize(int(available.width() * share), int(available.height() * share))
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(available.center())
    return rect


def fit_rect(rect: QRect, available: QRect) -> QRect:
    """``rect`` made no larger than ``available`` and moved inside it."""
    out = QRect(rect.topLeft(), rect.size().boundedTo(available.size()))
    out.moveLeft(min(max(out.left(), available.left()), available.right() - out.width() + 1))
    out.moveTop(min(max(out.top(), available.top()), available.bottom() - out.height() + 1))
    return out


def reachable(frame: QRect, screens: list[QRect]) -> bool:
    """Whether the window's title bar lies (enough to grab it) on one of ``screens``."""
    title = QRect(frame.left(), frame.top(), frame.width(), TITLE_GRIP.height() * 2)
    for available in screens:
        part = title.intersected(available)
        if part.width() >= min(TITLE_GRIP.width(), frame.width()) \
                and part.height() >= TITLE_GRIP.height():
            return True
    return False


def available_rects() -> list[QRect]:
    return [s.availableGeometry() for s in QGuiApplication.screens()]


def refresh_minimum_size(window: QMainWindow, pages: list[QWidget]) -> None:
    """Recompute ``window``'s minimum size now. Pages hidden behind a tab do not report
    their new size after a font change by themselves, so their layouts are invalidated."""
    for page in pages:
        for layout in page.findChildren(QLayout):
            layout.invalidate()
            owner = layout.parentWidget()
            if owner is not None:
                owner.updateGeometry()  # drops the size its parent layout cached
        page.updateGeometry()
    central = window.centralWidget()
    if central is not None:
        central.updateGeometry()
    own = window.layout()
    if own is not None:
        own.invalidate()
        own.activate()


def fit_to_screen(window: QMainWindow, pages: list[QWidget]) -> None:
    """Fresh minimum size, then the window (with its frame) kept within its screen."""
    refresh_minimum_size(window, pages)
    screen = window.screen()
    if window.isMaximized() or window.isFullScreen() or screen is None:
        return
    frame, inner = window.frameGeometry(), window.geometry()
    fitted = fit_rect(frame, screen.availableGeometry())
    if fitted != frame:
        window.resize(fitted.size() - (frame.size() - inner.size()))
        window.move(fitted.topLeft())
