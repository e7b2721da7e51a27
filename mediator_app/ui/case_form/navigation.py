"""Keyboard order across the form's pages, and placing problems beside their fields."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox, QTabWidget, QWidget

from mediator_app.ui.case_form.pages import FieldPage
from mediator_app.ui.case_form.records import RecordEditor
from mediator_app.ui.case_form.widgets import ErrorLabel

PAGE_BASIC, PAGE_PARTIES, PAGE_RECORDS, PAGE_AGREEMENT, PAGE_FOLLOW_UPS = range(5)


class TabChain(QObject):
    """Tab / Shift+Tab follow an explicit list of (page, widget), switching pages
    when the next field is on another one (the paper form's order). The window calls
    ``move_from`` from its ``focusNextPrevChild``, which every Tab reaches."""

    def __init__(self, tabs: QTabWidget, entries: list[tuple[int, QWidget]]) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.entries = entries
        self._owner: dict[QObject, int] = {}
        for index, (_page, widget) in enumerate(entries):
            self._owner[widget] = index
            edit = widget.lineEdit() if isinstance(widget, QComboBox) else None
            if edit is not None:
                self._owner[edit] = index

    def index_of(self, widget: QObject | None) -> int | None:
        """The entry ``widget`` (or the entry widget containing it) stands for."""
        while widget is not None:
            if widget in self._owner:
                return self._owner[widget]
            widget = widget.parent()
        return None

    def move_from(self, widget: QObject | None, step: int) -> bool:
        index = self.index_of(widget)
        return index is not None and self.move(index, step)

    def move(self, index: int, step: int) -> bool:
        i = index + step
        while 0 <= i < len(self.entries):
            page, widget = self.entries[i]
            if self._can_focus(widget):
                if self.tabs.currentIndex() != page:
                    self.tabs.setCurrentIndex(page)
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            i += step
        return False

    def first_on_page(self, page: int) -> QWidget | None:
        return next((w for p, w in self.entries if p == page and self._can_focus(w)), None)

    @staticmethod
    def _can_focus(widget: QWidget) -> bool:
        return widget.isEnabled() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus


RECORD_FIELD = re.compile(r"(\w+)\[(\d+)\]\.(\w+)")


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
        match = RECORD_FIELD.fullmatch(field)
        if match and match.group(1) in self.editors:
            index, editor = self.editors[match.group(1)]
            widget = editor.show_problem(int(match.group(2)), match.group(3), text)
            if widget is not None:
                return Placed(index, widget)
        self._general_texts.append(text)
        self.general.show_message("\n".join(self._general_texts))
        return None
