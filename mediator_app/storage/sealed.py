"""Sealed packages (issue 9): an exchange package that carries parties' personal data,
exported from an encrypted ledger, is stored inside a SQLCipher database keyed with a
package password (SQLCipher's own PBKDF2-HMAC-SHA512 and AES-256): the ``.zip`` bytes in
chunks. Nothing of the package is readable without the password."""

from __future__ import annotations

import os
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from mediator_app.storage.crypto import PLAIN_HEADER

MARK = "mediator-sealed-package"
CHUNK = 1 << 20
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


def _key(password: str) -> str:
    return "PRAGMA key = '" + password.replace("'", "''") + "'"


def is_sealed(path: str | Path) -> bool:
    """Not a zip and not a plain SQLite file, but not empty: possibly sealed (only the
    password can tell)."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return len(head) == 16 and head[:4] not in _ZIP and head != PLAIN_HEADER


def seal(zip_path: Path, out: Path, password: str) -> None:
    """Write ``zip_path`` sealed with ``password`` to ``out`` (``out.part``, renamed)."""
    part = out.with_name(out.name + ".part")
    part.unlink(missing_ok=True)
    conn = sqlcipher.connect(str(part))
    try:
        conn.execute(_key(password))
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("CREATE TABLE chunks (seq INTEGER PRIMARY KEY, data BLOB NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('format', ?), ('name', ?)",
                     [MARK, zip_path.name])
        with zip_path.open("rb") as fh:
            seq = 0
            while data := fh.read(CHUNK):
                conn.execute("INSERT INTO chunks VALUES (?, ?)", [seq, data])
                seq += 1
        conn.commit()
    finally:
        conn.close()
    os.replace(part, out)


def unseal(path: Path, password: str, zip_out: Path) -> bool:
    """Write the zip inside ``path`` to ``zip_out``; False when the password is wrong or
    the file is not a sealed package."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlcipher.connect(uri, uri=True)
    try:
        conn.execute(_key(password))
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlcipher.DatabaseError:
            return False
        if not row or row[0] != MARK:
            return False
        with zip_out.open("wb") as fh:
            for (data,) in conn.execute("SELECT data FROM chunks ORDER BY seq"):
                fh.write(data)
        return True
    finally:
        conn.close()
