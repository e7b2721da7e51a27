"""A "Documents" menu for a case (受理登记表, 协议书, 口头协议登记表, 回访记录, 卷宗):
each document can be saved as PDF or opened in the PDF viewer to print. Rendering runs
on ``ctx.runner`` (``services.cases.documents.render_case_document``, which logs the print).

Attach it to any window that knows its case::

    button = QPushButton(self.tr("Documents"))
    button.setMenu(build_documents_menu(ctx, lambda: self.rowid, self))

A saved PDF is confirmed ("已保存：…") through ``notify`` (e.g. the window's status
line) or else ``ctx.dialogs.info``. Files are named in Chinese after the document and
the case number, e.g. ``受理登记表-（2026）东方人调字第22号.pdf``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMenu, QWidget

from mediator_app.domain.errors import DomainError
from mediator_app.domain.file_names import safe_file_name
from mediator_app.domain.messages import message
from mediator_app.reports.case_docs import KINDS
from mediator_app.services.cases import documents
from mediator_app.services.ledger import open_private_binary, viewing_folder
from mediator_app.services.organisation import lookups
from mediator_app.ui.context import AppContext
from mediator_app.ui.reports.progress import run_with_progress

RowidGetter = Callable[[], int | None]
Opener = Callable[[str], Any]
Notifier = Callable[[str], Any]
ACTION_SAVE, ACTION_OPEN = "save", "open"

# default file names (Chinese whatever the interface language, like the documents)
FILE_NAMES = {"register": "受理登记表", "agreement": "调解协议书",
              "oral_agreement": "口头协议登记表", "follow_up": "回访记录",
              "file_cover": "卷宗封面及卷内目录", "all": "卷宗"}


def file_name(kind: str, case_no: str = "") -> str:
    """``受理登记表-（2026）东方人调字第22号.pdf``: safe as a Windows file name (\\ / : * ?
    " < > | and control characters become _, no trailing dot or space)."""
    stem = "-".join(p for p in (FILE_NAMES.get(kind, kind), case_no.strip()) if p)
    return safe_file_name(stem) + ".pdf"

# Every text is written as a literal ``QCoreApplication.translate("DocumentsMenu", "…")``
# call: lupdate extracts only literal arguments (a helper taking a variable is invisible
# to it, and the menu then stayed English in the Chinese UI).


def kind_titles() -> dict[str, str]:
    return {
        "register": QCoreApplication.translate("DocumentsMenu", "Acceptance register"),
        "agreement": QCoreApplication.translate("DocumentsMenu", "Mediation agreement"),
        "oral_agreement": QCoreApplication.translate("DocumentsMenu",
                                                     "Oral agreement register"),
        "follow_up": QCoreApplication.translate("DocumentsMenu", "Follow-up records"),
        "file_cover": QCoreApplication.translate("DocumentsMenu",
                                                 "Case file cover and contents"),
        "all": QCoreApplication.translate("DocumentsMenu", "Whole case file"),
    }


def open_with_system(path: str) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


class DocumentsMenu(QMenu):
    def __init__(self, ctx: AppContext, rowid_getter: RowidGetter, parent: QWidget | None,
                 opener: Opener | None = None, notify: Notifier | None = None) -> None:
        super().__init__(QCoreApplication.translate("DocumentsMenu", "Documents"), parent)
        self.ctx, self.rowid_getter = ctx, rowid_getter
        self.opener = opener or open_with_system
        self.notify = notify
        self.kind_menus: dict[str, QMenu] = {}
        self.actions_by: dict[tuple[str, str], QAction] = {}
        self.last_path = ""
        for kind, title in kind_titles().items():
            sub = self.addMenu(title)
            self.kind_menus[kind] = sub
            for action_key, text in (
                    (ACTION_SAVE, QCoreApplication.translate("DocumentsMenu", "Save as PDF…")),
                    (ACTION_OPEN, QCoreApplication.translate("DocumentsMenu",
                                                             "Open to print or preview"))):
                action = sub.addAction(text)
                action.triggered.connect(lambda _c=False, k=kind, a=action_key: self.run(k, a))
                self.actions_by[(kind, action_key)] = action
        self.aboutToShow.connect(self.update_kinds)

    def update_kinds(self) -> None:
        """Enable the kinds that apply to the case (none before it is saved)."""
        rowid = self.rowid_getter()
        self._enable(set())
        if rowid is None:
            return
        self.ctx.runner.run(lambda db: documents.applicable_kinds(db, rowid),
                            lambda kinds: self._enable(set(kinds)), lambda _e: None)

    def _enable(self, kinds: set[str]) -> None:
        for kind, sub in self.kind_menus.items():
            sub.setEnabled(kind in kinds)

    def enabled_kinds(self) -> list[str]:
        return [k for k, sub in self.kind_menus.items() if sub.isEnabled()]

    def run(self, kind: str, action: str) -> None:
        rowid = self.rowid_getter()
        if rowid is None:
            return
        name = file_name(kind, lookups.case_no_of(self.ctx.read_db, rowid))
        if action == ACTION_SAVE:
            path = self.ctx.dialogs.save_file(
                QCoreApplication.translate("DocumentsMenu", "Save the document"), name,
                QCoreApplication.translate("DocumentsMenu", "PDF files (*.pdf)"))
            if not path:
                return
        else:
            # the viewer needs a file: an owner-only one in the user's profile, wiped
            # at the next start, never in the shared temp folder (issue 8 item 5)
            path = str(Path(tempfile.mkdtemp(prefix="doc-", dir=viewing_folder())) / name)
        lang, user = self.ctx.lang, self.ctx.user

        def job(read: Any, _progress: Any, _cancel: Any) -> str:  # on a render thread
            data = documents.render_case_document(read, rowid, kind, lang=lang, user=user)
            with open_private_binary(path) as fh:
                fh.write(data)
            return path

        owner = self.parentWidget() or self
        run_with_progress(self.ctx, owner,
                          QCoreApplication.translate("DocumentsMenu", "Preparing the document…"), job,  # noqa: E501
                          lambda p: self._done(p, action), self._failed, renders=True)

    def _done(self, path: str, action: str) -> None:
        self.last_path = path
        if action == ACTION_OPEN:
            self.opener(path)
            return
        text = QCoreApplication.translate("DocumentsMenu", "Saved: {path}").format(path=path)
        if self.notify is not None:
            self.notify(text)
        else:
            self.ctx.dialogs.info(QCoreApplication.translate("DocumentsMenu", "Documents"),
                                  text)

    def _failed(self, exc: BaseException) -> None:
        text = (message(exc.first, self.ctx.lang) if isinstance(exc, DomainError)
                else self.ctx.error_text(exc, "document"))
        self.ctx.dialogs.error(QCoreApplication.translate("DocumentsMenu", "Documents"), text)


def build_documents_menu(ctx: AppContext, rowid_getter: RowidGetter,
                         parent: QWidget | None = None, *,
                         opener: Opener | None = None,
                         notify: Notifier | None = None) -> QMenu:
    """The documents menu of the case ``rowid_getter()`` returns (None: not saved yet);
    ``notify`` receives the confirmation of a saved file (default: an info message)."""
    return DocumentsMenu(ctx, rowid_getter, parent, opener, notify)


__all__ = ["FILE_NAMES", "KINDS", "DocumentsMenu", "build_documents_menu", "file_name",
           "kind_titles"]
