"""Two editors of one case: a save refused with ``case.changed_elsewhere`` (someone else
saved the case after this form read it) offers to load the stored version, keeping the
user's edits as a draft that is offered again the next time the case is opened.

The texts live here in both languages until ``domain/messages`` carries the code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mediator_app.domain.errors import Problem
from mediator_app.domain.model import Case
from mediator_app.services.organisation.lookups import case_as_seen, stored_case
from mediator_app.ui.case_form.host import FormHost
from mediator_app.ui.case_form.state import case_to_state

CODE = "case.changed_elsewhere"
# set by the status actions, so taken from the stored case when kept edits are restored
STATUS_KEYS = ("rowid", "case_id", "updated_at", "status", "accepted_on", "closed_on",
               "agreement_form")

TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "案件已被他人修改",
        "changed": "案件 {case_no} 在您打开之后已被其他人保存（{stored_at}），"
                   "您的修改没有保存，以免覆盖对方的修改。\n\n"
                   "“覆盖保存”：用您的修改覆盖对方保存的内容（案件状态以对方保存的为准）。\n"
                   "“查看对方修改”：载入对方保存的版本，您的修改保留为草稿，"
                   "下次打开本案件时可以恢复。\n"
                   "“继续编辑”：回到表单，什么也不保存。",
        "overwrite": "覆盖保存",
        "theirs": "查看对方修改",
        "keep": "继续编辑",
        "kept": "已载入他人保存的版本；您的修改已保留为草稿，下次打开本案件时可以恢复。",
        "restore_title": "恢复未保存的修改",
        "restore": "您上次对案件 {case_no} 的修改因他人同时保存而未能保存，已保留为草稿。"
                   "是否用这些修改覆盖现在的内容？（选择“否”将删除该草稿）",
    },
    "en": {
        "title": "Case changed by someone else",
        "changed": "Case {case_no} was saved by someone else ({stored_at}) after you opened "
                   "it. Your changes were not saved, so as not to overwrite theirs.\n\n"
                   "“Overwrite”: save your changes over theirs (the case status stays as "
                   "they saved it).\n"
                   "“See their changes”: load the stored version; your changes are kept as "
                   "a draft that you can restore the next time you open this case.\n"
                   "“Keep editing”: back to the form, nothing is saved.",
        "overwrite": "Overwrite",
        "theirs": "See their changes",
        "keep": "Keep editing",
        "kept": "The version saved by someone else is shown; your changes are kept as a "
                "draft and offered again the next time you open this case.",
        "restore_title": "Restore unsaved changes",
        "restore": "Your last changes to case {case_no} could not be saved because someone "
                   "else saved it at the same time; they were kept as a draft. Put them "
                   "over the current contents? (No deletes the draft.)",
    },
}


OVERWRITE, THEIRS, KEEP = "overwrite", "theirs", "keep"


def text(lang: str, key: str, **values: Any) -> str:
    texts = TEXTS["en" if lang.lower().startswith("en") else "zh"]
    return texts[key].format(**values)


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
