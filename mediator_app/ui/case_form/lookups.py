"""The case form's pickers filled from ``ctx.read_db``: committees, the grids of the
chosen committee's area, code tables and the committee's mediators. A mixin of
``CaseFormWindow``."""

from __future__ import annotations

from mediator_app.storage import lookup_repo
from mediator_app.ui.case_form.pages import BasicPage
from mediator_app.ui.context import AppContext


class LookupsMixin:
    """Needs from the window: ctx, basic."""

    ctx: AppContext
    basic: BasicPage

    def _load_lookups(self) -> None:
        db, b = self.ctx.read_db, self.basic.widgets
        b["committee_code"].set_choices(  # type: ignore[attr-defined]
            (c.key, c.label) for c in lookup_repo.committee_choices(db))
        self._reload_grids()
        for kind in ("source", "dispute_type", "difficulty"):  # inactive items: only a case's own
            items = lookup_repo.code_items(db, kind, include_inactive=True)
            b[kind].set_choices(  # type: ignore[attr-defined]
                [(i.code, i.label) for i in items if i.active],
                retired=[(i.code, i.label) for i in items if not i.active])

    def _committee_changed(self) -> None:
        self._reload_mediators()
        self._reload_grids()

    def _reload_grids(self) -> None:
        """The grids of the chosen committee's area (all grids for district-level,
        professional and enterprise committees, or when none is chosen). A grid outside
        it (or inactive) is listed only while it is the case's grid."""
        db = self.ctx.read_db
        every = lookup_repo.grid_choices(db, include_inactive=True)
        area = lookup_repo.committee_grid_area(db, self.basic.value("committee_code"))
        inside = {c.key for c in lookup_repo.grid_choices(db, under=area)} if area else set()
        offered = [c for c in every if c.active and (not inside or c.key in inside)]
        keys = {c.key for c in offered}
        self.basic.widgets["grid_code"].set_choices(  # type: ignore[attr-defined]
            [(c.key, c.label) for c in offered],
            retired=[(c.key, c.label) for c in every if not c.active],
            others=[(c.key, c.label) for c in every if c.active and c.key not in keys])

    def _reload_mediators(self, checked: list[int] | None = None) -> None:
        checked = self.basic.mediator_ids() if checked is None else checked
        committee = self.basic.value("committee_code")
        choices = [(int(c.key), c.label)
                   for c in lookup_repo.mediator_choices(self.ctx.read_db, committee)]
        missing = [pid for pid in checked if pid not in {c[0] for c in choices}]
        names = lookup_repo.person_names(self.ctx.read_db, missing)
        choices += [(pid, names.get(pid, f"#{pid}")) for pid in missing]
        self.basic.set_mediator_choices(choices, checked)
