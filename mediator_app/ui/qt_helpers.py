"""Typed helpers around a few Qt calls.

Qt returns ``None`` for an empty table cell or a widget without layout; the screens put
an item in every cell they show and build every layout in their constructor, so a
missing one is a programming error and is raised as such instead of failing later on
``None``. ``QTimer(parent, interval=…, timeout=…)`` works but is not in the stubs, hence
``timer``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLayout, QTableWidget, QTableWidgetItem, QWidget


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    if item is None:
        raise LookupError(f"no item in row {row}, column {column} of {table.objectName()!r}")
    return item


def header_cell(table: QTableWidget, column: int) -> QTableWidgetItem:
    item = table.horizontalHeaderItem(column)
    if item is None:
        raise LookupError(f"no header item in column {column} of {table.objectName()!r}")
    return item


def layout_of(widget: QWidget) -> QLayout:
    """The layout ``widget`` was built with (set in its constructor)."""
    layout = widget.layout()
    if layout is None:
        raise LookupError(f"{type(widget).__name__} has no layout")
    return layout


def timer(parent: QObject, interval_ms: int, slot: Callable[[], object], *,
          single_shot: bool = False) -> QTimer:
    made = QTimer(parent)
    made.setSingleShot(single_shot)
    made.setInterval(interval_ms)
    made.timeout.connect(slot)
    return made
