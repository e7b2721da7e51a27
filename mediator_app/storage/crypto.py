"""The encrypted ledger: SQLCipher connections and the key file beside the ledger.

The ledger file is encrypted by SQLCipher 4 (AES-256, HMAC-SHA512 per page) with a
random 32-byte *data key* given as a raw key (``PRAGMA key = "x'…'"``: no second KDF).
The data key itself is stored only *wrapped* in ``<ledger>.keys`` (JSON, beside the
ledger): one slot per user and one for the recovery key. A slot holds a random salt,
the scrypt parameters, ``data_key XOR K1`` and ``HMAC-SHA256(K2, wrapped ‖ slot name)``
where ``K1 ‖ K2 = scrypt(secret, salt)``. Every slot has its own salt, so no K1 is ever
used twice (a slot is rewritten with a new salt when a password changes); the HMAC tells
a wrong password from a right one without revealing anything. Changing a password
rewrites one slot and never the ledger.

The key file also keeps, in the clear, what must be written *before* the ledger can be
opened: failed-login counters, lock-out times and failed-login events waiting to be
moved into the ledger's audit log at the next successful login. It never holds a
plaintext key, a password or personal data.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import sqlcipher3.dbapi2 as sqlcipher

from mediator_app.storage.files import atomic_text

KEY_BYTES = 32
SUFFIX = ".keys"
FORMAT = "mediator-ledger-keys"
VERSION = 1
#: scrypt cost: 2**17 × 8 × 128 bytes = 128 MiB of memory, about 0.3 s on an office PC.
KDF_N = 2**17
KDF_R = 8
KDF_P = 1
CACHE_KIB = 65536  # 64 MB page cache: decrypted pages stay in memory (see docs/security.md)
PLAIN_HEADER = b"SQLite format 3\x00"

#: Errors of either driver (sqlcipher3 has its own exception classes).
DatabaseErrors: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
IntegrityErrors: tuple[type[Exception], ...] = (sqlite3.IntegrityError,
                                                 sqlcipher.IntegrityError)
AllErrors: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
OperationalErrors: tuple[type[Exception], ...] = (sqlite3.OperationalError,
                                                   sqlcipher.OperationalError)


class KeyFileError(Exception):
    """The key file is missing, unreadable or not ours; ``code`` maps to a message."""

    def __init__(self, code: str, path: str, detail: str = ""):
        self.code = code
        self.path = path
        self.detail = detail
        super().__init__(f"{code}: {path} {detail}")


class KeyedConnection(sqlcipher.Connection):  # type: ignore[misc]
    """A SQLCipher connection that remembers its data key (for backups and copies)."""

    ledger_key: bytes | None = None
    closed = False  # (storage.db tracks the ledger's open connections, see _OPEN_HERE)

    def close(self) -> None:
        self.closed = True
        super().close()


# ---- data keys and connections ---------------------------------------------------------

_registry: dict[str, bytes] = {}


def _norm(path: str | Path) -> str:
    return os.path.normcase(str(Path(path).resolve()))


def register_key(path: str | Path, key: bytes) -> None:
    """Remember the data key of the ledger at ``path`` for this process: every
    connection ``storage.db`` opens to that file (and its backups made by this process)
    uses it."""
    _registry[_norm(path)] = key


def forget_key(path: str | Path) -> None:
    _registry.pop(_norm(path), None)


def key_for(path: str | Path) -> bytes | None:
    if str(path) == ":memory:":
        return None
    return _registry.get(_norm(path))


def key_of(conn: object) -> bytes | None:
    """The data key of an open connection (None for a plain one)."""
    return getattr(conn, "ledger_key", None)


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _pragma_key(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("data key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: str | Path, key: bytes | None, *, readonly: bool = False,
            check_same_thread: bool = True, timeout: float = 5.0,
            immutable: bool = False) -> sqlite3.Connection:
    """A SQLCipher connection to ``path`` keyed with ``key`` (a plain SQLCipher
    connection when ``key`` is None). The connection is typed as ``sqlite3.Connection``
    for sqlite-utils: the two drivers share the DB-API."""
    target = str(path)
    uri = False
    if readonly:
        target = Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable
                                                  else "?mode=ro")
        uri = True
    conn = sqlcipher.connect(target, uri=uri, check_same_thread=check_same_thread,
                             factory=KeyedConnection, timeout=timeout)
    try:
        if key is not None:
            conn.execute(_pragma_key(key))
            conn.ledger_key = key
            # sorts and temp tables stay in memory: no plaintext temp files on disk
            conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # wrong key: error
    except BaseException:
        conn.close()
        raise
    return cast(sqlite3.Connection, conn)


def is_plain_file(path: str | Path) -> bool:
    """True for an existing non-empty file that starts like a plain SQLite database."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            return fh.read(16) == PLAIN_HEADER
    except OSError:
        return False


def is_encrypted_ledger(path: str | Path) -> bool:
    """An existing ledger with a key file beside it and no plain SQLite header. The key
    file is looked for first: the header of a plain ledger is not read (reading and
    closing a file this process has open through SQLite would drop SQLite's POSIX locks;
    see storage.db._OPEN_HERE)."""
    p = Path(path)
    return (key_file_path(p).is_file() and p.is_file() and p.stat().st_size > 0
            and not is_plain_file(p))


