"""Backups window, the automatic daily backup and the dashboard warning (issue 9).
Backups run on the worker thread; the window never waits for them."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.access import Action
from mediator_app.domain.account_messages import account_text
from mediator_app.services import ledger
from mediator_app.services.trust import auto_backup
from mediator_app.services.trust import backup as backup_service
from mediator_app.ui.context import AppContext
from mediator_app.ui.trust import session

CHECK_MS = 60 * 60 * 1000  # look once an hour whether the daily backup is due


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, n // 1024)} KB"


class BackupsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.ctx = ctx
        self.backups: list[auto_backup.BackupInfo] = []
        self.setWindowTitle(self.tr("Backups"))
        self.folder = QLabel()
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = QLabel()
        self.state.setWordWrap(True)
        change = QPushButton(self.tr("Change folder…"))
        change.clicked.connect(self.change_folder)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Backup folder:")))
        top.addWidget(self.folder, 1)
        top.addWidget(change)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Size"), self.tr("Cases"), self.tr("Verified")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        now = QPushButton(self.tr("Back up now"))
        now.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.clicked.connect(self.restore)
        allowed = session.may(ctx, Action.BACKUP)
        now.setEnabled(allowed and not ctx.readonly)
        change.setEnabled(allowed and not ctx.readonly)
        self.restore_button.setEnabled(session.may(ctx, Action.RESTORE) and not ctx.readonly)
        row = QHBoxLayout()
        row.addWidget(now)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        note = QLabel(
            self.tr(
                "Automatic backups: when the program closes and once a day "
                "while it runs. Kept: the newest of each of the last 7 days, "
                "4 weeks and 12 months."
            )
        )
        note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(close)
        self.resize(760, 480)
        self.reload()

    def _run(self, job: Any, done: Any) -> None:
        self.ctx.runner.run(job, done, lambda exc: session.show_error(self, self.ctx, exc))

    def reload(self) -> None:
        path = self.ctx.db_path

        def job(db: Any) -> tuple[auto_backup.BackupStatus, list[auto_backup.BackupInfo]]:
            st = auto_backup.status(db, path)
            return st, auto_backup.list_backups(st.folder, Path(path).stem)

        self._run(job, self.show_result)

    def show_result(
        self, result: tuple[auto_backup.BackupStatus, list[auto_backup.BackupInfo]]
    ) -> None:
        st, backups = result
        self.backups = backups
        self.folder.setText(str(st.folder))
        self.state.setText(warning_text(st, self.ctx.lang) or self.tr("Backups are up to date."))
        self.table.setRowCount(len(backups))
        for r, b in enumerate(backups):
            cells = (
                b.at.strftime("%Y-%m-%d %H:%M:%S"),
                _size(b.size),
                "" if b.cases is None else str(b.cases),
                (b.verified_at or "").replace("T", " ") or self.tr("no"),
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def change_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"))
        if folder:
            self._run(lambda db: auto_backup.set_folder(db, folder), lambda _r: self.reload())

    def back_up_now(self) -> None:
        path = self.ctx.db_path
        self._run(
            lambda db: auto_backup.run_backup(db, path, manual=True), lambda _r: self.reload()
        )

    def restore(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        if len(rows) != 1:
            return
        chosen = self.backups[rows.pop()]
        text = self.tr(
            "Replace the ledger with the backup of {date}? The current file is "
            "kept aside. The program closes afterwards; start it again."
        ).format(date=chosen.at.strftime("%Y-%m-%d %H:%M"))
        if not self.ctx.dialogs.confirm(self.tr("Restore"), text):
            return
        restore_and_quit(self, self.ctx, chosen.path)


def restore_and_quit(parent: QWidget, ctx: AppContext, source: Path) -> None:
    """Close both connections, restore (the current file kept aside), quit."""
    key = ledger.key_for(ctx.db_path)
    ctx.runner.shutdown()
    ctx.read_db.close()
    if key is not None:  # backups are encrypted with the ledger's key
        ledger.register_key(source, key)
    try:
        saved = backup_service.restore(ctx.db_path, source)
    except Exception as exc:  # noqa: BLE001 - shown to the user
        session.show_error(parent, ctx, exc)
    else:
        ctx.dialogs.info(
            QCoreApplication.translate("AccountMenu", "Restore"),
            QCoreApplication.translate(
                "AccountMenu",
                "Restored. The previous ledger is kept as {saved}. The program closes now.",
            ).format(saved=saved or "-"),
        )
    QApplication.quit()


def warning_text(st: auto_backup.BackupStatus, lang: str) -> str | None:
    if st.warning is None:
        return None
    at = st.last.at.strftime("%Y-%m-%d %H:%M") if st.last else ""
    return account_text(st.warning, lang, folder=st.folder, days=st.days, at=at)


class AutoBackup(QObject):
    """Daily backup while the program runs, and the dashboard warning."""

    def __init__(self, window: QMainWindow, ctx: AppContext):
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.banner = QLabel()
        self.banner.setObjectName("backupWarning")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3cd; color: #664d03; padding: 6px;")
        self.banner.hide()
        dashboard = getattr(window, "dashboard", None)
        body = dashboard.widget() if isinstance(dashboard, QScrollArea) else dashboard
        layout = body.layout() if isinstance(body, QWidget) else None
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, self.banner)  # at the top of the overview
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        QTimer.singleShot(2000, self.tick)

    def tick(self) -> None:
        if self.ctx.readonly:
            return
        path = self.ctx.db_path

        def job(db: Any) -> auto_backup.BackupStatus:
            if auto_backup.due(db, path):
                try:
                    auto_backup.run_backup(db, path)
                except Exception:  # noqa: BLE001, S110 - the banner below says it
                    pass
            return auto_backup.status(db, path)

        self.ctx.runner.run(job, self.show_status, lambda _exc: None)

    def show_status(self, st: auto_backup.BackupStatus) -> None:
        text = warning_text(st, self.ctx.lang)
        self.banner.setText(text or "")
        self.banner.setVisible(bool(text))


def wanted(ctx: AppContext) -> bool:
    """Automatic backups for every writable ledger but the demo."""
    if ctx.readonly or ctx.db_path == ":memory:":
        return False
    try:
        return Path(ctx.db_path).resolve() != ledger.default_demo_path().resolve()
    except OSError:
        return True


def backup_on_close(ctx: AppContext, timeout: float = 300.0) -> None:
    """The backup when the program closes (on the worker; waited for, the window is
    already gone)."""
    if ctx.readonly:
        return
    done = threading.Event()
    path = ctx.db_path

    def job(db: Any) -> None:
        try:
            auto_backup.run_backup(db, path, now=datetime.now())
        finally:
            done.set()

    ctx.runner.run(job, None, lambda _exc: None)
    done.wait(timeout)
