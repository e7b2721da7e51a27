"""The main window: navigation tree, overview and case list, menus, toolbar, status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import shiboken6
from PySide6.QtCore import QDeadlineTimer, QEvent, QEventLoop, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QStyle,
    QTabWidget,
    QWidget,
)

from mediator_app.domain.case_filter import (
    DEFAULT_FOLLOWUP_DAYS,
    DEFAULT_OVERDUE_DAYS,
    Scope,
    ViewCounts,
    int_setting,
)
from mediator_app.services.cases import browse
from mediator_app.services.changes import Changes
from mediator_app.services.organisation import lookups
from mediator_app.ui import prefs, window_fit
from mediator_app.ui.case_list import CaseListView
from mediator_app.ui.context import AppContext
from mediator_app.ui.dashboard import Dashboard
from mediator_app.ui.export import ExportController
from mediator_app.ui.help_window import HelpWindow, about_text, open_data_folder, window_title
from mediator_app.ui.nav_tree import NavTree

if TYPE_CHECKING:
    from mediator_app.ui.case_form import CaseFormWindow



@runtime_checkable
class _Editor(Protocol):
    """A window that may hold unsaved edits (the case form)."""

    def is_dirty(self) -> bool: ...


TAB_OVERVIEW, TAB_CASES = 0, 1
ACTIVATE_WAIT_MS = 300


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` again (un-minimised) above the others and give it the focus."""
    if window.isMinimized():
        window.showNormal()
    else:
        window.show()
    window.raise_()
    window.activateWindow()


