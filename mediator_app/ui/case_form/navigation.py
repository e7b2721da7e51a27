"""Keyboard order across the form's pages, and placing problems beside their fields."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QTabWidget, QWidget

from mediator_app.ui.case_form.pages import FieldPage
from mediator_app.ui.case_form.records import RecordEditor
from mediator_app.ui.case_form.widgets import ErrorLabel


class TabChain(QObject):
    """Tab / Shift+Tab follow an explicit list of (page, widget), switching pages
    when the next field is on another one (the paper form's order)."""

    def __init__(self, tabs: QTabWidget, entries: list[tuple[int, QWidget]]) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.entries = entries
        self._owner: dict[QObject, int] = {}
        for index, (_page, widget) in enumerate(entries):
            self._watch(widget, index)

    def _watch(self, widget: QWidget, index: int) -> None:
        widget.installEventFilter(self)
        self._owner[widget] = index
        if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
            widget.lineEdit().installEventFilter(self)
            self._owner[widget.lineEdit()] = index

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or obj not in self._owner:
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        if key_event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        if key_event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        back = key_event.key() == Qt.Key.Key_Backtab or bool(
            key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        return self.move(self._owner[obj], -1 if back else 1)

    def move(self, index: int, step: int) -> bool:
        i = index + step
        while 0 <= i < len(self.entries):
            page, widget = self.entries[i]
            if widget.isEnabled() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                if self.tabs.currentIndex() != page:
                    self.tabs.setCurrentIndex(page)
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            i += step
        return False


_RECORD_FIELD = re.compile(r"(\w+)\[(\d+)\]\.(\w+)")


@dataclass
class Placed:
    page: int
    widget: QWidget | None


class ProblemPlacer:
    """Finds the error label of a problem's field on the form's pages."""

    def __init__(self, pages: dict[int, FieldPage], editors: dict[str, tuple[int, RecordEditor]],
                 general: ErrorLabel) -> None:
        self.pages = pages
        self.editors = editors
        self.general = general
        self._general_texts: list[str] = []

    def clear(self) -> None:
        for page in self.pages.values():
            page.clear_problems()
        for _index, editor in self.editors.values():
            editor.clear_problems()
        self._general_texts = []
        self.general.clear_message()

    def place(self, field: str, text: str) -> Placed | None:
        for index, page in self.pages.items():
            if field in page.errors:
                page.errors[field].show_message(text)
                return Placed(index, page.widgets.get(field))
        match = _RECORD_FIELD.fullmatch(field)
        if match and match.group(1) in self.editors:
            index, editor = self.editors[match.group(1)]
            widget = editor.show_problem(int(match.group(2)), match.group(3), text)
            if widget is not None:
                return Placed(index, widget)
        self._general_texts.append(text)
        self.general.show_message("\n".join(self._general_texts))
        return None
