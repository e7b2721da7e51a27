"""Owner-only files for personal data (issue 8 item 5).

Every file the program creates may hold personal data (the ledger, its ``-wal``/``-shm``
companions, backups, ``.before-*`` copies, exports, packages, drafts). On POSIX they get
owner-only permissions: files 0600, folders 0700. ``restrict_umask`` is called once at
program start so that files created anywhere (also by SQLite) are born private;
``make_private`` tightens a file after it was created by code that may run without that
umask (the service API used from Python, tests). On Windows permissions come from the
folder: the program's own files live in the user's profile (``%LOCALAPPDATA%``), whose
ACL admits the user, SYSTEM and the administrators only; both functions do nothing there.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO, TextIO

from mediator_app.locations import data_dir

PRIVATE_UMASK = 0o077
FILE_MODE = 0o600
FOLDER_MODE = 0o700


def is_posix() -> bool:
    return os.name == "posix"


def restrict_umask() -> int | None:
    """Add ``077`` to the process umask (POSIX); returns the previous umask, None on
    Windows."""
    if not is_posix():
        return None
    old = os.umask(PRIVATE_UMASK)
    os.umask(old | PRIVATE_UMASK)
    return old


def make_private(path: str | Path) -> None:
    """chmod 0600 (a file) or 0700 (a folder) on POSIX; nothing on Windows. A path that
    vanished or cannot be changed (not ours, a read-only mount) is left as it is."""
    if not is_posix():
        return
    try:
        mode = os.stat(path).st_mode
        os.chmod(path, FOLDER_MODE if stat.S_ISDIR(mode) else FILE_MODE)
    except OSError:
        pass


def private_folder(path: str | Path) -> Path:
    """Create ``path`` (not its parents) as an owner-only folder if missing; returns it."""
    p = Path(path)
    p.mkdir(mode=FOLDER_MODE, exist_ok=True)
    make_private(p)
    return p


def _private_fd(path: str | Path) -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    if is_posix():
        try:
            os.fchmod(fd, FILE_MODE)  # an existing file keeps its mode through O_CREAT
        except OSError:
            pass
    return fd


def open_private_binary(path: str | Path) -> BinaryIO:
    """A new file for writing (bytes), owner-only from its first byte: created with
    0600 through ``os.open``, so no other user can open it in between."""
    return os.fdopen(_private_fd(path), "wb")


def open_private_text(path: str | Path, encoding: str = "utf-8",
                      newline: str | None = None) -> TextIO:
    """As ``open_private_binary``, for text."""
    return os.fdopen(_private_fd(path), "w", encoding=encoding, newline=newline)


VIEWING = "viewing"


def data_folder() -> Path:
    """The program's folder in the user's profile (platformdirs' user data dir), or
    ``data`` beside the program in portable mode (``mediator_app.locations``)."""
    return data_dir()


def viewing_folder(base: Path | None = None) -> Path:
    """An owner-only folder for files handed to another program to show (a PDF opened
    from the case form): in the user's profile, never the shared temp folder. Its files
    stay while the viewer may need them and are wiped at the program's next start
    (``wipe_viewing_folder``)."""
    root = base or data_folder()
    root.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    return private_folder(root / VIEWING)


def wipe_viewing_folder(base: Path | None = None) -> int:
    """Delete what earlier runs left in the viewing folder; returns how many files.
    A file still open in a viewer on Windows cannot be deleted: it is left for the next
    start."""
    folder = (base or data_folder()) / VIEWING
    removed = 0
    if not folder.is_dir():
        return 0
    for path in sorted(folder.rglob("*"), reverse=True):
        try:
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink()
                removed += 1
        except OSError:
            pass
    return removed
