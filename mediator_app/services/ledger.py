"""The ledger file as the window and the command line see it: opening it (with its
locking, health check and migrations), where the default files are, the data key of an
encrypted ledger, the owner-only files personal data is written to, the errors all this
raises (issue 11: ui/ and cli/ reach storage only through services).

Everything here is the storage layer's own object, re-exported or passed through
unchanged, so the exceptions, messages, exit codes and locking stay exactly those of
``storage/`` (``storage/db.py``, ``storage/crypto.py``, ``storage/files.py``;
docs/guarantees.md). This module imports nothing heavy: ``storage.db`` (and with it
sqlite-utils) is imported when a ledger is opened, so ``--help`` stays quick (issue 13).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mediator_app.storage import capabilities, crypto
from mediator_app.storage.capabilities import MIN_SQLITE as MIN_SQLITE
from mediator_app.storage.capabilities import TrigramProbe
from mediator_app.storage.crypto import KeyFileError as KeyFileError
from mediator_app.storage.crypto import forget_key as forget_key
from mediator_app.storage.crypto import is_encrypted_ledger as is_encrypted_ledger
from mediator_app.storage.crypto import key_for as key_for
from mediator_app.storage.crypto import register_key as register_key
from mediator_app.storage.errors import DatabaseDamaged as DatabaseDamaged
from mediator_app.storage.errors import DatabaseTooNew as DatabaseTooNew
from mediator_app.storage.errors import StorageError as StorageError
from mediator_app.storage.files import open_private_binary as open_private_binary
from mediator_app.storage.files import restrict_umask as restrict_umask
from mediator_app.storage.files import viewing_folder as viewing_folder
from mediator_app.storage.files import wipe_viewing_folder as wipe_viewing_folder
from mediator_app.storage.files import write_atomically as write_atomically

if TYPE_CHECKING:
    from sqlite_utils import Database

    from mediator_app.storage.db import OpenedDatabase

#: What SQLite (plain or SQLCipher) raises: a locked, unreadable or damaged file.
SQLITE_ERRORS: tuple[type[Exception], ...] = crypto.AllErrors


def open_database(path: str | Path, *, readonly: bool = False, migrate: bool = True,
                  check_same_thread: bool = True, create: bool = True,
                  allow_damaged: bool = False, health: bool = True) -> OpenedDatabase:
    """Open (and create/migrate unless read-only) the ledger: ``storage.db.open_database``
    (its errors: ``StorageError`` with a ``db.*`` code, ``DatabaseTooNew``,
    ``DatabaseDamaged``)."""
    # lazy: storage.db imports sqlite-utils; the CLI's start-up and --help stay quick
    from mediator_app.storage import db

    return db.open_database(path, readonly=readonly, migrate=migrate,
                            check_same_thread=check_same_thread, create=create,
                            allow_damaged=allow_damaged, health=health)


def default_db_path() -> Path:
    """The ledger used when none is named (in the user's data folder)."""
    # lazy: storage.db imports sqlite-utils; the CLI's start-up and --help stay quick
    from mediator_app.storage import db

    return db.default_db_path()


def default_demo_path() -> Path:
    """Where the demonstration ledger lives."""
    # lazy: storage.db imports sqlite-utils; the CLI's start-up and --help stay quick
    from mediator_app.storage import db

    return db.default_demo_path()


def remove_if_unused(path: str | Path) -> bool:
    """Delete a ledger file this run created when nothing was written to it."""
    # lazy: storage.db imports sqlite-utils; the CLI's start-up and --help stay quick
    from mediator_app.storage import db

    return db.remove_if_unused(path)


def ledger_key(db: Database) -> bytes | None:
    """The data key of an open encrypted ledger; None for a plain one."""
    return crypto.key_of(db.conn)


def case_count(db: Database, *, include_deleted: bool = True) -> int:
    """How many case rows the ledger holds (deleted ones too unless told otherwise)."""
    # lazy: the exchange repository is needed by the commands that count, not at start-up
    from mediator_app.storage.exchange_repo import ExchangeRepository

    return ExchangeRepository(db).case_count(include_deleted=include_deleted)


def sqlite_version() -> tuple[int, int, int]:
    """The version of the SQLite library linked into this Python (``--self-test``)."""
    return capabilities.sqlite_version()


def fts5_trigram_probe() -> TrigramProbe:
    """Whether this SQLite finds a Chinese substring through an FTS5 trigram index, as
    the case search needs (``--self-test``)."""
    return capabilities.fts5_trigram_probe()
