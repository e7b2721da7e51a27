"""The reports window (统计报表, 审核上报) and the case-documents menu; see
docs/reports-gui.md."""

from mediator_app.ui.reports.window import ReportsWindow

__all__ = ["ReportsWindow"]
