"""What the pages of the import wizard need from the wizard: the page ids and its
interface (a Protocol). The pages import this, not ``import_wizard``, which imports the
pages: no import circle (issue 11 item 5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import SignalInstance

from mediator_app.services.exchange.outcome import Outcome
from mediator_app.services.ledger_import.wizard_state import LedgerState

PAGE_FILES, PAGE_PREVIEW, PAGE_APPLY = 0, 1, 2
PAGE_SHEET, PAGE_COLUMNS, PAGE_VALUES = 3, 4, 5  # an old ledger (ledger_pages.py)


class WizardHost(Protocol):
    """The import wizard as its pages see it (``import_wizard.ImportWizard``)."""

    ledger: LedgerState | None
    imported: SignalInstance
    jobStarted: SignalInstance  # the Qt signal of ImportWizard

    def paths(self) -> list[str]: ...

    def start_ledger(self) -> LedgerState: ...

    def ledger_mode(self) -> bool: ...

    def import_job(self, dry_run: bool, package_password: str | None = None
                   ) -> Callable[[Any, Any, Any], Outcome]: ...

    def remember_mapping(self) -> None: ...
