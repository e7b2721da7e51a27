"""What every view receives through its constructor (no globals)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from sqlite_utils import Database

from mediator_app.ui.errors import error_reason, error_text
from mediator_app.ui.tasks import TaskRunner


class DialogService(Protocol):
    """Message boxes and file pickers; tests replace it with a fake."""

    def info(self, title: str, text: str) -> None: ...
    def error(self, title: str, text: str) -> None: ...
    def confirm(self, title: str, text: str) -> bool: ...
    def ask_save_discard_cancel(self, title: str, text: str) -> str: ...  # save|discard|cancel
    # buttons named by what they do: (key, text) in order; the key of the one pressed,
    # ``cancel_key`` when the box is closed with Esc or its close button
    def choose(self, title: str, text: str, buttons: list[tuple[str, str]],
               cancel_key: str) -> str: ...
    def open_files(self, title: str, filter: str) -> list[str]: ...
    def save_file(self, title: str, suggested: str, filter: str) -> str | None: ...


@dataclass
class AppContext:
    """``runner`` owns the read-write connection on the DB worker thread; ``read_db`` is
    a read-only connection for the UI thread (fetching the visible page by primary key,
    small lookups such as code tables). ``lang`` is "zh" or "en"."""

    runner: TaskRunner
    read_db: Database
    dialogs: DialogService
    db_path: str = ":memory:"
    lang: str = "zh"
    user: str = ""
    readonly: bool = False  # opened read-only (e.g. a database from a newer program)
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # errors of jobs run without on_error are shown to the user (ui/tasks.py)
        self.runner.show_error = self.show_error
        self._last_error: tuple[str, float] = ("", 0.0)

    def error_text(self, exc: BaseException, action: str = "task") -> str:
        """The plain sentence for ``exc`` in the user's language (ui/errors.py)."""
        return error_text(exc, self.lang, action)

    def error_reason(self, exc: BaseException, action: str = "task") -> str:
        """``error_text`` as a fragment, for texts such as "The import failed: {error}"."""
        return error_reason(exc, self.lang, action)

    def show_error(self, exc: BaseException) -> None:
        """A message box for an error no screen handled; the same message is not
        repeated within 5 s (several jobs failing on one damaged file)."""
        text = self.error_text(exc)
        last, when = self._last_error
        if text == last and time.monotonic() - when < 5:
            return
        self._last_error = (text, time.monotonic())
        self.dialogs.error(QCoreApplication.translate("App", "Mediation Ledger"), text)
