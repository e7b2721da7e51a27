"""Two editors of one case: a save refused with ``case.changed_elsewhere`` (someone else
saved the case after this form read it) offers to load the stored version, keeping the
user's edits as a draft that is offered again the next time the case is opened.

Its texts are the catalogue's "case.conflict" area (domain/catalogue/case_form.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mediator_app.domain import catalogue
from mediator_app.domain.errors import Problem
from mediator_app.domain.model import Case
from mediator_app.services.organisation.lookups import case_as_seen, stored_case
from mediator_app.ui.case_form.host import FormHost
from mediator_app.ui.case_form.state import case_to_state

CODE = "case.changed_elsewhere"
# set by the status actions, so taken from the stored case when kept edits are restored
STATUS_KEYS = ("rowid", "case_id", "updated_at", "status", "accepted_on", "closed_on",
               "agreement_form")

OVERWRITE, THEIRS, KEEP = "overwrite", "theirs", "keep"


def text(lang: str, key: str, **values: Any) -> str:
    return catalogue.text("case.conflict", key, lang, **values)


def kept_key(case_id: str) -> str:
    """The draft key of edits kept after a refused save."""
    return f"edits-{case_id}"


def _when(stamp: str) -> str:
    return stamp.replace("T", " ")[:19]


class ConflictResolver:
    """Settles a save of ``form`` refused because the case changed since it was read;
    ``save`` saves the form again."""

    def __init__(self, form: FormHost, save: Callable[[], None]) -> None:
        self.form = form
        self.ctx = form.ctx
        self.drafts = form.drafts
        self._save = save

    def changed_elsewhere(self, problem: Problem) -> None:
        """覆盖保存 (save over the stored version), 查看对方修改 (load it; the typed state
        goes into a draft first) or 继续编辑 (nothing happens)."""
        lang = self.ctx.lang
        values = {"case_no": problem.params.get("case_no", ""),
                  "stored_at": _when(str(problem.params.get("stored_at", "")))}
        buttons = [(key, text(lang, key)) for key in (OVERWRITE, THEIRS, KEEP)]
        choice = self.ctx.dialogs.choose(text(lang, "title"), text(lang, "changed", **values),
                                         buttons, KEEP)
        if choice == OVERWRITE:
            self.overwrite()
        elif choice == THEIRS:
            self.show_theirs()

    def overwrite(self) -> None:
        """Save the form over the version stored since: the typed fields win, the status
        and its dates stay as stored (they change only through the status actions)."""
        form = self.form
        assert form.rowid is not None  # only a stored case can change elsewhere
        stored = case_to_state(stored_case(self.ctx.read_db, form.rowid))
        mine = form.state()
        form.set_state({**mine, **{k: stored[k] for k in STATUS_KEYS}})
        form.mark_changed()
        self._save()

    def show_theirs(self) -> None:
        """Load the stored version; the typed state is kept as a draft."""
        lang = self.ctx.lang
        form = self.form
        assert form.rowid is not None
        mine = form.state()
        self.drafts.save(kept_key(str(mine.get("case_id"))), mine)
        form.show_case(case_as_seen(self.ctx.read_db, form.rowid))  # masked as the user sees
        form.general_error.show_message(text(lang, "kept"))

    def offer_kept_edits(self, case: Case) -> None:
        """Edits kept by ``changed_elsewhere``: put them over the stored case (now based
        on its current version, so saving them is the user's choice) or drop them."""
        key = kept_key(case.case_id)
        draft = self.drafts.load(key)
        if draft is None:
            return
        self.drafts.delete(key)
        if not self.ctx.dialogs.confirm(text(self.ctx.lang, "restore_title"),
                                        text(self.ctx.lang, "restore", case_no=case.case_no)):
            return
        stored = case_to_state(case)
        self.form.set_state({**draft, **{k: stored[k] for k in STATUS_KEYS}})
        self.form.mark_changed()
