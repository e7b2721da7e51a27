"""Mediators and grid workers (人民调解员 / 网格员); 双员 = both roles, one person."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from mediator_app.domain.enums import Employment, OrgLevel, PersonRole, Sex
from mediator_app.domain.model import Committee, OrgUnit, Person
from mediator_app.services.organisation import edit as org_svc
from mediator_app.services.organisation import lookups
from mediator_app.ui.case_form.widgets import EnumCombo, SearchCombo, widget_as
from mediator_app.ui.context import AppContext
from mediator_app.ui.org.committees import set_row, table
from mediator_app.ui.org.common import EntityPanel
from mediator_app.ui.qt_helpers import cell

_FIELDS = ("name", "role", "committee_code", "grid_code", "phone", "sex", "employment",
           "position")


class PeoplePanel(EntityPanel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by name, phone, committee or grid"))
        self.filter.textChanged.connect(lambda _t: self.apply_filter())
        layout.addWidget(self.filter)
        self.table = table([self.tr("Name"), self.tr("Role"), self.tr("Committee"),
                            self.tr("Grid"), self.tr("Phone")])
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.add_field("name", self.tr("Name"), QLineEdit())
        self.add_field("role", self.tr("Role"), EnumCombo([r.value for r in PersonRole],
                                                          allow_empty=False))
        self.add_field("committee_code", self.tr("Committee (mediators)"), SearchCombo())
        self.add_field("grid_code", self.tr("Grid (grid workers)"), SearchCombo())
        self.add_field("phone", self.tr("Phone"), QLineEdit())
        self.add_field("sex", self.tr("Sex"), EnumCombo([s.value for s in Sex]))
        self.add_field("employment", self.tr("Employment"),
                       EnumCombo([e.value for e in Employment]))
        self.add_field("position", self.tr("Position"), QLineEdit())
        self._people: dict[int, Person] = {}  # as last read (on open, after changes)
        self._texts: list[str] = []  # per table row: what the filter searches
        widget_as(self.widgets["role"], EnumCombo).currentIndexChanged.connect(
            lambda _i: self._role_changed())
        self.reload()

    def reload(self) -> None:
        """Read the people, committees and grids once; the filter works on the table."""
        db = self.ctx.read_db
        committees = {c.code: c for c in lookups.committees(db)}
        grids = {u.code: u for u in lookups.org_units(db) if u.level == OrgLevel.GRID}
        people = [p for p in lookups.people(db) if p.active or self.show_inactive]
        self._people = {p.id: p for p in people if p.id is not None}
        self.table.blockSignals(True)
        self.table.setRowCount(len(people))
        self._texts = []
        for row, p in enumerate(people):
            values = self._values(p, committees, grids)
            set_row(self.table, row, values, p.id, p.active)
            self._texts.append(" ".join(values).lower())
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)
        widget_as(self.widgets["committee_code"], SearchCombo).set_choices(
            ((c.code, c.name) for c in committees.values() if c.active), keep=False)
        widget_as(self.widgets["grid_code"], SearchCombo).set_choices(
            ((g.code, g.name) for g in grids.values() if g.active), keep=False)
        self.apply_filter()
        self.select(self.current_key)

    def _values(self, p: Person, committees: dict[str, Committee],
                grids: dict[str, OrgUnit]) -> list[str]:
        c = committees.get(p.committee_code or "")
        g = grids.get(p.grid_code or "")
        name = p.name if p.active else self.tr("{name} (inactive)").format(name=p.name)
        return [name, p.role.value, c.name if c else "", g.name if g else "", p.phone]

    def apply_filter(self) -> None:
        """Hide the rows without the typed text (name, role, committee, grid, phone);
        nothing is read again and the form keeps what is being typed."""
        needle = self.filter.text().strip().lower()
        for row, text in enumerate(self._texts):
            self.table.setRowHidden(row, needle not in text)

    def select(self, key: object) -> None:
        for row in range(self.table.rowCount()):
            if (not self.table.isRowHidden(row)
                    and cell(self.table, row, 0).data(Qt.ItemDataRole.UserRole) == key):
                self.table.selectRow(row)
                self._show(int(str(key)))  # the row's person id
                return
        self.table.clearSelection()
        self._show(None)

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        key = cell(self.table, rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None
        self._show(key)

    def _show(self, pid: int | None) -> None:
        self.clear_problems()
        p = self._people.get(pid) if pid is not None else None
        self.current_key = p.id if p else None
        for name in _FIELDS:
            value = getattr(p, name) if p else ""
            self.set_value(name, value.value if hasattr(value, "value") else value)
        if p is None:
            self.set_value("role", PersonRole.MEDIATOR.value)
        self.set_active_button(p.active if p else None)
        self._role_changed()

    def _role_changed(self) -> None:
        role = PersonRole(self.value("role") or PersonRole.MEDIATOR.value)
        self.widgets["committee_code"].setEnabled(role.is_mediator)
        self.widgets["grid_code"].setEnabled(role.is_grid_worker)

    def new(self) -> None:
        self.table.clearSelection()
        self._show(None)
        self.widgets["name"].setFocus()

    def _person(self) -> Person:
        stored = self._people.get(self.current_key) if self.current_key else None
        sex, emp = self.value("sex"), self.value("employment")
        return Person(
            id=self.current_key, name=self.value("name"), role=PersonRole(self.value("role")),
            committee_code=self.value("committee_code") or None,
            grid_code=self.value("grid_code") or None, phone=self.value("phone"),
            sex=Sex(sex) if sex else None, employment=Employment(emp) if emp else None,
            position=self.value("position"), active=stored.active if stored else True)

    def save(self) -> None:
        p, user = self._person(), self.ctx.user
        self.run(lambda db: org_svc.save_person(db, p, user=user),
                 lambda ch: self.after_write(int(ch.key)))

    def toggle_active(self) -> None:
        p = self._people.get(self.current_key) if self.current_key else None
        if p is None or p.id is None:
            return
        user, person_id = self.ctx.user, p.id
        self.run(lambda db: org_svc.set_active(db, "person", person_id, not p.active,
                                               user=user),
                 lambda ch: self.after_write(int(ch.key)))

    def delete(self) -> None:
        pid, user = self.current_key, self.ctx.user
        if pid is None or not self.ctx.dialogs.confirm(
                self.tr("Delete person"), self.tr("Delete {name}?").format(
                    name=self.value("name"))):
            return
        self.run(lambda db: org_svc.delete(db, "person", pid, user=user),
                 lambda _ch: self.after_write(None))
