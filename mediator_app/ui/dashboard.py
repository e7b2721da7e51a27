"""The home screen: this month's and this year's figures for the selected scope,
overdue cases, follow-ups due this week, 12 months by status and types this year."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.case_filter import DueCase, Scope
from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message
from mediator_app.services.statistics.dashboard import DashboardData, PeriodSummary, load_dashboard
from mediator_app.ui.charts import BarList, MonthlyStatusChart
from mediator_app.ui.context import AppContext

CASE_ROLE = Qt.ItemDataRole.UserRole + 3


def scaled_app_font(factor: float, bold: bool = True) -> QFont:
    """The application font *now* (it follows the text-size setting), scaled."""
    font = QFont(QApplication.font())
    font.setBold(bold)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    return font


def follow_app_font(restyle: Callable[[QFont], None]) -> None:
    """Call ``restyle`` whenever the application font changes. (Qt sends
    ApplicationFontChange only to top-level windows, and a child with its own font gets
    no FontChange, so the application's ``fontChanged`` signal is what reaches it.)"""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        app.fontChanged.connect(restyle)  # a bound method: disconnected with its widget


class Heading(QLabel):
    """A bold heading a little larger than the text; re-derived from the application font
    whenever that changes (larger text), never a font captured at construction."""

    SCALE = 1.3

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._restyle()
        follow_app_font(self._restyle)

    def _restyle(self, _font: QFont | None = None) -> None:
        self.setFont(scaled_app_font(self.SCALE))


class FiguresBox(QGroupBox):
    """排查 / 调解成功 / 化解率 (with numerator and denominator)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        grid = QGridLayout(self)
        self.values: dict[str, QLabel] = {}
        rows = (("disputes", self.tr("Disputes registered")),
                ("resolved", self.tr("Resolved")),
                ("rate", self.tr("Resolution rate")))
        for r, (key, text) in enumerate(rows):
            grid.addWidget(QLabel(text), r, 0)
            value = QLabel("—")
            value.setObjectName(f"figure_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(value, r, 1)
            self.values[key] = value
        self.detail = QLabel("")
        self.detail.setObjectName("figure_rate_detail")
        grid.addWidget(self.detail, len(rows), 0, 1, 2, Qt.AlignmentFlag.AlignRight)
        self._style_values()
        follow_app_font(self._style_values)

    def _style_values(self, _font: QFont | None = None) -> None:
        """Big bold numbers, scaled from the application font (which follows text size)."""
        font = scaled_app_font(1.4)
        for value in self.values.values():
            value.setFont(font)

    def show_figures(self, f: PeriodSummary) -> None:
        self.values["disputes"].setText(str(f.disputes))
        self.values["resolved"].setText(str(f.resolved))
        self.values["rate"].setText(f.rate_text)
        self.detail.setText(self.tr("{numerator} ÷ {denominator}").format(
            numerator=f.numerator, denominator=f.denominator))



class DueList(QGroupBox):
    """A clickable list of cases (double-click or Enter opens the case)."""

    openCase = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setMinimumHeight(160)
        QVBoxLayout(self).addWidget(self.list)
        self.list.itemActivated.connect(
            lambda item: self.openCase.emit(int(item.data(CASE_ROLE))))

    def show_cases(self, title: str, cases: list[DueCase], line: str) -> None:
        self.setTitle(title)
        self.list.clear()
        for case in cases:
            text = line.format(case_no=case.case_no or "—", parties=case.party_names,
                               day=case.day or "")
            item = QListWidgetItem(text)
            item.setData(CASE_ROLE, case.id)
            self.list.addItem(item)

    def case_ids(self) -> list[int]:
        return [int(self.list.item(i).data(CASE_ROLE)) for i in range(self.list.count())]


class Dashboard(QScrollArea):
    openCase = Signal(int)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today: date | None = None  # tests pin the date
        self.scope = Scope()
        self.data: DashboardData | None = None
        self._generation = 0
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._build()

    def _build(self) -> None:
        body = QWidget()
        self.title = Heading()
        self.title.setObjectName("dashboardTitle")
        self.error = QLabel()
        self.error.setObjectName("dashboardError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        self.month_box = FiguresBox(self.tr("This month"))
        self.year_box = FiguresBox(self.tr("This year"))
        self.chart = MonthlyStatusChart()
        self.types = BarList()
        self.overdue = DueList()
        self.followups = DueList()
        for due in (self.overdue, self.followups):
            due.openCase.connect(self.openCase.emit)
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addWidget(self.error)
        layout.addLayout(self._row(self.month_box, self.year_box))
        layout.addLayout(self._row(self._boxed(self.tr("Last 12 months by status"), self.chart),
                                   self._boxed(self.tr("This year by dispute type"),
                                               self.types)))
        layout.addLayout(self._row(self.overdue, self.followups))
        layout.addStretch(1)
        self.setWidget(body)

    @staticmethod
    def _row(*widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for w in widgets:
            row.addWidget(w, 1)
        return row

    @staticmethod
    def _boxed(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    def set_scope(self, scope: Scope, label: str) -> None:
        self.scope = scope
        self.title.setText(self.tr("Overview: {name}").format(name=label))
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        gen, scope, today = self._generation, self.scope, self.today
        self.ctx.runner.run(lambda db: load_dashboard(db, scope, today),
                            lambda data: self._show(gen, data),
                            lambda exc: self._failed(gen, exc))

    def _failed(self, gen: int, exc: BaseException) -> None:
        """A plain message above the figures (the last ones shown stay)."""
        if gen != self._generation:
            return
        if isinstance(exc, DomainError):
            reason = "；".join(message(p, self.ctx.lang) for p in exc.problems)
        else:
            reason = self.ctx.error_reason(exc, "query")
        self.error.setText(self.tr("The overview could not be computed: {error}").format(
            error=reason))
        self.error.show()

    def _show(self, gen: int, data: DashboardData) -> None:
        if gen != self._generation:
            return
        self.data = data
        self.error.hide()
        self.month_box.show_figures(data.month)
        self.year_box.show_figures(data.year)
        self.chart.set_data(data.monthly)
        self.types.set_data(data.types)
        self.overdue.show_cases(
            self.tr("Overdue cases ({count})").format(count=data.overdue_total),
            data.overdue, self.tr("{case_no}  {parties}  (accepted {day})"))
        self.followups.show_cases(
            self.tr("Follow-ups due this week ({count})").format(count=data.followup_total),
            data.followups, self.tr("{case_no}  {parties}  (follow up by {day})"))
        self.loaded.emit()
