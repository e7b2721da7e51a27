"""Small charts drawn with QPainter (QtCharts is not part of PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from mediator_app.domain.enums import CaseStatus
from mediator_app.ui.labels import status_label

STATUS_COLORS = {
    CaseStatus.REGISTERED.value: QColor("#9e9e9e"),
    CaseStatus.IN_MEDIATION.value: QColor("#f2a93b"),
    CaseStatus.RESOLVED.value: QColor("#3a8f5c"),
    CaseStatus.TERMINATED.value: QColor("#c0504d"),
    CaseStatus.REJECTED.value: QColor("#6d6d9c"),
}
BAR_COLOR = QColor("#4a7ebb")


def nice_max(value: int, ticks: int = 4) -> int:
    """A round axis maximum ≥ value: ``ticks`` × (1, 2 or 5 × 10^n)."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if value <= ticks * m * step:
                return ticks * m * step
        step *= 10


class MonthlyStatusChart(QWidget):
    """Stacked columns: cases registered per month, coloured by current status."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.months: list[tuple[str, dict[str, int]]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        """Grows with the text size (so larger text keeps the bars readable)."""
        line = self.fontMetrics().height()
        return QSize(line * 33, line * 16)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 12, line * 13)

    def set_data(self, months: list[tuple[str, dict[str, int]]]) -> None:
        self.months = months
        self.update()

    def totals(self) -> list[int]:
        return [sum(counts.values()) for _m, counts in self.months]

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        line = fm.height()
        legend = self.legend_positions()
        legend_h = (max((y for _x, y, _s in legend), default=0) + 1) * line + 8
        left, bottom = fm.horizontalAdvance("00000") + 8, line * 2 + 6
        plot = QRectF(left, legend_h + 4, self.width() - left - 8,
                      self.height() - legend_h - bottom - 4)
        top_value = nice_max(max(self.totals(), default=0))
        self._draw_legend(p, line, legend)
        self._draw_axis(p, plot, top_value)
        self._draw_bars(p, plot, top_value, line)
        p.end()

    def legend_positions(self) -> list[tuple[float, int, str]]:
        """(x, row, status) of each legend entry; entries wrap onto further rows when the
        chart is narrow or the text large."""
        fm, line = self.fontMetrics(), self.fontMetrics().height()
        out: list[tuple[float, int, str]] = []
        x, row = 8.0, 0
        for status in STATUS_COLORS:
            width = line * 1.6 + fm.horizontalAdvance(status_label(status))
            if x > 8 and x + width - line * 0.6 > self.width():
                x, row = 8.0, row + 1
            out.append((x, row, status))
            x += width
        return out

    def _draw_legend(self, p: QPainter, line: int,
                     legend: list[tuple[float, int, str]]) -> None:
        p.setPen(self.palette().text().color())
        for x, row, status in legend:
            y = 4 + row * line
            p.fillRect(QRectF(x, y + line * 0.2, line * 0.8, line * 0.8), STATUS_COLORS[status])
            text = status_label(status)
            width = self.fontMetrics().horizontalAdvance(text) + 4
            p.drawText(QRectF(x + line, y, width, line), Qt.AlignmentFlag.AlignVCenter, text)

    def _draw_axis(self, p: QPainter, plot: QRectF, top_value: int) -> None:
        p.setPen(QColor("#c8c8c8"))
        for i in range(5):
            y = plot.bottom() - plot.height() * i / 4
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(0, y - 10, plot.left() - 4, 20),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       str(top_value * i // 4))
            p.setPen(QColor("#c8c8c8"))

    def _draw_bars(self, p: QPainter, plot: QRectF, top_value: int, line: int) -> None:
        if not self.months:
            return
        slot = plot.width() / len(self.months)
        width = slot * 0.6
        for i, (month, counts) in enumerate(self.months):
            x = plot.left() + slot * i + (slot - width) / 2
            y = plot.bottom()
            for status, color in STATUS_COLORS.items():
                h = plot.height() * counts.get(status, 0) / top_value
                p.fillRect(QRectF(x, y - h, width, h), color)
                y -= h
            p.setPen(self.palette().text().color())
            label = month[5:]
            if i == 0 or month.endswith("-01"):
                label += "\n" + month[:4]  # the year under the first bar and each January
            p.drawText(QRectF(x - (slot - width) / 2, plot.bottom() + 2, slot, line * 2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)


class BarList(QWidget):
    """Horizontal bars with a label and a count (e.g. cases by dispute type)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.items: list[tuple[str, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, items: list[tuple[str, int]]) -> None:
        self.items = items
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 3

    def sizeHint(self) -> QSize:
        return QSize(360, max(1, len(self.items)) * self._row_height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        fm = self.fontMetrics()
        row_h = self._row_height()
        label_w = max((fm.horizontalAdvance(t) for t, _ in self.items), default=0) + 8
        count_w = fm.horizontalAdvance("0000000") + 8
        bar_w = max(10.0, self.width() - label_w - count_w)
        top_value = max((n for _, n in self.items), default=0) or 1
        text = self.palette().text().color()
        for i, (label, n) in enumerate(self.items):
            y = 2 + i * row_h
            p.setPen(text)
            p.drawText(QRectF(0, y, label_w - 8, row_h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            p.fillRect(QRectF(label_w, y + 2, bar_w * n / top_value, row_h - 4), BAR_COLOR)
            p.drawText(QRectF(label_w + bar_w * n / top_value + 4, y, count_w, row_h),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(n))
        p.end()
