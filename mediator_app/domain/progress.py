"""What a long job reports and how it is stopped, shared by every layer that runs one
(services' imports and exports, the demo build, the window's workers).

A job takes ``progress: Progress | None`` and ``cancel: CancelCheck | None``; it calls
``progress(done, total)`` as it goes (``total`` 0 when unknown) and, when ``cancel()``
turns true, raises ``Cancelled`` before it has written anything that stays."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class Cancelled(Exception):
    """The user cancelled the job (an import, an export, a report being built)."""

