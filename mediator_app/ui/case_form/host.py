"""What the case form's collaborators (``Saver``, ``ConflictResolver``,
``StatusActions``) ask of the form window. ``CaseFormWindow`` hands itself over as a
``FormHost``; mypy checks there that it has every member listed here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QTabWidget, QWidget

from mediator_app.domain.enums import CaseStatus
from mediator_app.domain.model import Case
from mediator_app.services.cases.drafts import DraftStore
from mediator_app.ui.case_form.follow_ups import FollowUpEditor
from mediator_app.ui.case_form.navigation import Placed, ProblemPlacer
from mediator_app.ui.case_form.pages import AgreementPage, BasicPage
from mediator_app.ui.case_form.state import State
from mediator_app.ui.case_form.widgets import ErrorLabel
from mediator_app.ui.context import AppContext

Then = Callable[[], None] | None


class FormHost(Protocol):
    ctx: AppContext
    drafts: DraftStore
    basic: BasicPage
    agreement: AgreementPage
    follow_ups: FollowUpEditor
    tabs: QTabWidget
    placer: ProblemPlacer
    general_error: ErrorLabel
    busy: bool

    @property
    def rowid(self) -> int | None: ...

    @property
    def status(self) -> CaseStatus: ...

    @property
    def stored_case_no(self) -> str:
        """The case number as stored ("" for a new case)."""
        ...

    @property
    def stored_mediator_ids(self) -> tuple[int, ...]: ...

    def widget(self) -> QWidget:
        """The window (parent of the dialogs the collaborators open)."""
        ...

    def state(self) -> State: ...

    def set_state(self, state: State) -> None: ...

    def mark_changed(self) -> None:
        """The fields were changed by the program: update the modified mark."""
        ...

    def is_dirty(self) -> bool: ...

    def set_busy(self, busy: bool) -> None: ...

    def show_case(self, case: Case) -> None:
        """Show ``case`` as stored (clean)."""
        ...

    def stored(self, case: Case, *, saved_form: bool) -> None:
        """``case`` was written: shown, announced, and (``saved_form``: the form's own
        fields were saved) its drafts dropped."""
        ...

    def form_label(self, field: str) -> str | None: ...

    def tab_position(self, placed: Placed) -> tuple[int, int]: ...

    def propose_agreement_no(self, *, only_if_empty: bool = False) -> None: ...
