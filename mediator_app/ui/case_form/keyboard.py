"""The case form's keyboard: Tab along the paper form's order (across pages), page
switching, adding a party and closing with Esc."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from mediator_app.ui.case_form.navigation import PAGE_PARTIES, TabChain
from mediator_app.ui.case_form.parties import PartyEditor

# (keys, pages to move); Ctrl+Tab and Ctrl+PgDown as in browsers and office programs
PAGE_KEYS: tuple[tuple[str, int], ...] = (
    ("Ctrl+Tab", 1), ("Ctrl+PgDown", 1), ("Ctrl+Shift+Tab", -1), ("Ctrl+PgUp", -1),
)
ADD_PARTY_KEYS = "Ctrl+Shift+P"


def first_focusable(page: QWidget) -> QWidget | None:
    """The first widget inside ``page`` that Tab would stop at, in focus-chain order."""
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if (page.isAncestorOf(widget) and widget.isEnabled() and widget.isVisibleTo(page)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return widget
        widget = widget.nextInFocusChain()
    return None


class FormKeys:
    """The shortcuts of one form window and its Tab order."""

    def __init__(self, window: QWidget, tabs: QTabWidget, tab_chain: TabChain,
                 parties: PartyEditor) -> None:
        self.window = window
        self.tabs = tabs
        self.tab_chain = tab_chain
        self.parties = parties

    def install(self, save: Callable[[], None], save_and_new: Callable[[], None]) -> None:
        window = self.window
        QShortcut(QKeySequence("Ctrl+S"), window, save)
        QShortcut(QKeySequence("Ctrl+Shift+S"), window, save_and_new)
        QShortcut(QKeySequence(ADD_PARTY_KEYS), window, self.add_party)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), window, self.escape)
        for keys, step in PAGE_KEYS:
            QShortcut(QKeySequence(keys), window, lambda s=step: self.switch_page(s))

    def tab_moved(self, forward: bool) -> bool:
        """Every Tab of the form reaches the window's ``focusNextPrevChild`` (also the
        one a type-ahead popup passes on, which no event filter sees), which asks here
        first: follow the paper form's order where it applies. Qt also ends there when
        the page holding the focus is hidden (switching pages): then the focus widget is
        no longer visible and Qt's own choice is kept (False)."""
        focus = QApplication.focusWidget()
        return focus is not None and focus.isVisible() and self.tab_chain.move_from(
            focus, 1 if forward else -1)

    def escape(self) -> None:
        """Esc closes an open list of suggestions first, else the form (asking about
        unsaved changes as the Close button does)."""
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.hide()
        else:
            self.window.close()

    def switch_page(self, step: int) -> None:
        """Ctrl+Tab / Ctrl+PgDown (and back): the next page, cursor in its first field."""
        index = (self.tabs.currentIndex() + step) % self.tabs.count()
        self.tabs.setCurrentIndex(index)
        page = self.tabs.widget(index)
        target = self.tab_chain.first_on_page(index) or (
            first_focusable(page) if page is not None else None)
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def add_party(self) -> None:
        """Ctrl+Shift+P: a new party on the 当事人 page, the cursor in its name."""
        self.tabs.setCurrentIndex(PAGE_PARTIES)
        self.parties.add_record()
