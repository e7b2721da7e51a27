"""GUI entry point: ``run_gui(db_path, lang=None)`` (called by the CLI)."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from mediator_app.domain.account_messages import set_language
from mediator_app.services.ledger import (
    SQLITE_ERRORS,
    DatabaseDamaged,
    DatabaseTooNew,
    StorageError,
    default_db_path,
    default_demo_path,
    open_database,
    wipe_viewing_folder,
)
from mediator_app.services.organisation.first_start import setup_progress
from mediator_app.ui import prefs
from mediator_app.ui.context import AppContext
from mediator_app.ui.dialogs import QtDialogService
from mediator_app.ui.errors import error_reason
from mediator_app.ui.first_start import DEMO, LedgerChoiceDialog, OrgSetupDialog
from mediator_app.ui.i18n import install_translators
from mediator_app.ui.main_window import MainWindow, bring_to_front
from mediator_app.ui.single_instance import InstanceServer, activate_running
from mediator_app.ui.tasks import ThreadedRunner
from mediator_app.ui.trust import backups as trust_backups
from mediator_app.ui.trust import menu as trust_menu
from mediator_app.ui.trust import session as trust

# a ledger that cannot be opened: one message (SQLITE_ERRORS covers sqlite3 and SQLCipher)
_OPEN_ERRORS: tuple[type[Exception], ...] = (StorageError, *SQLITE_ERRORS)


CJK_FONTS = ("Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei")


def build_main_window(ctx: AppContext) -> MainWindow:
    return MainWindow(ctx)


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QGuiApplication.setApplicationDisplayName("调解台账")
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(prefs.ORG)
    app.setApplicationName(prefs.APP)
    return app


def _prefer_cjk_font(app: QApplication) -> None:
    """Prefer a Simplified Chinese UI font where one is installed (no boxes for 汉字)."""
    families = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in families:
            font = QFont(app.font())
            font.setFamilies([family, *font.families()])
            app.setFont(font)
            return


def _open_writable(db_path: str) -> tuple[ThreadedRunner, bool] | None:
    """The worker runner; offers read-only for a database from a newer program and for
    a damaged one (naming its last verified backup)."""
    try:
        return ThreadedRunner(db_path), False
    except DatabaseTooNew as exc:
        title = QCoreApplication.translate("App", "Newer database")
        text = QCoreApplication.translate(
            "App", "This database was written by a newer version of the program "
            "(unknown changes: {unknown}).\nOpen it read-only?")
        answer = QMessageBox.question(None, title, text.format(unknown=", ".join(exc.unknown)))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return ThreadedRunner(db_path, readonly=True), True
    except DatabaseDamaged as exc:
        if not _open_damaged(db_path, exc):
            return None
        return ThreadedRunner(db_path, readonly=True), True


def _open_damaged(db_path: str, exc: DatabaseDamaged) -> bool:
    """Tell the user the file is damaged and where the last verified backup is; True to
    open it read-only (to look and copy out, knowing figures may be wrong)."""
    title = QCoreApplication.translate("App", "Damaged database")
    text = QCoreApplication.translate(
        "App", "The database {path} is damaged. Nothing will be written to it.\n"
        "Restore it from a backup (File → Restore from backup…).")
    parts = [text.format(path=db_path)]
    if exc.backup:
        parts.append(QCoreApplication.translate(
            "App", "The last verified backup is {backup}.").format(backup=exc.backup))
    parts.append(QCoreApplication.translate(
        "App", "Open it read-only? Lists and figures may be incomplete or wrong."))
    answer = QMessageBox.warning(
        None, title, "\n\n".join(parts),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _error(text: str) -> None:
    QMessageBox.critical(None, QCoreApplication.translate("App", "Mediation Ledger"), text)


def _may_create(db_path: str) -> bool:
    """A missing ledger is created at the program's own default places (first start);
    anywhere else only when the user confirms it (the GUI's new-ledger action). A
    missing folder is never created there: opening then says so."""
    path = Path(db_path)
    if path.exists() or path in (default_db_path(), default_demo_path()):
        return True
    if not path.parent.is_dir():
        return True  # open_database refuses with db.no_folder, shown as an error
    title = QCoreApplication.translate("App", "New ledger")
    text = QCoreApplication.translate(
        "App", "There is no ledger at {path}.\nCreate a new, empty ledger there?")
    answer = QMessageBox.question(None, title, text.format(path=db_path))
    return answer == QMessageBox.StandardButton.Yes


def open_context(db_path: str, lang: str, *,
                 create_confirmed: bool = False) -> AppContext | None:
    """``create_confirmed``: the user chose to create this ledger in the setup window."""
    if not create_confirmed and not _may_create(db_path):
        return None
    try:
        opened = _open_writable(db_path)
        if opened is None:
            return None
        runner, readonly = opened
        read = open_database(db_path, readonly=True, check_same_thread=False,
                             allow_damaged=True, health=False)
    except _OPEN_ERRORS as exc:
        text = QCoreApplication.translate("App", "Could not open the database {path}: {error}")
        _error(text.format(path=db_path, error=error_reason(exc, lang, "open")))
        return None
    ctx = AppContext(runner=runner, read_db=read.db, dialogs=QtDialogService(),
                     db_path=db_path, lang=lang, readonly=readonly)
    return ctx


def no_display_reason() -> str | None:
    """On Linux/BSD Qt needs a display server; say so plainly instead of aborting."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return None
    env = os.environ
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"):
        return None
    return ("没有可用的图形显示（DISPLAY / WAYLAND_DISPLAY 未设置），无法打开窗口。"
            "请在桌面环境中运行，或改用命令行功能（mediator-app --help）。\n"
            "No graphical display is available (DISPLAY / WAYLAND_DISPLAY unset), so the "
            "window cannot open. Run it from a desktop session, or use the command line "
            "(mediator-app --help).")


def run_gui(db_path: str, *, lang: str | None = None) -> int:
    """Create the application, open the database and show the main window."""
    reason = no_display_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    app = _application()
    language = prefs.language(lang)
    translators = install_translators(app, language)  # noqa: F841 - keep them alive
    QGuiApplication.setApplicationDisplayName("调解台账" if language == "zh"
                                              else "Mediation Ledger")
    _prefer_cjk_font(app)
    prefs.apply_text_scale(app)
    chosen_in_setup = False
    if not Path(db_path).exists():  # first start: the setup window, not an empty tree
        chosen = choose_ledger(Path(db_path))
        if chosen is None:
            return 0
        db_path, chosen_in_setup = str(chosen), True
    if activate_running(db_path):  # already open: that window comes to the front
        return 0
    if Path(db_path) in (default_db_path(), default_demo_path()):
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)  # the program's own folder
    wipe_viewing_folder()  # documents shown by the last run (storage/files.py)

    set_language(language)  # refusals shown by str(exc) speak the UI's language

    user = None
    if not Path(db_path).exists():  # a new ledger is encrypted by default (issue 9)
        go_on, user = trust_menu.create_new(str(db_path), language)
        if not go_on:
            return 1
    elif trust.needs_login(str(db_path)):  # an encrypted ledger: log in first
        user = trust.login(str(db_path), language)
        if user is None:
            return 1
    ctx = open_context(str(db_path), language, create_confirmed=chosen_in_setup)
    if ctx is None:
        return 1
    if user is not None and not trust.attach_or_explain(ctx, user):
        return 1
    if not ctx.readonly and setup_progress(ctx.read_db).next_step != "done":
        OrgSetupDialog(ctx).exec()
    try:
        window = build_main_window(ctx)
    except Exception as exc:  # noqa: BLE001 - e.g. a damaged file: a message, no traceback
        _error(QCoreApplication.translate("App", "Could not open the database {path}: "
                                          "{error}").format(path=db_path,
                                                            error=error_reason(exc, language,
                                                                               "open")))
        ctx.runner.shutdown()
        ctx.read_db.close()
        return 1
    if isinstance(ctx.dialogs, QtDialogService):
        ctx.dialogs.parent = window
    trust_menu.install(window, ctx)
    auto = trust_backups.wanted(ctx)
    if auto:
        trust_backups.AutoBackup(window, ctx)
    previous_hook = install_excepthook(ctx)
    server = InstanceServer(db_path, lambda: bring_to_front(window))
    window.show()
    try:
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        server.close()
        if auto:
            trust_backups.backup_on_close(ctx)
        ctx.runner.shutdown()
        ctx.read_db.close()


