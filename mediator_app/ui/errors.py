"""The sentence the user reads for an exception in the GUI (no Qt here).

Every screen shows errors through ``error_text``: the program's own problems are
rendered from their codes, database-file problems as the command line words them, the
known English texts of SQLite/zip/csv/json as plain sentences, and anything else as
"<what> failed … the details are in the log file <path>" (``services.faults``)."""

from __future__ import annotations

from mediator_app.domain.access import AccessDenied
from mediator_app.domain.account_messages import AccountError
from mediator_app.services import faults
from mediator_app.services.faults import storage_error
from mediator_app.services.ledger import StorageError


def error_text(exc: BaseException, lang: str = "zh", action: str = "task") -> str:
    if isinstance(exc, StorageError):
        return storage_error(exc.code, dict(exc.params), lang)
    if isinstance(exc, (AccessDenied, AccountError)):  # a refusal (issue 9), not a fault
        return exc.text(lang)
    return faults.describe(exc, lang, action)


def error_reason(exc: BaseException, lang: str = "zh", action: str = "task") -> str:
    """``error_text`` as a fragment without the final full stop, for "… failed: {error}"."""
    if isinstance(exc, StorageError):
        return storage_error(exc.code, dict(exc.params), lang).rstrip("。.")
    if isinstance(exc, (AccessDenied, AccountError)):
        return exc.text(lang).rstrip("。.")
    return faults.reason(exc, lang, action)
