"""帮助 Help: the user guide read offline in a help window, and where things are.

The guide is the docs/ pages (Markdown with screenshots) bundled with the program; the
window shows them with Qt's own Markdown support, links between pages included, so no
browser and no network are needed. ``window_title`` names the ledger file in the main
window's title, so two windows on two files are never confused.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QWidget,
)

from mediator_app import __version__
from mediator_app.locations import data_dir, docs_dir, portable_root

# the pages of the guide, in reading order (file, Qt-translatable title)
PAGES = (
    ("user-guide.md", QT_TRANSLATE_NOOP("HelpWindow", "The main window")),
    ("first-start.md", QT_TRANSLATE_NOOP("HelpWindow", "First start and installation")),
    ("case-form.md", QT_TRANSLATE_NOOP("HelpWindow", "Entering a case")),
    ("reports-gui.md", QT_TRANSLATE_NOOP("HelpWindow", "Statistics and reports")),
    ("documents.md", QT_TRANSLATE_NOOP("HelpWindow", "Case documents")),
    ("exchange-gui.md", QT_TRANSLATE_NOOP("HelpWindow", "Import and export")),
    ("statistics.md", QT_TRANSLATE_NOOP("HelpWindow", "What the figures count")),
    ("cli.md", QT_TRANSLATE_NOOP("HelpWindow", "Command line")),
)


def window_title(base: str, db_path: str) -> str:
    """``ledger.db（D:\\台账）— 调解台账``; the bare title for an in-memory database."""
    if not db_path or db_path == ":memory:":
        return base
    path = Path(db_path)
    return f"{path.name} ({path.parent}) — {base}"


class HelpWindow(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(self.tr("User guide"))
        self.pages = QListWidget()
        self.pages.setMaximumWidth(220)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(True)
        layout = QHBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.browser, 1)
        self.folder = docs_dir()
        if self.folder is not None:
            self.browser.setSearchPaths([str(self.folder)])
            for name, title in PAGES:
                if (self.folder / name).is_file():
                    item = QListWidgetItem(QCoreApplication.translate("HelpWindow", str(title)))
                    item.setData(256, name)
                    self.pages.addItem(item)
            self.pages.currentItemChanged.connect(self._open_item)
            self.pages.setCurrentRow(0)
        else:
            self.browser.setPlainText(self.tr("The user guide is not installed."))
        self.resize(1000, 720)

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is not None and self.folder is not None:
            self.show_page(str(item.data(256)))

    def show_page(self, name: str) -> None:
        assert self.folder is not None
        self.browser.setSource(QUrl.fromLocalFile(str(self.folder / name)))


def about_text(tr_about: str, db_path: str) -> str:
    """The About box's text with the version, the ledger and the data folder filled in."""
    root = portable_root()
    return tr_about.format(version=__version__, path=db_path, data=data_dir(),
                           mode="portable.txt" if root else "")


def open_data_folder(db_path: str) -> bool:
    """Show the folder of the ledger in the file manager."""
    folder = Path(db_path).parent if db_path and db_path != ":memory:" else data_dir()
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