def install_excepthook(ctx: AppContext) -> Any:
    """An exception that escapes a slot or a Qt virtual (e.g. a page of rows read from a
    damaged file) is shown to the user in plain words and logged, instead of a traceback
    on stderr (which no user sees). Returns the hook it replaced."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not isinstance(exc, Exception):  # KeyboardInterrupt, SystemExit
            previous(kind, exc, tb)
            return
        exc.__traceback__ = tb
        try:
            ctx.show_error(exc)
        except Exception:  # noqa: BLE001 - never a traceback from the hook itself
            print(error_reason(exc, ctx.lang), file=sys.stderr)

    sys.excepthook = hook
    return previous


def choose_ledger(default_path: Path) -> Path | None:
    """The setup window's first step; the demo is built (with progress) when chosen."""
    dialog = LedgerChoiceDialog(default_path)
    if dialog.exec() != LedgerChoiceDialog.DialogCode.Accepted or dialog.choice is None:
        return None
    if dialog.choice.kind != DEMO:
        return dialog.choice.path

    demo_path = default_demo_path()
    return demo_path if build_demo_with_progress(demo_path) else None


def build_demo_with_progress(path: Path) -> bool:
    """Build the demo ledger on a worker thread under a progress dialog (kept if it is
    already complete). False if it failed (the user was told)."""
    # lazy: the demo generator loads only when a demo ledger is built
    from mediator_app.services.demo import district as demo

    state: dict[str, int] = {"done": 0, "total": 0}
    failed: list[BaseException] = []

    def work() -> None:
        try:
            current = demo.file_state(path)
            if current == demo.COMPLETE:
                return
            if current == demo.PARTIAL:
                demo.set_aside(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            demo.build_demo_file(path, progress=lambda d, t: state.update(done=d, total=t))
        except Exception as exc:  # noqa: BLE001 - shown to the user below
            failed.append(exc)

    progress = QProgressDialog(
        QCoreApplication.translate("App", "Building the demo ledger…"), "", 0, 0)
    progress.setCancelButton(None)
    progress.setMinimumDuration(0)
    progress.show()
    thread = threading.Thread(target=work, name="demo-build", daemon=True)
    thread.start()
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(100)

    def poll() -> None:
        total = state["total"]
        if total:
            progress.setMaximum(total)
            progress.setValue(state["done"])
        if not thread.is_alive():
            loop.quit()

    timer.timeout.connect(poll)
    timer.start()
    loop.exec()
    timer.stop()
    progress.close()
    if failed:
        text = QCoreApplication.translate("App", "The demo ledger could not be built: {error}")
        _error(text.format(error=error_reason(failed[0], prefs.language(), "demo")))
        return False
    return True


if __name__ == "__main__":  # python -m mediator_app.ui.app DB [--lang en]
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--lang", choices=["zh", "en"])
    args = parser.parse_args()
    sys.exit(run_gui(args.db, lang=args.lang))
