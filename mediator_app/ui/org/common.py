"""What the organisation panels share: a list on the left, a form with error labels on
the right, and New / Save / Deactivate / Delete running on the DB worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.messages import message
from mediator_app.ui.case_form.widgets import (
    ErrorLabel,
    set_widget_value,
    widget_value,
    with_error,
)
from mediator_app.ui.context import AppContext


class EntityPanel(QWidget):
    """Subclasses build ``self.list_widget`` and the fields, and implement the hooks."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.show_inactive = False
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.labels: dict[str, str] = {}  # field -> its label on this form (名称 / 姓名 …)
        self.current_key: Any = None
        layout = QHBoxLayout(self)
        self.splitter = QSplitter(self)
        layout.addWidget(self.splitter)
        self.right = QWidget()
        right = QVBoxLayout(self.right)
        self.form = QFormLayout()
        right.addLayout(self.form)
        self.general = ErrorLabel()
        right.addWidget(self.general)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New"))
        self.save_button = QPushButton(self.tr("Save"))
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.delete_button = QPushButton(self.tr("Delete"))
        for button in (self.new_button, self.save_button, self.active_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right.addLayout(buttons)
        self.extra = QVBoxLayout()
        right.addLayout(self.extra, 1)
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_button.clicked.connect(self.delete)

    # ---- fields -----------------------------------------------------------------------------
    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        box, error = with_error(widget)
        self.widgets[name] = widget
        self.errors[name] = error
        self.labels[name] = label
        self.form.addRow(label, box)
        return widget

    def value(self, name: str) -> Any:
        return widget_value(self.widgets[name], strip=True)

    def set_value(self, name: str, value: Any) -> None:
        set_widget_value(self.widgets[name], value, show_zero=True)

    # ---- problems ---------------------------------------------------------------------------
    def clear_problems(self) -> None:
        for error in [*self.errors.values(), self.general]:
            error.clear_message()

    def show_problems(self, problems: list[Problem]) -> None:
        general = []
        for problem in problems:
            text = self.problem_text(problem)
            if problem.field in self.errors:
                self.errors[problem.field].show_message(text)
            else:
                general.append(text)
        self.general.show_message("\n".join(general))

    def problem_text(self, problem: Problem) -> str:
        # named as on this form: 名称 for a unit or committee, 姓名 for a person
        return message(problem, self.ctx.lang, label=self.labels.get(problem.field))

    # ---- running ----------------------------------------------------------------------------
    def run(self, job: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        self.clear_problems()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DomainError):
                self.show_problems(exc.problems)
            else:
                self.ctx.dialogs.error(self.tr("Organisation"), self.ctx.error_text(exc, "save"))

        self.ctx.runner.op(job, done, failed)  # a write: the views hear of it (changed)

    def after_write(self, key: Any) -> None:
        self.reload()
        self.select(key)
        self.changed.emit()

    # ---- hooks ------------------------------------------------------------------------------
    def reload(self) -> None:
        raise NotImplementedError

    def select(self, key: Any) -> None:
        raise NotImplementedError

    def new(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def toggle_active(self) -> None:
        raise NotImplementedError

    def delete(self) -> None:
        raise NotImplementedError

    def set_active_button(self, active: bool | None) -> None:
        self.active_button.setEnabled(active is not None)
        self.delete_button.setEnabled(active is not None)
        self.active_button.setText(self.tr("Deactivate") if active in (True, None)
                                   else self.tr("Reactivate"))