def export_encrypted(plain: sqlite3.Connection, target: str | Path, key: bytes) -> None:
    """Write the whole database of ``plain`` (a SQLCipher connection without a key) to
    ``target`` encrypted with ``key`` (``sqlcipher_export``)."""
    plain.execute("ATTACH DATABASE ? AS enc KEY \"x'" + key.hex() + "'\"", [str(target)])
    try:
        plain.execute("SELECT sqlcipher_export('enc')").fetchall()
        version = plain.execute("PRAGMA main.user_version").fetchone()[0]
        plain.execute(f"PRAGMA enc.user_version = {int(version)}")
    finally:
        plain.execute("DETACH DATABASE enc")


def copy_database(conn: sqlite3.Connection, target: str | Path) -> None:
    """A consistent copy of ``conn``'s database through the backup API, encrypted with
    the same data key when ``conn`` is encrypted."""
    key = key_of(conn)
    if key is None and not isinstance(conn, sqlcipher.Connection):
        dest = sqlite3.connect(str(target))
    else:
        dest = connect(target, key)
        if key is not None:
            register_key(target, key)  # so that this process can verify the copy
    try:
        conn.backup(dest)
    finally:
        dest.close()


# ---- the key file -----------------------------------------------------------------------


def key_file_path(ledger: str | Path) -> Path:
    p = Path(ledger)
    return p.with_name(p.name + SUFFIX)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    out = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                         maxmem=256 * 1024 * 1024, dklen=2 * KEY_BYTES)
    return out[:KEY_BYTES], out[KEY_BYTES:]


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def wrap(secret: str, key: bytes, slot: str) -> dict[str, Any]:
    """A slot that gives back ``key`` to whoever knows ``secret``."""
    salt = secrets.token_bytes(16)
    k1, k2 = _derive(secret, salt, KDF_N, KDF_R, KDF_P)
    wrapped = _xor(key, k1)
    tag = hmac.new(k2, wrapped + slot.encode("utf-8"), hashlib.sha256).digest()
    return {"kdf": "scrypt", "n": KDF_N, "r": KDF_R, "p": KDF_P, "salt": _b64(salt),
            "wrapped": _b64(wrapped), "tag": _b64(tag)}


def unwrap(secret: str, entry: dict[str, Any], slot: str) -> bytes | None:
    """The data key, or None when ``secret`` is wrong."""
    try:
        salt, wrapped, tag = (_unb64(entry[k]) for k in ("salt", "wrapped", "tag"))
        k1, k2 = _derive(secret, salt, int(entry["n"]), int(entry["r"]), int(entry["p"]))
    except (KeyError, ValueError, TypeError):
        return None
    expected = hmac.new(k2, wrapped + slot.encode("utf-8"), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, tag):
        return None
    return _xor(wrapped, k1)


@dataclass
class KeyFile:
    """The parsed key file; ``save()`` writes it whole (temp file, then rename)."""

    path: Path
    data: dict[str, Any]

    @classmethod
    def new(cls, ledger: str | Path) -> KeyFile:
        return cls(key_file_path(ledger), {"format": FORMAT, "version": VERSION,
                                           "cipher": "sqlcipher4-raw-key", "slots": {},
                                           "lockout": {}, "pending_audit": []})

    @classmethod
    def load(cls, ledger: str | Path) -> KeyFile:
        path = key_file_path(ledger)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise KeyFileError("keys.missing", str(path)) from exc
        except (OSError, ValueError) as exc:
            raise KeyFileError("keys.unreadable", str(path), str(exc)) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise KeyFileError("keys.unreadable", str(path), "format")
        if int(data.get("version", 0)) > VERSION:
            raise KeyFileError("keys.too_new", str(path))
        for name in ("slots", "lockout"):
            data.setdefault(name, {})
        data.setdefault("pending_audit", [])
        return cls(path, data)

    def save(self, path: Path | None = None) -> None:
        # fsync: a key file half on disk after a power cut would lock everyone out
        with atomic_text(path or self.path, newline="\n", fsync=True) as fh:
            json.dump(self.data, fh, ensure_ascii=False, indent=1)

    @property
    def slots(self) -> dict[str, Any]:
        return cast(dict[str, Any], self.data["slots"])

    @property
    def lockout(self) -> dict[str, Any]:
        return cast(dict[str, Any], self.data["lockout"])

    @property
    def pending_audit(self) -> list[dict[str, str]]:
        return cast(list[dict[str, str]], self.data["pending_audit"])


@contextmanager
def keyfile_lock(ledger: str | Path) -> Iterator[None]:
    """Serialise read-modify-write of the key file between processes (a lock file
    created exclusively; a stale one older than 30 s is taken over)."""
    lock = key_file_path(ledger).with_name(key_file_path(ledger).name + ".lock")
    deadline = time.monotonic() + 10
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.close(fd)
            break
        except FileExistsError:
            try:
                if time.time() - lock.stat().st_mtime > 30:
                    lock.unlink(missing_ok=True)
                    continue
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def copy_file(source: str | Path, target: str | Path) -> None:
    """Copy the database file ``source`` into ``target`` through the backup API (the
    data key of ``source``, when registered, encrypts the target as well)."""
    key = key_for(source)
    if key is None:
        src = sqlite3.connect(Path(source).resolve().as_uri() + "?mode=ro", uri=True)
    else:
        src = connect(source, key, readonly=True)
    try:
        copy_database(src, target)
    finally:
        src.close()


def copy_key_file(ledger: str | Path, copy: str | Path) -> Path | None:
    """Put a copy of the ledger's key file beside ``copy`` (a backup), so that the
    backup opens with the passwords of the time, or the recovery key. None for a plain
    ledger."""
    source = key_file_path(ledger)
    if not source.is_file():
        return None
    target = key_file_path(copy)
    keys = KeyFile.load(ledger)
    keys.data["lockout"] = {}
    keys.data["pending_audit"] = []
    keys.save(target)
    return target
