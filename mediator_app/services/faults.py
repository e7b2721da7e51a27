"""What the user is told when something fails, and the log file for the details.

No exception text reaches a user as it is (docs/cli.md, "Messages and the log file"):

* the program's own errors (``DomainError``, ``CsvImportError``) carry codes and are
  rendered by ``domain.messages``;
* the English texts of SQLite, ``zipfile``, ``csv`` and ``json`` that users meet are
  mapped to sentences (``domain.fault_messages``);
* anything else is an unforeseen failure: the user reads what failed in their words and
  the path of the log file, and the log gets the exception's type and where it
  happened.

The log holds no personal data: for each failure the time, the program's version, the
action, the exception types of the chain and the code locations (file, line,
function). An exception's message is logged only for types whose texts come from
SQLite or the file-format readers, never from row contents (``_SAFE_TEXT``). The file
and its folder are owner-only on POSIX (0600 / 0700); it is rotated at 1 MiB.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import sqlite3
import sys
import traceback
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from mediator_app.domain.catalogue import text
from mediator_app.domain.catalogue.cli import SQLITE_ERRORS
from mediator_app.domain.catalogue.cli import TEXTS as CLI_TEXTS
from mediator_app.domain.errors import DomainError
from mediator_app.domain.fault_messages import (
    FaultDetail,
    detail_key,
    detail_text,
    failed_because,
    fault_sentence,
    unexpected_reason,
)
from mediator_app.domain.messages import message
from mediator_app.services.csv_io import CsvImportError
from mediator_app.storage.crypto import AllErrors

# an encrypted ledger runs on sqlcipher3, whose exceptions are its own classes (issue 9)
_SQLCIPHER_ERRORS: tuple[type[BaseException], ...] = tuple(
    e for e in AllErrors if not issubclass(e, sqlite3.Error))
LOG_ENV = "MEDIATOR_APP_LOG"  # a log file path instead of the default (tests, portable)
LOG_NAME = "mediator-app.log"
MAX_LOG_BYTES = 1 << 20
# exception types whose text is the library's own wording, never a cell of a file
_SAFE_TEXT: tuple[type[BaseException], ...] = (
    sqlite3.Error, *_SQLCIPHER_ERRORS, zipfile.BadZipFile, csv.Error, RecursionError,
    MemoryError,
)


def log_path() -> Path:
    """``$MEDIATOR_APP_LOG``, else ``logs/mediator-app.log`` in the user data folder
    (Windows ``%LOCALAPPDATA%\\MediatorLedger\\logs``, Linux
    ``~/.local/share/MediatorLedger/logs``)."""
    env = os.environ.get(LOG_ENV)
    if env:
        return Path(env)
    # lazy: platformdirs only when the log is written (faults loads with `--help`, issue 13)
    from platformdirs import user_data_dir

    return Path(user_data_dir("MediatorLedger", appauthor=False)) / "logs" / LOG_NAME


def _version() -> str:
    try:
        # lazy: importlib.metadata only for the log (faults loads with `--help`, issue 13)
        from importlib.metadata import version

        return version("mediator-app")
    except Exception:  # noqa: BLE001 - not installed as a distribution
        return "?"


def _safe_text(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} (line {exc.lineno}, column {exc.colno})"
    if isinstance(exc, OSError):
        return errno.errorcode.get(exc.errno or 0, "") if exc.errno else ""
    if isinstance(exc, _SAFE_TEXT):
        return str(exc)[:500]
    return ""


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _describe_for_log(exc: BaseException) -> list[str]:
    lines: list[str] = []
    for n, item in enumerate(_chain(exc)):
        text = _safe_text(item)
        kind = f"{type(item).__module__}.{type(item).__qualname__}"
        lines.append(("  caused by " if n else "  ") + kind + (f": {text}" if text else ""))
        for frame in traceback.extract_tb(item.__traceback__):
            lines.append(f"    at {_short(frame.filename)}:{frame.lineno} in {frame.name}")
    return lines


def _short(filename: str) -> str:
    """``mediator_app/services/x.py`` for our files, the file name for others (no user
    folder names in the log)."""
    parts = Path(filename).parts
    if "mediator_app" in parts:
        return "/".join(parts[parts.index("mediator_app"):])
    return Path(filename).name


def _write(lines: Iterable[str]) -> Path | None:
    path = log_path()
    try:
        _open_private_folder(path.parent)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    except OSError:
        return None
    return path


def _open_private_folder(folder: Path) -> None:
    created = not folder.exists()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix" and (created or folder.name == "logs"):
        os.chmod(folder, 0o700)


def _header(action: str) -> str:
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    return (f"{stamp} mediator-app {_version()} python {sys.version.split()[0]} "
            f"{sys.platform} action={action or '-'}")


def log_exception(exc: BaseException, action: str = "") -> Path | None:
    """Append the failure to the log (types and code locations, see the module text);
    its path, or None when the log could not be written."""
    return _write([_header(action), *_describe_for_log(exc)])


def log_lines(action: str, kind: str, lines: Iterable[str]) -> Path | None:
    """Append library-worded lines (e.g. SQLite's integrity_check report) that hold no
    personal data; the caller vouches for that."""
    flat = (part for line in lines for part in str(line).splitlines())
    return _write([_header(action), f"  {kind}", *(f"    {part}" for part in flat)])


def detail_of(exc: BaseException, action: str = "") -> str:
    """What to put in a problem's ``detail`` for ``exc``: its text when that text is
    known (``domain.messages`` turns it into a sentence), else a ``FaultDetail`` naming
    the log file the exception was written to."""
    text = str(exc)
    if isinstance(exc, RecursionError):
        return "maximum recursion depth exceeded"
    if text and detail_key(text) is not None:
        return text
    path = log_exception(exc, action)
    return FaultDetail(str(path) if path else "")


def detail_sentence(detail: object, lang: str = "zh", action: str = "") -> str:
    """A problem's ``detail`` (an exception's text, joined integrity-check lines, or a
    ``FaultDetail``) as a plain sentence; integrity-check lines and unknown texts are
    written to the log first and the sentence names the log file."""
    if isinstance(detail, FaultDetail):
        return detail_text(detail, lang)
    text = str(detail)
    key = detail_key(text)
    if key is not None and key != "sqlite.structure":
        return detail_text(text, lang)
    path = log_lines(action, key or "detail", text.split("; "))
    return detail_text(FaultDetail(str(path) if path else "", key or ""), lang)


def describe(exc: BaseException, lang: str = "zh", action: str = "task") -> str:
    """One message for ``exc`` in ``lang``: the program's own problems rendered, known
    library texts mapped, an unforeseen failure logged (the message names the log)."""
    if isinstance(exc, CsvImportError):
        return "\n".join(exc.lines(lang))
    if isinstance(exc, DomainError):
        return ("; " if lang == "en" else "；").join(message(p, lang) for p in exc.problems)
    if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
        os_text = _os_error(exc, lang)
        if os_text:
            return os_text
    known = _known_reason(exc, lang)
    if known is not None:
        return failed_because(action, known, lang)
    path = log_exception(exc, action)
    return fault_sentence(action, type(exc).__name__, str(path) if path else None, lang)


def reason(exc: BaseException, lang: str = "zh", action: str = "task") -> str:
    """Why ``exc`` happened, as a fragment without the final full stop, for texts such
    as "The import failed: {error}. Nothing was written." (same rules as ``describe``)."""
    if isinstance(exc, CsvImportError):
        text = "\n".join(p.format(lang) for p in exc.problems)
    elif isinstance(exc, (DomainError, OSError)) and not isinstance(exc, zipfile.BadZipFile):
        text = describe(exc, lang, action)
    else:
        known = _known_reason(exc, lang)
        if known is not None:
            return known
        path = log_exception(exc, action)
        text = unexpected_reason(type(exc).__name__, str(path) if path else None, lang)
    return text.rstrip("。.")


def _known_reason(exc: BaseException, lang: str) -> str | None:
    if isinstance(exc, RecursionError):
        return detail_text("maximum recursion depth exceeded", lang)
    if isinstance(exc, MemoryError):
        return memory_text(lang)
    if isinstance(exc, (sqlite3.Error, *_SQLCIPHER_ERRORS, zipfile.BadZipFile, csv.Error,
                        json.JSONDecodeError, UnicodeDecodeError)):
        text = str(exc)
        key = detail_key(text)
        if key is not None and key != "sqlite.structure":
            return detail_text(text, lang)
    return None


def memory_text(lang: str) -> str:
    return text("fault", "memory", lang)


def _os_error(exc: OSError, lang: str) -> str | None:
    if isinstance(exc, FileNotFoundError):
        key = "not_found"
    elif isinstance(exc, IsADirectoryError):
        key = "is_folder"
    elif isinstance(exc, PermissionError):
        key = "no_access"
    elif exc.errno == errno.ENOSPC:
        key = "disk_full"
    else:
        return None
    return text("fault", f"os.{key}", lang, file=exc.filename or "?")


# ---- problems with the ledger file (StorageError), for the command line and the window --
def sqlite_detail(detail: str, lang: str) -> str:
    """A plain sentence for SQLite's own (English) error message; integrity-check lines
    and any text not known are written to the log file, which the sentence names."""
    key = str(detail).strip().rstrip(".").lower()
    for sqlite_text in SQLITE_ERRORS:
        if key.startswith(sqlite_text):
            return text("sqlite", sqlite_text, lang)
    return detail_sentence(detail, lang, "storage")


def storage_error(code: str, params: dict[str, Any], lang: str) -> str:
    """The sentence for a ledger-file problem (``StorageError``: its code and params), as
    the command line and the window both show it; never the raw code."""
    if "detail" in params:
        params = {**params, "detail": sqlite_detail(params["detail"], lang)}
    if code in CLI_TEXTS:
        return text("cli", code, lang, **params)
    # a code without a text: named in the log file, never shown as it is
    log = log_lines("storage", "StorageError", [f"{code} ({', '.join(sorted(params))})"])
    return text("cli", "storage.unknown" if log else "storage.unknown_nolog", lang, log=log)
