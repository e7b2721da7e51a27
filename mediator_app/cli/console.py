"""Readable Chinese on a Windows console, in a pipe and in a redirected file.

On a real Windows console Python writes UTF-16 through WriteConsoleW, so any code page
shows 汉字. Redirected or piped, Python encodes with the ANSI code page (cp1252 on an
English Windows, cp936 on a Chinese one) and stderr falls back to ``\\uXXXX`` escapes (or
stdout fails) for what that code page lacks. We use the console's output code page when it
can write Chinese (936/GBK, 54936/GB18030, 65001/UTF-8), so that ``| more`` and ``findstr``
read it; otherwise (no console, or a Western code page) UTF-8, which Notepad and every
modern editor open. ``PYTHONIOENCODING`` or ``PYTHONUTF8`` set by the user win.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from typing import Any

PROBE = "调解台账"


def _console_code_page() -> int:
    try:
        # lazy: ctypes.windll exists only on Windows; asked once for the console code page
        import ctypes

        windll: Any = getattr(ctypes, "windll")  # noqa: B009 - Windows only
        return int(windll.kernel32.GetConsoleOutputCP())
    except (ImportError, AttributeError, OSError):
        return 0


def encoding_for_redirect(code_page: int) -> str:
    """The encoding for a piped or redirected stream, given the console's code page
    (0 = no console)."""
    if code_page in (0, 65001):
        return "utf-8"
    name = {54936: "gb18030"}.get(code_page, f"cp{code_page}")
    try:
        codecs.lookup(name)
        PROBE.encode(name)
    except (LookupError, UnicodeEncodeError):
        return "utf-8"
    return name


def _is_console(stream: Any) -> bool:
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    return type(raw).__name__ == "_WindowsConsoleIO"


def setup_console_streams(platform: str | None = None) -> None:
    """Reconfigure stdout/stderr on Windows (no-op elsewhere and on real consoles)."""
    if (platform or sys.platform) != "win32":
        return
    if os.environ.get("PYTHONIOENCODING") or os.environ.get("PYTHONUTF8") == "1":
        return
    encoding: str | None = None
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not isinstance(stream, io.TextIOWrapper) or _is_console(stream):
            continue
        if encoding is None:
            encoding = encoding_for_redirect(_console_code_page())
        try:
            stream.reconfigure(encoding=encoding, errors="replace")
        except (ValueError, OSError):  # a stream already written to and closed …
            continue
