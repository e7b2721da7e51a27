"""Saving the case form: read the typed state, check a case number typed by hand
against the template, warn about likely duplicates, write. Every database call goes
through ``ctx.runner``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt

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
from mediator_app.ui.case_form.host import FormHost, Then
from mediator_app.ui.case_form.state import read_case


class Saver(QObject):
    """Saves the form of ``form``: a save refused because someone else saved the case
    goes to ``changed_elsewhere``; ``mediator_rule`` is the form's own check that a
    succeeded case keeps a mediator (shown beside the list when it fails)."""

    def __init__(self, form: FormHost, changed_elsewhere: Callable[[Problem], None],
                 mediator_rule: Callable[[], bool]) -> None:
        super().__init__(form.widget())
        self.form = form
        self.ctx = form.ctx
        self._changed_elsewhere = changed_elsewhere
        self._mediator_rule = mediator_rule

    def save(self, then: Then = None) -> None:
        if self.form.busy:
            return
        self.form.placer.clear()
        mediators_ok = self._mediator_rule()  # shown beside the list
        case, unreadable = read_case(self.form.state())
        unreadable += self.form.follow_ups.unchosen()  # 履行情况 of a visit added here
        if unreadable:  # with every rule the rest breaks: one round, not two
            self._run(lambda db: check_case(db, case),
                      lambda broken: self.show_problems(with_rules(unreadable, broken)))
            return
        if not mediators_ok:
            return
        if case.case_no and case.case_no != self.form.stored_case_no:
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
            self.form.stored(saved, saved_form=True)
            if then is not None:
                then()

        self._run(lambda db: save_case(db, case, user=user), done, writes=True)

    def _run(self, job: Callable[[Any], Any], done: Callable[[Any], None], *,
             writes: bool = False) -> None:
        """A check (read) or, ``writes``, the save itself (an ``op``: the views hear
        of the saved case through the runner's ``changed``)."""
        self.form.set_busy(True)

        def ok(result: Any) -> None:
            self.form.set_busy(False)
            done(result)

        (self.ctx.runner.op if writes else self.ctx.runner.run)(job, ok, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.form.set_busy(False)
        if not isinstance(exc, DomainError):
            self.ctx.dialogs.error(self.tr("Could not save"), self.ctx.error_text(exc, "save"))
            return
        elsewhere = [p for p in exc.problems if p.code == CHANGED_ELSEWHERE]
        if elsewhere:
            self._changed_elsewhere(elsewhere[0])
        else:
            self.show_problems(exc.problems)

    def show_problems(self, problems: list[Problem]) -> None:
        """Every problem beside its field, named by the field's label on the form; the
        cursor goes to the first of them in the form's Tab order."""
        placed = []
        for problem in problems:
            text = message(problem, self.ctx.lang, label=self.form.form_label(problem.field))
            spot = self.form.placer.place(problem.field, text)
            if spot is not None:
                placed.append(spot)
        if placed:
            first = min(placed, key=self.form.tab_position)
            self.form.tabs.setCurrentIndex(first.page)
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