def wait_until_active(window: QWidget, timeout_ms: int = ACTIVATE_WAIT_MS) -> bool:
    """Let the window system make ``window`` the active one (bounded wait)."""
    deadline = QDeadlineTimer(timeout_ms)
    while not window.isActiveWindow() and not deadline.hasExpired():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return window.isActiveWindow()


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.windows: list[QWidget] = []  # open case / org windows (kept alive)
        self._case_windows: dict[int, CaseFormWindow] = {}  # editors of stored cases
        self.setObjectName("mainWindow")
        self.setWindowTitle(window_title(self.tr("Mediation Ledger"), ctx.db_path))
        self.nav = NavTree(ctx)
        self.dashboard = Dashboard(ctx)
        self.cases = CaseListView(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.dashboard, self.tr("Overview"))
        self.tabs.addTab(self.cases, self.tr("Cases"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 1020])
        self.setCentralWidget(splitter)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.scope_label = QLabel()
        self.statusBar().addWidget(self.scope_label)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.actions_: dict[str, QAction] = {}
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._apply_rules(lookups.all_settings(ctx.read_db))
        self.nav.scopeChanged.connect(self.set_scope)
        self.cases.openCase.connect(self.open_case)
        self.dashboard.openCase.connect(self.open_case)
        self.cases.countsReady.connect(self.show_counts)
        self._counted_gen = -1  # the list query whose exact counts the status bar shows
        self.cases.model.firstRowsShown.connect(self._loading_counts)
        self.cases.model.idsComplete.connect(self._total_known)
        self.cases.model.failed.connect(self._query_failed)
        ctx.runner.changed.connect(self.on_changed)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._tab_changed(self.tabs.currentIndex())
        self.set_scope(self.nav.current_scope())
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(self.fit_to_screen)
        prefs.restore_window_geometry(self)  # first start: 90 % of the screen, centred

    # ---- actions, menus, toolbar --------------------------------------------------------
    def _action(self, key: str, text: str, slot: Any, shortcut: Any = None,
                icon: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{key}")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(lambda _checked=False: slot())
        self.actions_[key] = action
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self._action("new_case", self.tr("&New case…"), self.new_case,
                     QKeySequence.StandardKey.New, sp.SP_FileIcon)
        self._action("open_case", self.tr("&Open case"), self.open_selected, None,
                     sp.SP_DirOpenIcon)
        self._action("find", self.tr("&Find…"), self.focus_search,
                     QKeySequence.StandardKey.Find, sp.SP_FileDialogContentsView)
        self._action("refresh", self.tr("&Refresh"), self.refresh, Qt.Key.Key_F5,
                     sp.SP_BrowserReload)
        self._action("export_csv", self.tr("Export view as &CSV…"),
                     lambda: self.export_view("csv"), None, sp.SP_DialogSaveButton)
        self._action("export_xlsx", self.tr("Export view as &Excel (XLSX)…"),
                     lambda: self.export_view("xlsx"))
        self._action("settings", self.tr("&Settings…"), self.open_settings,
                     QKeySequence.StandardKey.Preferences, sp.SP_FileDialogDetailedView)
        self._action("organisation", self.tr("&Organisation…"), self.open_org, None,
                     sp.SP_DirHomeIcon)
        self._action("code_tables", self.tr("&Code tables…"), self.open_code_tables)
        self._action("import_cases", self.tr("&Import cases…"), self.import_cases, "Ctrl+I",
                     sp.SP_ArrowDown)
        self._action("export_cases", self.tr("E&xport cases…"), self.export_cases, "Ctrl+E",
                     sp.SP_ArrowUp)
        self._action("import_history", self.tr("Import &history…"), self.import_history)
        self._action("restore_backup", self.tr("&Restore from backup…"), self.restore_backup)
        self._action("reports", self.tr("&Statistics and reports…"), self.open_reports,
                     "Ctrl+R", sp.SP_FileDialogInfoView)
        self._action("overview", self.tr("O&verview"), lambda: self.tabs.setCurrentIndex(0),
                     "Ctrl+1")
        self._action("case_list", self.tr("&Case list"), lambda: self.tabs.setCurrentIndex(1),
                     "Ctrl+2")
        self._action("quit", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self._action("about", self.tr("&About"), self.about)
        self._action("user_guide", self.tr("&User guide"), self.open_help,
                     QKeySequence.StandardKey.HelpContents, sp.SP_DialogHelpButton)
        self._action("data_folder", self.tr("Show the &data folder"),
                     lambda: open_data_folder(self.ctx.db_path))
        if self.ctx.readonly:
            self.actions_["new_case"].setEnabled(False)
            self.actions_["import_cases"].setEnabled(False)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        a = self.actions_
        layout: dict[str, list[str | None]] = {
            self.tr("&File"): ["new_case", "open_case", None, "import_cases", "export_cases",
                               "import_history", None, "export_csv", "export_xlsx",
                               None, "settings", "restore_backup", None, "quit"],
            self.tr("&View"): ["overview", "case_list", None, "find", "refresh"],
            self.tr("&Organisation"): ["organisation", "code_tables"],
            self.tr("&Reports"): ["reports"],
            self.tr("&Help"): ["user_guide", "data_folder", None, "about"],
        }
        for title, keys in layout.items():
            menu = bar.addMenu(title)
            for key in keys:
                menu.addSeparator() if key is None else menu.addAction(a[key])

    def _make_toolbar(self) -> None:
        tb = self.addToolBar(self.tr("Main"))
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for key in ("new_case", "open_case", "find", "refresh", "export_csv", "reports",
                    "settings", "organisation"):
            tb.addAction(self.actions_[key])

    # ---- scope and counts ---------------------------------------------------------------
    def set_scope(self, scope: Scope) -> None:
        label = self.nav.current_label()
        self.scope_label.setText(label)
        self.cases.set_scope(scope)  # the first ids are queued before the overview job
        self.dashboard.set_scope(scope, label)

    def _tab_changed(self, index: int) -> None:
        """The case list's counts (which follow its search and filters) only beside the
        case list: the overview shows its own figures."""
        self.counts_label.setVisible(index == TAB_CASES)

    def _loading_counts(self, known: int) -> None:
        """The first rows are shown: while the rest of the list and the counts are read
        in the background, the status bar says the view holds at least the rows known
        (issue 13: at 1M cases the exact figures take seconds)."""
        if not self.cases.model.complete:
            self.counts_label.setText(
                self.tr("≥ {count} cases · counting…").format(count=known))

    def _total_known(self, total: int) -> None:
        """The whole id list has arrived: its length is the exact number of cases; the
        status counts follow."""
        if self._counted_gen != self.cases.model.generation:
            self.counts_label.setText(self.tr("{total} cases · counting…").format(total=total))

    def show_counts(self, counts: ViewCounts) -> None:
        self._counted_gen = self.cases.model.generation
        self.counts_label.setText(self.tr(
            "{total} cases · {in_mediation} in mediation · {resolved} resolved · "
            "{overdue} overdue").format(**counts._asdict()))

    def _query_failed(self, text: str) -> None:
        self.counts_label.setText(self.tr("Search failed: {error}").format(error=text))

    def _apply_rules(self, settings: dict[str, str]) -> None:
        self.cases.set_rules(int_setting(settings, "overdue_days", DEFAULT_OVERDUE_DAYS),
                             int_setting(settings, "followup_days", DEFAULT_FOLLOWUP_DAYS))

    # ---- commands -----------------------------------------------------------------------
    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(TAB_CASES)
        self.cases.filters.search.setFocus()
        self.cases.filters.search.selectAll()

    def refresh(self) -> None:
        """F5: everything read again (e.g. after another program changed the ledger)."""
        self._apply_rules(lookups.all_settings(self.ctx.read_db))
        self.nav.reload()
        self.cases.refresh()
        self.dashboard.reload()

    def on_changed(self, changes: Changes) -> None:
        """After a write of this window or any other (the runner's ``changed``): each
        view refreshes only if it shows what changed."""
        if changes.settings:  # the overdue and follow-up rules of the list
            self._apply_rules(lookups.all_settings(self.ctx.read_db))
        if changes.org:  # the tree shows units and committees
            self.nav.reload()
        if changes.org or changes.codes:  # names in the list's rows and filters
            self.cases.refresh()
        elif changes.touches_cases or changes.settings:
            if changes.touches_cases:
                self.cases.model.invalidate_rows()  # cached rows of edited cases
            self.cases.reload()
        if changes.touches_cases or changes.org or changes.codes or changes.settings:
            self.dashboard.reload()  # counts, scope names, rules

    def case_defaults(self) -> dict[str, str]:
        """Defaults for a new case from the selected scope."""
        scope = self.nav.current_scope()
        if scope.kind == "committee":
            return {"committee_code": scope.code}
        if scope.kind == "org":
            return browse.new_case_defaults(self.ctx.read_db, scope.code)
        return {}

    def new_case(self) -> None:
        self._show_case_form(None, self.case_defaults())

    def open_selected(self) -> None:
        case_id = self.cases.selected_case_id()
        if case_id is not None:
            self.open_case(case_id)

    def open_case(self, case_rowid: int) -> None:
        """Open the case's editor; one already open is brought to the front instead (two
        editors of one case would overwrite each other's changes)."""
        existing = self.case_window(case_rowid)
        if existing is not None:
            bring_to_front(existing)
            return
        self._show_case_form(case_rowid, None)

    def case_window(self, case_rowid: int) -> CaseFormWindow | None:
        """The open editor of a stored case, if any."""
        window = self._case_windows.get(case_rowid)
        if window is not None and shiboken6.isValid(window) and window.rowid == case_rowid:
            return window
        self._case_windows.pop(case_rowid, None)
        return None

    def _show_case_form(self, case_rowid: int | None, defaults: dict[str, str] | None) -> None:
        # lazy: a screen loads when first opened, not with the main window (start-up, issue 13)
        from mediator_app.ui import case_form

        window = case_form.CaseFormWindow(self.ctx, case_rowid, defaults=defaults)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.saved.connect(lambda rowid, w=window: self._case_form_saved(w, rowid))
        window.destroyed.connect(lambda _o=None, w=window: self._forget(w))
        self.windows.append(window)
        if case_rowid is not None:
            self._case_windows[case_rowid] = window
        window.show()

    def _case_form_saved(self, window: CaseFormWindow, rowid: int) -> None:
        self._case_windows[rowid] = window  # a new case has its row id now (the views
        # refresh from the runner's ``changed``)

    def _forget(self, window: QWidget) -> None:
        if window in self.windows:
            self.windows.remove(window)
        for rowid in [r for r, w in self._case_windows.items() if w is window]:
            del self._case_windows[rowid]

    def open_org(self) -> None:
        # lazy: a screen loads when first opened, not with the main window (start-up, issue 13)
        from mediator_app.ui.org import OrgManagerWindow

        window = OrgManagerWindow(self.ctx)  # its writes announce themselves (on_changed)
        self.windows.append(window)
        window.show()

    def open_code_tables(self) -> None:
        """Dispute types and case sources; the views refresh after every change."""
        # lazy: a screen loads when first opened, not with the main window (start-up, issue 13)
        from mediator_app.ui.code_tables import CodeTablesDialog

        dialog = CodeTablesDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def import_cases(self) -> None:
        # lazy: a screen loads when first opened, not with the main window (start-up, issue 13)
        from mediator_app.ui.exchange import ImportWizard

        wizard = ImportWizard(self.ctx, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()  # an import announces what it changed (on_changed)

    def export_cases(self) -> None:
        # lazy: a screen loads when first opened, not with the main window (start-up, issue 13)
        from mediator_app.ui.exchange import ExportDialog

        scope = self.nav.current_scope()
        dialog = ExportDialog(self.ctx, scope.code if scope.kind == "org" else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(lambda p: self.statusBar().showMessage(
            self.tr("Exported to {path}").format(path=p), 8000))
        dialog.open()

    def import_history(self) -> None:
        # lazy: a screen loads when first opened, not with the main window (start-up, issue 13)
        from mediator_app.ui.exchange import ImportHistoryDialog

        ImportHistoryDialog(self.ctx, self).open()

    def restore_backup(self) -> None:
        """File → Restore from backup… (ui/restore.py): a new main window replaces this
        one on the restored ledger."""
        # lazy: a screen loads when first opened, not with the main window (start-up, issue 13)
        from mediator_app.ui.restore import RestoreFlow

        def rebuild(ctx: AppContext) -> QWidget:
            window = type(self)(ctx)
            ctx.extra["main_window"] = window  # kept alive; run_gui holds the first one
            if hasattr(ctx.dialogs, "parent"):
                ctx.dialogs.parent = window
            window.show()
            return window

        self.restore_flow = RestoreFlow(self, rebuild)
        self.restore_flow.start()

    def open_reports(self) -> None:
        """Show the reports window; an open one is brought back to the front as it is
        (keeping the period and scope the user chose), never replaced by a new one."""
        existing = self.reports_window()
        if existing is not None:
            bring_to_front(existing)
            return
        # lazy: a screen loads when first opened, not with the main window (start-up, issue 13)
        from mediator_app.ui.reports import ReportsWindow

        scope = self.nav.current_scope()
        code = scope.code if scope.kind in ("org", "committee") else None
        window = ReportsWindow(self.ctx, code)
        window.setObjectName("reportsWindow")
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda _o=None, w=window: self._forget(w))
        self.windows.append(window)
        window.show()

    def reports_window(self) -> QWidget | None:
        """The open reports window, if any."""
        for window in self.windows:
            if window.objectName() == "reportsWindow" and shiboken6.isValid(window):
                return window
        return None

    def open_settings(self) -> None:
        # lazy: a screen loads when first opened, not with the main window (start-up, issue 13)
        from mediator_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.applied.connect(self.settings_applied)
        dialog.exec()

    def settings_applied(self, values: dict[str, str]) -> None:
        """The text size of this PC (its rules reach the views through on_changed)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            prefs.apply_text_scale(app)
        self.cases.table.adjust_row_height()
        self.fit_to_screen()

    def export_view(self, fmt: str) -> None:
        ids = self.cases.model.ids()
        if not ids:
            self.ctx.dialogs.info(self.tr("Export"), self.tr("There are no cases in view."))
            return
        name = "cases.xlsx" if fmt == "xlsx" else "cases.csv"
        pattern = self.tr("Excel workbook (*.xlsx)") if fmt == "xlsx" else self.tr(
            "CSV file (*.csv)")
        path = self.ctx.dialogs.save_file(self.tr("Export cases"), name, pattern)
        if not path:
            return
        exporter = ExportController(self.ctx, self)
        exporter.finished.connect(self._exported)
        exporter.failed.connect(self._export_failed)
        self.exporter = exporter
        exporter.start(ids, path, fmt, self.cases.model.lookups)

    def _exported(self, path: str, written: int) -> None:
        self.statusBar().showMessage(
            self.tr("Exported {count} cases to {path}").format(count=written, path=path), 8000)

    def _export_failed(self, error: str) -> None:
        if error:
            self.ctx.dialogs.error(self.tr("Export"),
                                   self.tr("The export failed: {error}").format(error=error))

    def about(self) -> None:
        self.ctx.dialogs.info(self.tr("About"), about_text(self.tr(
            "Mediation Ledger {version} — case register and statistics for people's "
            "mediation committees.\nLedger: {path}\nData folder (settings, drafts, "
            "demo): {data} {mode}"), self.ctx.db_path))

    def open_help(self) -> None:
        window = HelpWindow()
        self.windows.append(window)
        window.show()

    # ---- size and position ----------------------------------------------------------
    def refresh_minimum_size(self) -> None:
        window_fit.refresh_minimum_size(self, self._pages())

    def fit_to_screen(self) -> None:
        """After a text-size change: fresh minimum size, window kept on its screen."""
        window_fit.fit_to_screen(self, self._pages())

    def _pages(self) -> list[QWidget]:
        return [page for i in range(self.tabs.count())
                if (page := self.tabs.widget(i)) is not None]

    def event(self, event: QEvent) -> bool:
        timer = getattr(self, "_fit_timer", None)
        if event.type() == QEvent.Type.ApplicationFontChange and timer is not None:
            timer.start(0)  # however the font changed (settings_applied fits too)
        return super().event(event)

    def unsaved_case_forms(self) -> list[QWidget]:
        return [w for w in self.windows if isinstance(w, _Editor)
                and shiboken6.isValid(w) and w.isVisible() and w.is_dirty()]

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quitting: each case form with unsaved changes comes to the front and asks
        first; the other windows close only once every question was answered (保存 or
        取消 keeps the program open, 不保存 goes on)."""
        for form in self.unsaved_case_forms():
            bring_to_front(form)
            wait_until_active(form)  # the question is asked over the active window
            if not form.close():
                event.ignore()
                return
        for window in list(self.windows):
            if shiboken6.isValid(window) and not window.close():
                event.ignore()
                return
        prefs.save_window_geometry(self)
        event.accept()

