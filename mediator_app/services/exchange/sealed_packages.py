"""Packages with personal data from an encrypted ledger are sealed with a package
password (issue 9; ``storage.sealed``). The receiver gives the same password to import
them. A package without personal data, or from a plain ledger, stays a plain .zip."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sqlite_utils import Database

from mediator_app.domain.account_messages import AccountError, LoginFailed
from mediator_app.storage import crypto, sealed

MIN_PASSWORD = 8


def must_seal(db: Database, with_personal_data: bool, password: str | None) -> bool:
    """True when the package must be sealed; raises when its password is missing/short."""
    if not with_personal_data or crypto.key_of(db.conn) is None:
        return False
    if not password or len(password) < MIN_PASSWORD:
        raise AccountError("sealed.needs_password", min=MIN_PASSWORD)
    return True


def seal(zip_path: Path, out: Path, password: str) -> None:
    sealed.seal(zip_path, out, password)


def is_sealed(path: str | Path) -> bool:
    return sealed.is_sealed(path)


@contextmanager
def sealing(out: Path, password: str) -> Iterator[IO[bytes]]:
    """A stream whose bytes (the zip, written straight into it) become the sealed
    package ``out``: no plain copy of the package is ever written (docs/security.md)."""
    with sealed.sealing(out, password, out.name) as writer:
        yield writer  # type: ignore[misc]


def open_sealed(path: str | Path, password: str | None) -> IO[bytes]:
    """The zip inside a sealed package as a seekable stream read from the sealed file
    (the caller closes it); LoginFailed when the password is missing or wrong."""
    if not password:
        raise LoginFailed("sealed.no_password", path=str(path))
    reader = sealed.open_sealed(Path(path), password)
    if reader is None:
        raise LoginFailed("sealed.bad_password", path=str(path))
    return reader  # type: ignore[return-value]


def unseal(path: str | Path, password: str | None, zip_out: Path) -> None:
    """The plain zip of a sealed package into ``zip_out``; LoginFailed when the password
    is missing or wrong."""
    if not password:
        raise LoginFailed("sealed.no_password", path=str(path))
    if not sealed.unseal(Path(path), password, zip_out):
        raise LoginFailed("sealed.bad_password", path=str(path))
