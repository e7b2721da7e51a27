"""Saving the case form: read the typed state, check a case number typed by hand
against the template, warn about likely duplicates, write. A mixin of
``CaseFormWindow``; every database call goes through ``ctx.runner``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.messages import message
from mediator_app.domain.model import Case
from mediator_app.services.cases.edit import (
    case_no_template_problem,
    check_case,
    duplicate_case_nos,
    save_case,
)
from mediator_app.ui.case_form.conflict import CODE as CHANGED_ELSEWHERE
from mediator_app.ui.case_form.drafts import DraftStore
from mediator_app.ui.case_form.follow_ups import FollowUpEditor
from mediator_app.ui.case_form.navigation import Placed, ProblemPlacer
from mediator_app.ui.case_form.state import State, read_case
from mediator_app.ui.context import AppContext

Then = Callable[[], None] | None


class SavingMixin:
    """Needs from the window: ctx, state, placer, tabs, _busy, _stored_case_no,
    _show_case, _draft_key, drafts, _set_busy, saved, tr."""

    ctx: AppContext
    placer: ProblemPlacer
    tabs: QTabWidget
    drafts: DraftStore
    saved: Any  # Signal(int)
    _busy: bool
    _stored_case_no: str
    _draft_key: str
    _last_draft: str
    _clean: str
    state: Callable[[], State]
    tr: Callable[[str], str]
    _set_busy: Callable[[bool], None]
    _show_case: Callable[[Case], None]
    changed_elsewhere: Callable[[Problem], None]
    _resolved_keeps_mediator: Callable[[], bool]
    form_label: Callable[[str], str | None]
    follow_ups: FollowUpEditor
    tab_position: Callable[[Placed], tuple[int, int]]

    def save(self, then: Then = None) -> None:
        if self._busy:
            return
        self.placer.clear()
        mediators_ok = self._resolved_keeps_mediator()  # shown beside the list
        case, unreadable = read_case(self.state())
        unreadable += self.follow_ups.unchosen()  # 履行情况 of a visit added here
        if unreadable:  # with every rule the rest breaks: one round, not two
            self._run(lambda db: check_case(db, case),
                      lambda broken: self.show_problems(with_rules(unreadable, broken)))
            return
        if not mediators_ok:
            return
        if case.case_no and case.case_no != self._stored_case_no:
            self._run(lambda db: case_no_template_problem(db, case),
                      lambda problem: self._confirm_case_no(case, problem, then))
        else:
            self._check_duplicates(case, then)

    def _confirm_case_no(self, case: Case, problem: Problem | None, then: Then) -> None:
        """A number typed by hand that the template did not make is used only if the
        user confirms (old paper cases); otherwise it is refused beside the field."""
        if problem is not None:
            question = self.tr("Use this number anyway (for example for an old paper case)?")
            text = f"{message(problem, self.ctx.lang)}\n{question}"
            if not self.ctx.dialogs.confirm(self.tr("Case number not from the template"), text):
                self.show_problems([problem])
                return
        self._check_duplicates(case, then)

    def _check_duplicates(self, case: Case, then: Then) -> None:
        if case.id is None:
            self._run(lambda db: duplicate_case_nos(db, case),
                      lambda nos: self._confirm_duplicates(case, nos, then))
        else:
            self._save_case(case, then)

    def _confirm_duplicates(self, case: Case, nos: list[str], then: Then) -> None:
        if nos:
            text = self.tr("This may be a case entered before: {numbers}. Save anyway?")
            if not self.ctx.dialogs.confirm(self.tr("Possible duplicate"),
                                            text.format(numbers="、".join(nos))):
                return
        self._save_case(case, then)

    def _save_case(self, case: Case, then: Then) -> None:
        user = self.ctx.user

        def done(saved: Case) -> None:
            old_key = self._draft_key
            self._show_case(saved)
            self.drafts.delete(old_key)
            self.drafts.delete(self._draft_key)
            self._last_draft = self._clean
            self.saved.emit(saved.id)
            if then is not None:
                then()

        self._run(lambda db: save_case(db, case, user=user), done)

    def _run(self, job: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        self._set_busy(True)

        def ok(result: Any) -> None:
            self._set_busy(False)
            done(result)

        self.ctx.runner.run(job, ok, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(exc, DomainError):
            self.ctx.dialogs.error(self.tr("Could not save"), self.ctx.error_text(exc, "save"))
            return
        elsewhere = [p for p in exc.problems if p.code == CHANGED_ELSEWHERE]
        if elsewhere:
            self.changed_elsewhere(elsewhere[0])
        else:
            self.show_problems(exc.problems)

    def show_problems(self, problems: list[Problem]) -> None:
        """Every problem beside its field, named by the field's label on the form; the
        cursor goes to the first of them in the form's Tab order."""
        placed = []
        for problem in problems:
            text = message(problem, self.ctx.lang, label=self.form_label(problem.field))
            spot = self.placer.place(problem.field, text)
            if spot is not None:
                placed.append(spot)
        if placed:
            first = min(placed, key=self.tab_position)
            self.tabs.setCurrentIndex(first.page)
            if first.widget is not None:
                first.widget.setFocus(Qt.FocusReason.OtherFocusReason)


# fields whose unreadable value is replaced for checking the rest: rules about them are
# not shown beside the "cannot be read" (a date read as today would be "after" others)
_DATE_RULES = ("dates.", "status.unexpected_date")


def with_rules(unreadable: list[Problem], broken: list[Problem]) -> list[Problem]:
    """The unreadable values, then the rules the rest of the case breaks: leaving out
    rules about an unreadable field, and date-order rules when a date is unreadable."""
    fields = {p.field for p in unreadable}
    date_unreadable = any(p.code.startswith("date") for p in unreadable)
    kept = [p for p in broken if p.field not in fields
            and not (date_unreadable and p.code.startswith(_DATE_RULES))]
    return unreadable + kept
