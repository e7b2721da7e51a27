"""Navigation tree: the org hierarchy (district → streets → villages/communities →
grids) and the committees. Choosing a node selects everything beneath it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from mediator_app.domain.case_filter import Scope
from mediator_app.domain.org_tree import tree_order
from mediator_app.services.cases import browse
from mediator_app.ui.context import AppContext
from mediator_app.ui.labels import level_label

SCOPE_ROLE = Qt.ItemDataRole.UserRole + 2


class NavTree(QTreeWidget):
    scopeChanged = Signal(object)  # domain.case_filter.Scope

    def __init__(self, ctx: AppContext, parent: Any = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setHeaderHidden(True)
        self.setObjectName("navTree")
        self.setMinimumWidth(200)
        self.currentItemChanged.connect(self._current_changed)
        self.reload()

    def reload(self) -> None:
        """Rebuild from the database, keeping the current scope when it still exists."""
        current = self.current_scope()
        self.blockSignals(True)
        self.clear()
        all_item = self._item(None, self.tr("All cases"), Scope())
        self._add_units(all_item)
        self._add_committees(all_item)
        all_item.setExpanded(True)
        self.blockSignals(False)
        self.select_scope(current)

    def _item(self, parent: QTreeWidgetItem | None, text: str,
              scope: Scope) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, SCOPE_ROLE, scope)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def _add_units(self, root: QTreeWidgetItem) -> None:
        items: dict[str | None, QTreeWidgetItem] = {None: root}
        for (code, name, level, _p), parent in tree_order(browse.org_nodes(self.ctx.read_db)):
            owner = items[parent]
            item = items[code] = self._item(owner, name, Scope("org", code))
            item.setToolTip(0, f"{level_label(level)} · {code}")
            item.setExpanded(owner is root)

    def _add_committees(self, root: QTreeWidgetItem) -> None:
        committees = browse.committee_nodes(self.ctx.read_db)
        if not committees:
            return
        top = self._item(root, self.tr("Committees"), Scope())
        top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        kinds: dict[str, QTreeWidgetItem] = {}
        for code, name, kind, _org in committees:
            if kind not in kinds:
                kinds[kind] = self._item(top, kind, Scope())
                kinds[kind].setFlags(kinds[kind].flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self._item(kinds[kind], name, Scope("committee", code)).setToolTip(0, code)

    def current_scope(self) -> Scope:
        item = self.currentItem()
        scope = item.data(0, SCOPE_ROLE) if item is not None else None
        return scope if isinstance(scope, Scope) else Scope()

    def current_label(self) -> str:
        item = self.currentItem()
        return item.text(0) if item is not None else self.tr("All cases")

    def select_scope(self, scope: Scope) -> bool:
        for item in self._walk():
            if item.data(0, SCOPE_ROLE) == scope and item.flags() & Qt.ItemFlag.ItemIsSelectable:
                self.setCurrentItem(item)
                return True
        first = self.topLevelItem(0)
        if first is not None:
            self.setCurrentItem(first)
        return False

    def _walk(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is None:
                continue
            out.append(item)
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return out

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        if current is None or not current.flags() & Qt.ItemFlag.ItemIsSelectable:
            return
        self.scopeChanged.emit(self.current_scope())
