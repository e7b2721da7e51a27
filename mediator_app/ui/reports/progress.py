"""Running a long reports job behind a cancellable progress dialog (see ui/tasks.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from mediator_app.ui.context import AppContext
from mediator_app.ui.tasks import Job, ProgressJob, run_job


def run_with_progress(ctx: AppContext, parent: QWidget, label: str, job: Job,
                      on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None], *,
                      renders: bool = False) -> ProgressJob:
    """``job(db, progress, cancelled)`` on the runner (``renders``: ``job(read, …)`` on a
    render thread); the dialog shows after ~500 ms."""
    return run_job(ctx, parent, label, job, on_done, on_error, renders=renders)
