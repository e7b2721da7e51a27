"""Where the program keeps its files: the user data folder, or ``data\\`` beside the
program in portable mode.

Portable mode: a file ``portable.txt`` beside the executable (the Windows program folder
holds ``python.exe``, ``MediatorLedger.exe`` and ``mediator-app.exe`` side by side; a frozen
PyInstaller build has its own executable). Then the ledger, the demo, settings, drafts and
backups live in ``<program folder>\\data``, never on the PC. ``MEDIATOR_APP_PORTABLE_DIR``
names the program folder explicitly (tests, or a launcher elsewhere).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "MediatorLedger"
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "data"
ENV_PORTABLE_DIR = "MEDIATOR_APP_PORTABLE_DIR"


def program_dir() -> Path:
    """The folder of the running executable (python.exe of the embedded install, the
    frozen executable, or the interpreter of a development environment)."""
    explicit = os.environ.get(ENV_PORTABLE_DIR)
    if explicit:
        return Path(explicit)
    return Path(sys.executable).resolve().parent


def portable_root() -> Path | None:
    """The program folder when ``portable.txt`` is beside the executable, else None."""
    folder = program_dir()
    return folder if (folder / PORTABLE_MARKER).is_file() else None


def data_dir() -> Path:
    """``data`` beside the program in portable mode, else the per-user data folder
    (Windows: ``%LOCALAPPDATA%\\MediatorLedger``; Linux: ``~/.local/share/MediatorLedger``).
    Not created here: callers that write create it."""
    root = portable_root()
    if root is not None:
        return root / PORTABLE_DATA
    # lazy: platformdirs only when the per-user folder is asked for (portable mode never asks)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def settings_file() -> Path | None:
    """The settings .ini file in portable mode (None: the platform's usual place)."""
    root = portable_root()
    return root / PORTABLE_DATA / "settings.ini" if root is not None else None


def catalogue_dirs() -> list[Path]:
    """Where the program's Chinese Qt catalogue (``mediator_zh_CN.qm``) may live: next to a
    frozen executable, in the source tree, or in the installed package (the wheel
    force-includes resources/i18n as ``mediator_app/_i18n``)."""
    package = Path(__file__).resolve().parent
    dirs = [package.parent / "resources" / "i18n", package / "_i18n"]
    base = getattr(sys, "_MEIPASS", None)
    if base:
        dirs.insert(0, Path(base) / "resources" / "i18n")
    return dirs


def docs_dir() -> Path | None:
    """The user guide pages (docs/*.md and their screenshots), bundled with the program:
    ``mediator_app/_docs`` in an installed wheel, ``docs`` in a frozen build or the source
    tree. None if none is found."""
    package = Path(__file__).resolve().parent
    candidates = [package / "_docs", package.parent / "docs"]
    base = getattr(sys, "_MEIPASS", None)
    if base:
        candidates.insert(0, Path(base) / "docs")
    return next((d for d in candidates if (d / "user-guide.md").is_file()), None)
