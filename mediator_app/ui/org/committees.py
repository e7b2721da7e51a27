"""Committees (人民调解委员会) with their members; a member who is also a grid worker
is marked with the grid (双员联动)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from mediator_app.domain.enums import CommitteeKind
from mediator_app.domain.model import Committee, OrgUnit
from mediator_app.services.organisation import edit as org_svc
from mediator_app.services.organisation import lookups
from mediator_app.ui.case_form.widgets import EnumCombo, SearchCombo, text_field, widget_as
from mediator_app.ui.context import AppContext
from mediator_app.ui.org.common import EntityPanel
from mediator_app.ui.org.units import INACTIVE
from mediator_app.ui.qt_helpers import cell


def table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(24)
    return t


def set_row(t: QTableWidget, row: int, values: list[str], key: object, active: bool) -> None:
    for col, text in enumerate(values):
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        if not active:
            item.setForeground(INACTIVE)
        t.setItem(row, col, item)


class CommitteesPanel(EntityPanel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table = table([self.tr("Code"), self.tr("Name"), self.tr("Short name"),
                            self.tr("Kind"), self.tr("Unit")])
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.add_field("code", self.tr("Code"), QLineEdit())
        self.add_field("name", self.tr("Name"), QLineEdit())
        self.add_field("short_name", self.tr("Short name"), QLineEdit())
        self.add_field("kind", self.tr("Kind"), EnumCombo([k.value for k in CommitteeKind]))
        self.add_field("org_code", self.tr("Organisation unit"), SearchCombo())
        self.add_field("phone", self.tr("Phone"), QLineEdit())
        self.add_field("address", self.tr("Address"), QLineEdit())
        members = self.tr("Members")
        self.extra.addWidget(QLabel(f"<b>{members}</b>"))
        self.members = table([self.tr("Name"), self.tr("Role"), self.tr("Employment"),
                              self.tr("Also grid worker of")])
        self.extra.addWidget(self.members, 1)
        self._units: dict[str, OrgUnit] = {}  # as last read (on open, after changes)
        self.reload()

    def reload(self) -> None:
        db = self.ctx.read_db
        self._units = units = {u.code: u for u in lookups.org_units(db)}
        rows = [c for c in lookups.committees(db) if c.active or self.show_inactive]
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for row, c in enumerate(rows):
            unit = units.get(c.org_code)
            label = c.name if c.active else self.tr("{name} (inactive)").format(name=c.name)
            set_row(self.table, row, [c.code, label, c.short_name, c.kind.value,
                                      unit.name if unit else c.org_code], c.code, c.active)
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)
        widget_as(self.widgets["org_code"], SearchCombo).set_choices(
            ((u.code, u.name) for u in units.values()), keep=False)
        self.select(self.current_key)

    def select(self, key: object) -> None:
        for row in range(self.table.rowCount()):
            if cell(self.table, row, 0).data(Qt.ItemDataRole.UserRole) == key:
                self.table.selectRow(row)
                self._show(str(key))
                return
        self.table.clearSelection()
        self._show(None)

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        key = cell(self.table, rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None
        self._show(key)

    def _show(self, code: str | None) -> None:
        self.clear_problems()
        c = lookups.committee(self.ctx.read_db, code) if code else None
        self.current_key = c.code if c else None
        text_field(self.widgets["code"]).setReadOnly(c is not None)
        for name in ("code", "name", "short_name", "kind", "org_code", "phone", "address"):
            self.set_value(name, getattr(c, name).value if name == "kind" and c
                           else getattr(c, name) if c else "")
        self.set_active_button(c.active if c else None)
        self._show_members(c)

    def _show_members(self, c: Committee | None) -> None:
        people = ([p for p in lookups.people(self.ctx.read_db, committee_code=c.code)
                   if p.role.is_mediator] if c else [])
        self.members.setRowCount(len(people))
        for row, p in enumerate(people):
            grid = self._units.get(p.grid_code or "") if p.role.is_grid_worker else None
            paired = f"{grid.name} ({grid.code})" if grid else ""
            set_row(self.members, row, [p.name, p.role.value,
                                        p.employment.value if p.employment else "", paired],
                    p.id, p.active)

    def new(self) -> None:
        self.table.clearSelection()
        self._show(None)
        self.set_value("kind", CommitteeKind.VILLAGE.value)
        self.widgets["code"].setFocus()

    def _committee(self) -> Committee:
        stored = lookups.committee(self.ctx.read_db, self.current_key) if self.current_key else None
        kind = self.value("kind") or CommitteeKind.VILLAGE.value
        return Committee(self.value("code"), self.value("name"), self.value("short_name"),
                         CommitteeKind(kind), self.value("org_code"),
                         stored.active if stored else True, self.value("phone"),
                         self.value("address"))

    def save(self) -> None:
        c, user = self._committee(), self.ctx.user
        self.run(lambda db: org_svc.save_committee(db, c, user=user),
                 lambda ch: self.after_write(ch.key))

    def toggle_active(self) -> None:
        c = lookups.committee(self.ctx.read_db, self.current_key) if self.current_key else None
        if c is None:
            return
        user = self.ctx.user
        self.run(lambda db: org_svc.set_active(db, "committee", c.code, not c.active, user=user),
                 lambda ch: self.after_write(ch.key))

    def delete(self) -> None:
        code, user = self.current_key, self.ctx.user
        if code is None or not self.ctx.dialogs.confirm(
                self.tr("Delete committee"),
                self.tr("Delete committee {code}?").format(code=code)):
            return
        self.run(lambda db: org_svc.delete(db, "committee", code, user=user),
                 lambda _ch: self.after_write(None))
