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
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


# ---- write whole, then rename -------------------------------------------------------------
# The one way a file appears complete or not at all: written as ``<name>.part`` in the
# target's own folder (a rename within one file system is atomic, across file systems
# it is a copy), owner-only from its first byte, flushed to disk when asked, renamed
# onto the target with ``os.replace`` (which, unlike ``os.rename``, replaces an existing
# file on Windows too), and deleted when anything fails on the way.

PART_SUFFIX = ".part"
REPLACE_TRIES = 50  # × 0.05 s: Windows refuses the rename while a reader has the target


def part_path(target: str | Path) -> Path:
    """``<target>.part``: the temporary name beside ``target``."""
    target = Path(target)
    return target.with_name(target.name + PART_SUFFIX)


def replace_file(part: str | Path, target: str | Path) -> None:
    """``os.replace``, retried for 2.5 s on PermissionError: on Windows the rename fails
    while another process has the target open (a login reading the key file, a virus
    scanner, Excel showing yesterday's export)."""
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(part, target)
            return
        except PermissionError:
            if attempt == REPLACE_TRIES - 1:
                raise
            time.sleep(0.05)


@contextmanager
def replacing(target: str | Path) -> Iterator[Path]:
    """``with replacing(out) as part: <write part>``: the path ``<out>.part`` beside
    ``out`` (any stale one removed), made owner-only and renamed onto ``out`` when the
    block ends without an error; removed whatever happens. For writers that create the
    file themselves (SQLite's backup API, a zip, a sealed package)."""
    part = part_path(target)
    part.unlink(missing_ok=True)
    try:
        yield part
        make_private(part)
        replace_file(part, target)
    finally:
        part.unlink(missing_ok=True)


def _sync(fh: BinaryIO | TextIO) -> None:
    fh.flush()
    os.fsync(fh.fileno())


@contextmanager
def atomic_binary(target: str | Path, *, fsync: bool = False) -> Iterator[BinaryIO]:
    """``with atomic_binary(out) as fh: fh.write(...)``: bytes into ``<out>.part``
    (owner-only from its first byte), renamed onto ``out`` when the block succeeds;
    ``fsync`` flushes the data to disk before the rename (key files)."""
    with replacing(target) as part, open_private_binary(part) as fh:
        yield fh
        if fsync:
            _sync(fh)


@contextmanager
def atomic_text(target: str | Path, *, encoding: str = "utf-8", newline: str | None = None,
                fsync: bool = False) -> Iterator[TextIO]:
    """As ``atomic_binary``, for text."""
    with replacing(target) as part, open_private_text(part, encoding, newline) as fh:
        yield fh
        if fsync:
            _sync(fh)


def write_atomically(target: str | Path, data: bytes | str, *, encoding: str = "utf-8",
                     newline: str | None = None, fsync: bool = False) -> int:
    """Write ``data`` (bytes, or text in ``encoding``) as the whole new content of
    ``target`` through ``atomic_binary``/``atomic_text``; returns ``len(data)``."""
    if isinstance(data, bytes):
        with atomic_binary(target, fsync=fsync) as fh:
            fh.write(data)
    else:
        with atomic_text(target, encoding=encoding, newline=newline, fsync=fsync) as fh:
            fh.write(data)
    return len(data)


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
