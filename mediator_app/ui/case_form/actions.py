"""The case form's status actions (受理, 调解成功, 调解终止, 不予受理) and its closing
rules, as a mixin of ``CaseFormWindow`` (kept apart to keep the window readable)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent

from mediator_app.domain.enums import CaseStatus
from mediator_app.domain.errors import DomainError
from mediator_app.domain.model import Case
from mediator_app.services.cases import transition_case
from mediator_app.ui.case_form.status_dialog import StatusDialog


class StatusActionsMixin:
    """Needs from the window: ctx, rowid, is_dirty, save, _show_case, _set_busy, saved,
    _finish_close, tr."""

    status_dialog: StatusDialog | None
    _closing: bool

    # ---- status actions --------------------------------------------------------------------
    def start_action(self, target: CaseStatus) -> None:
        """受理 / 调解成功 / 调解终止 / 不予受理: saves pending edits first."""
        if self.rowid is None or self.is_dirty():
            self.save(then=lambda: self._open_status_dialog(target))
        else:
            self._open_status_dialog(target)

    def _open_status_dialog(self, target: CaseStatus) -> None:
        dialog = StatusDialog(target, lang=self.ctx.lang, parent=self)
        dialog.submitted.connect(self._run_transition)
        self.status_dialog = dialog
        dialog.open()

    def _run_transition(self, target: CaseStatus, on: date, form: Any, reason: str) -> None:
        rowid, user, dialog = self.rowid, self.ctx.user, self.status_dialog
        assert rowid is not None and dialog is not None

        def done(case: Case) -> None:
            self._set_busy(False)
            dialog.accept()
            self._show_case(case)
            self.saved.emit(case.id)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            if isinstance(exc, DomainError):
                dialog.show_problems(exc.problems)
            else:
                self.ctx.dialogs.error(self.tr("Could not change the status"), str(exc))

        self._set_busy(True)
        self.ctx.runner.run(
            lambda db: transition_case(db, rowid, target, on=on, agreement_form=form,
                                       reason=reason, user=user), done, failed)

    # ---- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._closing or not self.is_dirty():
            self._finish_close()
            event.accept()
            return
        answer = self.ctx.dialogs.ask_save_discard_cancel(
            self.tr("Unsaved changes"),
            self.tr("This case has changes that are not saved. Save them?"))
        if answer == "discard":
            self._finish_close()
            event.accept()
            return
        event.ignore()
        if answer == "save":
            self.save(then=self._close_after_save)

    def _close_after_save(self) -> None:
        self._closing = True
        QTimer.singleShot(0, self.close)  # not from inside the running closeEvent

    def _finish_close(self) -> None:
        self._timer.stop()
        self.drafts.delete(self._draft_key)
        self._open_keys.discard(self._draft_key)
