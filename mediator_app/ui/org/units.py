"""Streets, villages/communities and grids: a tree, and the form of the selected unit.
A grid shows its grid workers and whether they are also mediators (双员)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QWidget

from mediator_app.domain.enums import OrgLevel
from mediator_app.domain.model import OrgUnit
from mediator_app.services.organisation import edit as org_svc
from mediator_app.services.organisation import lookups
from mediator_app.ui.case_form.widgets import EnumCombo, SearchCombo, text_field, widget_as
from mediator_app.ui.context import AppContext
from mediator_app.ui.org.common import EntityPanel

INACTIVE = QBrush(QColor("#9e9e9e"))
_NEXT = {0: OrgLevel.STREET, 1: OrgLevel.VILLAGE, 2: OrgLevel.GRID}


class UnitsPanel(EntityPanel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Code"), self.tr("Level")])
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 150)
        self.tree.currentItemChanged.connect(lambda cur, _prev: self._show(cur))
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.add_field("code", self.tr("Code"), QLineEdit())
        self.add_field("name", self.tr("Name"), QLineEdit())
        self.add_field("level", self.tr("Level"), EnumCombo([lv.value for lv in OrgLevel]))
        self.add_field("parent_code", self.tr("Parent unit"), SearchCombo())
        self.new_button.setText(self.tr("New subordinate unit"))
        self.workers = QLabel()
        self.workers.setWordWrap(True)
        self.workers.setTextFormat(Qt.TextFormat.RichText)
        self.workers.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.extra.addWidget(self.workers, 1)
        self.reload()

    # ---- list -------------------------------------------------------------------------------
    def reload(self) -> None:
        units = lookups.org_units(self.ctx.read_db, include_inactive=True)
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for unit in sorted(units, key=lambda u: (u.level.rank, u.code)):
            if not unit.active and not self.show_inactive:
                continue
            parent = items.get(unit.parent_code or "")
            item = QTreeWidgetItem(parent or self.tree, [unit.name, unit.code, unit.level.value])
            item.setData(0, Qt.ItemDataRole.UserRole, unit.code)
            if not unit.active:
                for col in range(3):
                    item.setForeground(col, INACTIVE)
                item.setText(0, self.tr("{name} (inactive)").format(name=unit.name))
            items[unit.code] = item
        self.tree.expandToDepth(1)
        parents = [u for u in units if u.level != OrgLevel.GRID]
        widget_as(self.widgets["parent_code"], SearchCombo).set_choices(
            ((u.code, u.name) for u in parents), keep=False)
        self._show(self.tree.currentItem())

    def select(self, key: object) -> None:
        for item in self.tree.findItems(str(key), Qt.MatchFlag.MatchExactly
                                        | Qt.MatchFlag.MatchRecursive, 1):
            self.tree.setCurrentItem(item)
            return

    def _show(self, item: QTreeWidgetItem | None) -> None:
        self.clear_problems()
        code = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        unit = lookups.org_unit(self.ctx.read_db, code) if code else None
        self.current_key = unit.code if unit else None
        text_field(self.widgets["code"]).setReadOnly(unit is not None)
        for name in ("code", "name", "level", "parent_code"):
            self.set_value(name, getattr(unit, name) if unit else "")
        self.set_active_button(unit.active if unit else None)
        self.workers.setText(self._workers_text(unit) if unit else "")

    def _workers_text(self, unit: OrgUnit) -> str:
        if unit.level != OrgLevel.GRID:
            return ""
        db = self.ctx.read_db
        workers = [p for p in lookups.people(db, grid_code=unit.code) if p.role.is_grid_worker]
        title = self.tr("Grid workers of this grid")
        lines = [f"<b>{title}</b>"]
        for p in workers:
            committee = lookups.committee(db, p.committee_code) if p.committee_code else None
            if p.role.is_mediator and committee:
                pair = self.tr("also a mediator of {committee} (双员)").format(
                    committee=committee.name)
            else:
                pair = self.tr("not a mediator")
            name = p.name if p.active else self.tr("{name} (inactive)").format(name=p.name)
            lines.append(f"{name} {p.phone} — {pair}")
        if not workers:
            lines.append(self.tr("No grid worker assigned."))
        return "<br>".join(lines)

    # ---- actions ----------------------------------------------------------------------------
    def new(self) -> None:
        parent = lookups.org_unit(self.ctx.read_db, self.current_key) if self.current_key else None
        # the stubs lack None, which Qt takes for 'no current item'
        self.tree.setCurrentItem(None)  # type: ignore[call-overload]
        self._show(None)
        if parent is not None and parent.level != OrgLevel.GRID:
            self.set_value("parent_code", parent.code)
            self.set_value("level", _NEXT[parent.level.rank].value)
            self.set_value("code", parent.code)
        self.widgets["code"].setFocus()

    def _unit(self) -> OrgUnit:
        active = True
        if self.current_key:
            stored = lookups.org_unit(self.ctx.read_db, self.current_key)
            active = stored.active if stored else True
        level = self.value("level") or OrgLevel.DISTRICT.value
        return OrgUnit(self.value("code"), self.value("name"), OrgLevel(level),
                       self.value("parent_code") or None, active)

    def save(self) -> None:
        unit, user = self._unit(), self.ctx.user
        self.run(lambda db: org_svc.save_unit(db, unit, user=user),
                 lambda ch: self.after_write(ch.key))

    def toggle_active(self) -> None:
        unit = lookups.org_unit(self.ctx.read_db, self.current_key) if self.current_key else None
        if unit is None:
            return
        user = self.ctx.user
        self.run(lambda db: org_svc.set_active(db, "unit", unit.code, not unit.active, user=user),
                 lambda ch: self.after_write(ch.key))

    def delete(self) -> None:
        code, user = self.current_key, self.ctx.user
        if code is None or not self.ctx.dialogs.confirm(
                self.tr("Delete unit"), self.tr("Delete unit {code}?").format(code=code)):
            return
        self.run(lambda db: org_svc.delete(db, "unit", code, user=user),
                 lambda _ch: self.after_write(None))
