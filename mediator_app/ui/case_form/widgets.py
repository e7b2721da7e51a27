"""Small widgets of the forms: pickers with type-ahead, date fields, error labels."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.errors import DomainError
from mediator_app.domain.periods import parse_date

ERROR_STYLE = "color: #c62828;"

W = TypeVar("W", bound=QWidget)


class ErrorLabel(QLabel):
    """A red message beside (under) the widget it is about; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


def with_error(widget: QWidget) -> tuple[QWidget, ErrorLabel]:
    """A container holding ``widget`` with its error label underneath."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(widget)
    error = ErrorLabel(box)
    layout.addWidget(error)
    return box, error


class SearchCombo(QComboBox):
    """Editable picker over ``(key, label)`` entries shown as "key label"; typing any
    part of the code or the name offers the matching entries."""

    keyChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setMinimumContentsLength(24)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._last = ""
        self._hidden: dict[str, str] = {}  # key -> text of entries not offered
        self._shown_hidden = ""  # the hidden key currently listed (the record's own)
        self.currentTextChanged.connect(self._emit_if_changed)
        self.line_edit().editingFinished.connect(self._normalise)

    def line_edit(self) -> QLineEdit:
        """The text field (always there: the combo is made editable above)."""
        edit = self.lineEdit()
        assert edit is not None
        return edit

    def set_choices(self, choices: Iterable[tuple[str, str]], keep: bool = True,
                    retired: Iterable[tuple[str, str]] = (),
                    others: Iterable[tuple[str, str]] = ()) -> None:
        """Offer ``choices``; a ``retired`` entry (e.g. a deactivated code-table item,
        marked inactive) or one of ``others`` (e.g. a grid outside the chosen
        committee's area) is listed only while it is the value of the record shown,
        with its label; its exact key may also be typed."""
        key = self.current_key() if keep else ""
        self._hidden = {k: f"{k} {label}".strip() for k, label in others}
        self._hidden.update(
            (k, self.tr("{key} {label} (inactive)").format(key=k, label=label))
            for k, label in retired)
        self._shown_hidden = ""
        self.blockSignals(True)
        self.clear()
        for k, label in choices:
            self.addItem(f"{k} {label}".strip(), k)
        self.blockSignals(False)
        self.set_key(key or "")

    def current_key(self) -> str:
        """The key of the entry typed or picked: exact "key label", exact key, exact
        label, or the only entry containing the text; "" if none."""
        text = self.currentText().strip()
        if not text:
            return ""
        exact = [i for i in range(self.count())
                 if text in (self.itemText(i), self.itemData(i),
                             self.itemText(i).partition(" ")[2])]
        if exact:
            return str(self.itemData(exact[0]))
        matches = [i for i in range(self.count()) if text.lower() in self.itemText(i).lower()]
        if len(matches) == 1:
            return str(self.itemData(matches[0]))
        return text if text in self._hidden else ""

    def set_key(self, key: str) -> None:
        self._show_hidden(key)
        index = self.findData(key) if key else -1
        if index >= 0:
            self.setCurrentIndex(index)
        elif key:
            self.setEditText(key)  # unknown (e.g. inactive) code stays visible
        else:
            self.setCurrentIndex(-1)
            self.setEditText("")

    def _show_hidden(self, key: str) -> None:
        """List the hidden entry ``key``; drop the one listed before."""
        if self._shown_hidden and self._shown_hidden != key:
            self.blockSignals(True)
            self.removeItem(self.findData(self._shown_hidden))
            self.blockSignals(False)
            self._shown_hidden = ""
        if key in self._hidden and self.findData(key) < 0:
            self.addItem(self._hidden[key], key)
            self._shown_hidden = key

    def _emit_if_changed(self, _text: str) -> None:
        key = self.current_key()
        if key != self._last:
            self._last = key
            self.keyChanged.emit(key)

    def _normalise(self) -> None:
        """Show the full "key label" of the entry the typed text stands for."""
        key = self.current_key()
        if key and self.findData(key) < 0:
            self._show_hidden(key)  # the exact key of an entry not offered
        if key and self.currentText() != self.itemText(self.findData(key)):
            self.setCurrentIndex(self.findData(key))


class EnumCombo(QComboBox):
    """A fixed list of values (an enum's labels), optionally with an empty entry."""

    def __init__(self, values: Iterable[str], *, allow_empty: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if allow_empty:
            self.addItem("", "")
        for value in values:
            self.addItem(value, value)

    def value(self) -> str:
        return str(self.currentData() or "")

    def set_value(self, value: str) -> None:
        index = self.findData(value or "")
        self.setCurrentIndex(max(index, 0))


class DateEdit(QLineEdit):
    """A date typed as 2023-05-01 (also 20230501, 2023/5/1, 2023年5月1日); shown in ISO
    form after leaving the field. Empty means no date."""

    def __init__(self, parent: QWidget | None = None, *, with_time: bool = False) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self.setPlaceholderText("YYYY-MM-DD HH:MM" if with_time else "YYYY-MM-DD")
        self.setMaximumWidth(170 if with_time else 130)
        self.editingFinished.connect(self._normalise)

    def _normalise(self) -> None:
        text = self.text().strip()
        if not text or self.with_time:
            return
        try:
            iso = parse_date(text, "date").isoformat()
        except DomainError:
            return
        if iso != self.text():
            self.setText(iso)


class TextEdit(QPlainTextEdit):
    """Multi-line text where Tab moves on (keyboard-first forms)."""

    def __init__(self, parent: QWidget | None = None, *, lines: int = 4) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * lines + 12)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - same name as QLineEdit
        if text != self.toPlainText():
            self.setPlainText(text)


def widget_as(w: QWidget, kind: type[W]) -> W:
    """``w`` as the kind of field it was made as (a programming error otherwise)."""
    if not isinstance(w, kind):
        raise TypeError(f"{type(w).__name__} is not a {kind.__name__}")
    return w


def text_field(w: QWidget) -> QLineEdit | TextEdit:
    """A form widget that is neither picker nor check box: a line or a text box."""
    if isinstance(w, QLineEdit | TextEdit):
        return w
    raise TypeError(f"{type(w).__name__} is not a text field")


def widget_value(w: QWidget, *, strip: bool = False) -> object:
    """The value of a form widget: a picker's key (or typed text), an enum's value, a
    check box's state, else its text."""
    if isinstance(w, SearchCombo):
        return w.current_key() or w.currentText().strip()
    if isinstance(w, EnumCombo):
        return w.value()
    if isinstance(w, QCheckBox):
        return w.isChecked()
    text = text_field(w).text()
    return text.strip() if strip else text


def set_widget_value(w: QWidget, value: object, *, show_zero: bool = False) -> None:
    """Show ``value`` in a form widget; None (and 0 unless ``show_zero``) shows empty."""
    if isinstance(w, SearchCombo):
        w.set_key(str(value or ""))
    elif isinstance(w, EnumCombo):
        w.set_value(str(value or ""))
    elif isinstance(w, QCheckBox):
        w.setChecked(bool(value))
    elif show_zero:
        if isinstance(w, QLineEdit):
            w.setText("" if value is None else str(value))
    else:
        text_field(w).setText(str(value or ""))
