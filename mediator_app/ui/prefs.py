"""UI-only preferences kept in QSettings("MediatorLedger", "MediatorLedger"):
language, text size and the main window's geometry (kept on a current screen).
Database-wide settings live in the database (SettingsRepository).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from mediator_app.locations import settings_file
from mediator_app.ui.window_fit import available_rects, default_window_rect, fit_rect, reachable

ORG = APP = "MediatorLedger"
ENV_INI = "MEDIATOR_APP_QSETTINGS"  # tests: an .ini file used instead of the user's
LANGUAGES = ("zh", "en")
TEXT_SCALES = (1.0, 1.25, 1.5)
_BASE_POINT_SIZE = "_mediator_base_point_size"


def qsettings() -> QSettings:
    path = os.environ.get(ENV_INI)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)

    portable = settings_file()  # portable mode: data\settings.ini beside the program
    if portable is not None:
        return QSettings(str(portable), QSettings.Format.IniFormat)
    return QSettings(ORG, APP)


def language(explicit: str | None = None) -> str:
    """``--lang`` wins, then the saved preference, then Chinese."""
    if explicit:
        return "en" if explicit.lower().startswith("en") else "zh"
    saved = str(qsettings().value("ui/language", "zh") or "zh")
    return saved if saved in LANGUAGES else "zh"


def set_language(lang: str) -> None:
    qsettings().setValue("ui/language", lang if lang in LANGUAGES else "zh")


def text_scale() -> float:
    try:
        value = float(str(qsettings().value("ui/text_scale", 1.0)))
    except (TypeError, ValueError):
        return 1.0
    return value if value in TEXT_SCALES else 1.0


def set_text_scale(scale: float) -> None:
    qsettings().setValue("ui/text_scale", scale if scale in TEXT_SCALES else 1.0)


def apply_text_scale(app: QApplication, scale: float | None = None) -> None:
    """Scale the application font (every widget without its own font follows)."""
    base = app.property(_BASE_POINT_SIZE)
    if not base:
        base = app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10.0
        app.setProperty(_BASE_POINT_SIZE, base)
    font = QFont(app.font())
    font.setPointSizeF(float(base) * (text_scale() if scale is None else scale))
    app.setFont(font)


# ---- main-window geometry ------------------------------------------------------------
GEOMETRY_KEY = "ui/main_window_geometry"


def restore_window_geometry(window: QWidget) -> bool:
    """Restore the saved geometry when it lies on a current screen (clamped to it);
    otherwise most of the primary screen, centred. True when restored."""
    saved = qsettings().value(GEOMETRY_KEY)
    screens = available_rects()
    if isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved):
        frame = window.frameGeometry() if window.isVisible() else window.geometry()
        if reachable(frame, screens):
            screen = QGuiApplication.screenAt(frame.center()) or window.screen()
            fitted = fit_rect(window.geometry(), screen.availableGeometry())
            if not window.isMaximized() and fitted != window.geometry():
                window.setGeometry(fitted)
            return True
        window.setWindowState(Qt.WindowState.WindowNoState)
    primary = QGuiApplication.primaryScreen()
    if primary is not None:
        window.setGeometry(default_window_rect(primary.availableGeometry()))
    return False


def save_window_geometry(window: QWidget) -> None:
    qsettings().setValue(GEOMETRY_KEY, window.saveGeometry())
