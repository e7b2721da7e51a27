"""Packages with personal data from an encrypted ledger are sealed with a package
password (issue 9; ``storage.sealed``). The receiver gives the same password to import
them. A package without personal data, or from a plain ledger, stays a plain .zip."""

from __future__ import annotations

from pathlib import Path

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


def unseal(path: str | Path, password: str | None, zip_out: Path) -> None:
    """The plain zip of a sealed package into ``zip_out``; LoginFailed when the password
    is missing or wrong."""
    if not password:
        raise LoginFailed("sealed.no_password", path=str(path))
    if not sealed.unseal(Path(path), password, zip_out):
        raise LoginFailed("sealed.bad_password", path=str(path))
