"""The case form's pickers filled from ``ctx.read_db``: committees, the grids of the
chosen committee's area, code tables and the committee's mediators."""

from __future__ import annotations

from mediator_app.services.cases import form_data as data
from mediator_app.ui.case_form.pages import BasicPage
from mediator_app.ui.context import AppContext


class FormLookups:
    """Fills the pickers of the 基本情况 page."""

    def __init__(self, ctx: AppContext, basic: BasicPage) -> None:
        self.ctx = ctx
        self.basic = basic

    def load(self) -> None:
        db, page = self.ctx.read_db, self.basic
        page.combo("committee_code").set_choices(data.committee_offer(db))
        self.reload_grids()
        for kind in ("source", "dispute_type", "difficulty"):  # inactive items: only a case's own
            offer = data.code_offer(db, kind)
            page.combo(kind).set_choices(offer.offered, retired=offer.retired)

    def committee_changed(self) -> None:
        self.reload_mediators()
        self.reload_grids()

    def reload_grids(self) -> None:
        offer = data.grid_offer(self.ctx.read_db, self.basic.value("committee_code"))
        self.basic.combo("grid_code").set_choices(offer.offered, retired=offer.retired,
                                                  others=offer.others)

    def reload_mediators(self, checked: list[int] | None = None) -> None:
        checked = self.basic.mediator_ids() if checked is None else checked
        choices = data.mediator_offer(self.ctx.read_db, self.basic.value("committee_code"),
                                      checked)
        self.basic.set_mediator_choices(choices, checked)
