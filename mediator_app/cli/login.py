"""Logging in from the command line (issue 9).

On an encrypted ledger every command needs a user (``--user NAME`` or
``MEDIATOR_APP_USER``) and a password (``MEDIATOR_APP_PASSWORD``, else a hidden prompt).
A failed login exits with 4 (``LoginFailed``); nothing is written but the failed-login
entry in the key file. The login itself is written to the audit log only when the
command succeeded, so that a refused command (exit 5) writes nothing.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from mediator_app.domain.access import Action
from mediator_app.domain.account_messages import AccountError, account_text
from mediator_app.services import ledger

if TYPE_CHECKING:
    from sqlite_utils import Database

    from mediator_app.services.trust import accounts

# The services (sqlite-utils) and the crypto module are imported by the functions that
# need them, so that `--help` stays quick (issue 13; tests/unit/test_startup.py).

ENV_USER = "MEDIATOR_APP_USER"
ENV_PASSWORD = "MEDIATOR_APP_PASSWORD"
ENV_NEW_PASSWORD = "MEDIATOR_APP_NEW_PASSWORD"


class _Login:
    """The ``--user`` and ``--lang`` of this run (set once by ``cli.main``)."""

    user: str | None = None
    lang: str = "zh"


LOGIN = _Login()


def configure(user: str | None, lang: str) -> None:
    LOGIN.user = user
    LOGIN.lang = lang


def user_name(explicit: str | None = None) -> str | None:
    return explicit or LOGIN.user or os.environ.get(ENV_USER) or None


def _prompt(text: str) -> str | None:
    """A hidden prompt on a terminal; from a pipe, one line of standard input (there is
    nothing to hide, and getpass would only warn); None at end of input."""
    try:
        if sys.stdin is not None and sys.stdin.isatty():
            return getpass.getpass(text)
        if sys.stdin is None:
            return None
        print(text, end="", file=sys.stderr, flush=True)
        line = sys.stdin.readline()
        print(file=sys.stderr)
        return line.rstrip("\r\n") if line else None
    except (EOFError, KeyboardInterrupt, OSError):
        return None


def password_for(user: str) -> str | None:
    env = os.environ.get(ENV_PASSWORD)
    if env:
        return env
    return _prompt(account_text("prompt.password", LOGIN.lang, user=user)) or None


def new_password_for(user: str, *, fallback_env: str | None = None) -> str | None:
    """``MEDIATOR_APP_NEW_PASSWORD`` (else ``fallback_env``), else asked twice on a
    terminal (once when the input is not a terminal)."""
    for name in (ENV_NEW_PASSWORD, fallback_env):
        value = os.environ.get(name) if name else None
        if value:
            return value
    first = _prompt(account_text("prompt.new_password", LOGIN.lang, user=user))
    if not first:
        return None
    if sys.stdin is not None and sys.stdin.isatty():
        again = _prompt(account_text("prompt.again", LOGIN.lang))
        if again != first:
            raise AccountError("users.mismatch")
    return first


def login(path: Path, *, create: bool = True) -> accounts.Session:
    """The opened ledger: a plain one as it is, an encrypted one after the login."""
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import accounts

    if not ledger.is_encrypted_ledger(path):
        return accounts.open_ledger(path, create=create)
    user = user_name()
    password = password_for(user) if user else None
    return accounts.open_ledger(path, user, password)


@contextmanager
def logged_in(path: Path, *, create: bool = True) -> Iterator[accounts.Session]:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import accounts

    session = login(path, create=create)
    try:
        yield session
        accounts.record_login(session)
    finally:
        session.close()
        ledger.forget_key(path)  # the next command logs in again


@contextmanager
def logged_in_db(path: Path) -> Iterator[Database]:
    with logged_in(path) as session:
        yield session.db


@contextmanager
def restore_guard(path: Path, source: str | Path) -> Iterator[None]:
    """Before ``restore`` replaces an encrypted ledger: a login with the right to
    restore (exit 4 / 5 otherwise); the ledger's data key is then also used for the
    backup being restored (backups are encrypted with the same key)."""

    if not ledger.is_encrypted_ledger(path):
        yield
        return
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services import permissions

    with logged_in(path) as session:
        permissions.require(session.db, Action.RESTORE)
        key = ledger.ledger_key(session.db)
    assert key is not None
    ledger.register_key(path, key)
    ledger.register_key(source, key)
    try:
        yield
    finally:
        ledger.forget_key(path)
        ledger.forget_key(source)


ENV_PACKAGE_PASSWORD = "MEDIATOR_APP_PACKAGE_PASSWORD"


def package_password_for_export(db: Database, with_personal_data: bool) -> str | None:
    """The password that seals a personal-data package of an encrypted ledger:
    ``MEDIATOR_APP_PACKAGE_PASSWORD``, else asked on a terminal, else a random one that
    is printed once on stdout ("数据包密码：…") for the receiver."""
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.trust import accounts

    if not with_personal_data or ledger.ledger_key(db) is None:
        return None
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services import permissions

    permissions.require(db, Action.EXPORT_PERSONAL)  # refuse before asking anything
    env = os.environ.get(ENV_PACKAGE_PASSWORD)
    if env:
        return env
    if sys.stdin is not None and sys.stdin.isatty():
        first = _prompt(account_text("prompt.package", LOGIN.lang))
        if first and _prompt(account_text("prompt.again", LOGIN.lang)) != first:
            raise AccountError("users.mismatch")
        if first:
            return first
    made = accounts.new_recovery_key()[:19]  # 16 base32 characters, 80 bits
    print(account_text("sealed.password_line", LOGIN.lang, password=made), flush=True)
    return made


def package_password_for_import(paths: list[str]) -> str | None:
    # lazy: services and storage pull in sqlite-utils; `--help` stays ≤ 0.25 s (issue 13)
    from mediator_app.services.exchange.sealed_packages import is_sealed

    sealed = [p for p in paths if str(p).lower().endswith(".zip") and is_sealed(p)]
    if not sealed:
        return None
    env = os.environ.get(ENV_PACKAGE_PASSWORD)
    if env:
        return env
    given = _prompt(account_text("prompt.package", LOGIN.lang)) or None
    if given is None:  # sealed or damaged: only a password tells; say what to do if sealed
        print(account_text("sealed.maybe_needs_password", LOGIN.lang, path=sealed[0]),
              file=sys.stderr)
    return given
