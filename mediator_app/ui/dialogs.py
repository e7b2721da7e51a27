"""The dialog service of the running application (message boxes and file pickers).
Tests replace it with a fake (see tests/gui/conftest.py).

- Every dialog is parented to the window the user is working in
  (``QApplication.activeWindow()``), falling back to the main window (``parent``): a
  message shown for the reports window or a case form stays over that window instead of
  raising the main window above it.
- File pickers start in the folder used last (QSettings key ``dialogs/last_dir``), at
  first in the user's Documents folder — never in the program's working directory.
- Qt's own file dialog (used where the platform has no native one, e.g. Linux without a
  GTK / portal theme) asks for a few texts that Qt 6's ``qtbase_zh_CN.qm`` does not
  translate; ``qt_catalogue_gaps`` puts them into our catalogue (docs/reports-gui.md).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from mediator_app.ui import prefs

LAST_DIR_KEY = "dialogs/last_dir"


# Source texts of Qt 6.12's QFileDialog / QAbstractFileIconProvider that are missing from
# Qt's Simplified Chinese catalogue (Qt renamed "Look in:" to "&Look in:" and so on).
# Written out below so that lupdate copies them into resources/i18n/mediator_zh_CN.ts;
# our translator is installed after Qt's and so is asked first.
def qt_catalogue_gaps() -> tuple[str, ...]:
    """The texts above, translated (literal calls, so that lupdate sees them)."""
    return (
        QCoreApplication.translate("QFileDialog", "&Look in:"),
        QCoreApplication.translate("QFileDialog", "Files of &type:"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Drive"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder",
                                   "All other platforms"),
        QCoreApplication.translate("QAbstractFileIconProvider", "File Folder",
                                   "Match Windows Explorer"),
        QCoreApplication.translate("QAbstractFileIconProvider", "%1 File"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Unknown"),
    )


# ---- folders -----------------------------------------------------------------------------

def documents_dir() -> str:
    """The user's Documents folder (文档), else the home folder."""
    for location in (QStandardPaths.StandardLocation.DocumentsLocation,
                     QStandardPaths.StandardLocation.HomeLocation):
        path = QStandardPaths.writableLocation(location)
        if path and Path(path).is_dir():
            return path
    return str(Path.home())


def start_dir() -> str:
    """Where a file picker opens: the folder used last, else Documents."""
    saved = str(prefs.qsettings().value(LAST_DIR_KEY, "") or "")
    return saved if saved and Path(saved).is_dir() else documents_dir()


def remember_dir(path: str) -> None:
    """Remember the folder of ``path`` (a file or a folder) for the next picker."""
    chosen = Path(path)
    folder = chosen if chosen.is_dir() else chosen.parent
    if str(folder) and folder.is_dir():
        prefs.qsettings().setValue(LAST_DIR_KEY, str(folder))


def suggested_path(suggested: str) -> str:
    """A bare suggested file name is placed in ``start_dir()``."""
    if not suggested:
        return start_dir()
    path = Path(suggested)
    return str(path if path.is_absolute() else Path(start_dir()) / path)


# ---- which window owns a dialog ----------------------------------------------------------

def active_window() -> QWidget | None:
    """The window the user works in (a popup menu counts as the window it belongs to)."""
    window = QApplication.activeWindow()
    while window is not None and window.windowType() == Qt.WindowType.Popup:
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    return window if window is not None and window.isVisible() else None


class QtDialogService:
    """``DialogService`` on top of QMessageBox / QFileDialog."""

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent  # the main window: used when no window is active

    def owner(self) -> QWidget | None:
        return active_window() or self.parent

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.owner(), title, text)

    def error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.owner(), title, text)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.owner(), title, text)
        return answer == QMessageBox.StandardButton.Yes

    def ask_save_discard_cancel(self, title: str, text: str) -> str:
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        answer = QMessageBox.question(self.owner(), title, text, buttons,
                                      QMessageBox.StandardButton.Save)
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(answer, "cancel")

    def choose(self, title: str, text: str, buttons: list[tuple[str, str]],
               cancel_key: str) -> str:
        """A question whose buttons say what they do (not 是/否); the first is the
        default, ``cancel_key`` is Esc."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.NoButton, self.owner())
        made = {}
        for key, label in buttons:
            role = (QMessageBox.ButtonRole.RejectRole if key == cancel_key
                    else QMessageBox.ButtonRole.AcceptRole)
            made[key] = box.addButton(label, role)
        if buttons:
            box.setDefaultButton(made[buttons[0][0]])
        if cancel_key in made:
            box.setEscapeButton(made[cancel_key])
        box.exec()
        clicked = box.clickedButton()
        return next((k for k, b in made.items() if b is clicked), cancel_key)

    def open_files(self, title: str, filter: str) -> list[str]:
        files, _ = QFileDialog.getOpenFileNames(self.owner(), title, start_dir(), filter)
        if files:
            remember_dir(files[0])
        return list(files)

    def save_file(self, title: str, suggested: str, filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.owner(), title, suggested_path(suggested),
                                              filter)
        if path:
            remember_dir(path)
        return path or None
