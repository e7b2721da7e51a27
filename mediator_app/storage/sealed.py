"""Sealed packages (issue 9): an exchange package that carries parties' personal data,
exported from an encrypted ledger, is stored inside a SQLCipher database keyed with a
package password (SQLCipher's own PBKDF2-HMAC-SHA512 and AES-256): the ``.zip`` bytes in
chunks of ``CHUNK`` bytes. Nothing of the package is readable without the password.

The plain zip never exists as a file: the exporter writes the zip straight into the
sealed database through ``SealedWriter`` (a stream that stores each full chunk as it
comes), and the importer reads it back through ``SealedReader`` (a seekable stream over
the chunks, one chunk in memory at a time). Temp data of both connections stays in
memory (``temp_store = MEMORY``); see docs/security.md."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from mediator_app.storage.crypto import PLAIN_HEADER
from mediator_app.storage.files import open_private_binary, replacing

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


class SealedWriter(io.RawIOBase):
    """A write-only, unseekable stream into a new sealed package (``zipfile`` writes a
    streamed zip into it). ``commit`` finishes it; ``close`` without it leaves nothing."""

    def __init__(self, part: Path, password: str, name: str):
        super().__init__()
        self.conn: Any = sqlcipher.connect(str(part))
        self.buffer = bytearray()
        self.seq = 0
        try:
            self.conn.execute(_key(password))
            self.conn.execute("PRAGMA temp_store = MEMORY")
            self.conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self.conn.execute("CREATE TABLE chunks (seq INTEGER PRIMARY KEY, data BLOB NOT NULL)")
            self.conn.execute("INSERT INTO meta VALUES ('format', ?), ('name', ?)", [MARK, name])
        except BaseException:
            self.conn.close()
            raise

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self.buffer += view
        while len(self.buffer) >= CHUNK:
            self._store(bytes(self.buffer[:CHUNK]))
            del self.buffer[:CHUNK]
        return len(view)

    def _store(self, data: bytes) -> None:
        self.conn.execute("INSERT INTO chunks VALUES (?, ?)", [self.seq, data])
        self.seq += 1

    def commit(self) -> None:
        if self.buffer:
            self._store(bytes(self.buffer))
            self.buffer.clear()
        self.conn.commit()

    def close(self) -> None:
        if not self.closed:
            self.conn.close()
        super().close()


@contextmanager
def sealing(out: Path, password: str, name: str) -> Iterator[SealedWriter]:
    """A stream whose bytes become the sealed package ``out`` (written as ``out.part``
    and renamed when the block ends without an error; removed otherwise)."""
    with replacing(out) as part:
        open_private_binary(part).close()  # owner-only from the start (storage.files)
        writer = SealedWriter(part, password, name)
        try:
            yield writer
            writer.commit()
        finally:
            writer.close()


class SealedReader(io.RawIOBase):
    """A read-only, seekable stream over the zip inside a sealed package (what
    ``zipfile.ZipFile`` needs); one chunk is held in memory at a time."""

    def __init__(self, conn: Any):
        super().__init__()
        self.conn = conn
        row = conn.execute("SELECT count(*), coalesce(max(seq), -1) FROM chunks").fetchone()
        last = conn.execute("SELECT length(data) FROM chunks WHERE seq = ?",
                            [row[1]]).fetchone()
        self.size = (int(row[1]) * CHUNK + int(last[0])) if last else 0
        if last and int(row[0]) != int(row[1]) + 1:
            raise sqlcipher.DatabaseError("sealed package: missing chunks")
        self.pos = 0
        self.cached: tuple[int, bytes] = (-1, b"")

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.pos, io.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self.pos = base + offset
        return self.pos

    def _chunk(self, seq: int) -> bytes:
        if self.cached[0] != seq:
            row = self.conn.execute("SELECT data FROM chunks WHERE seq = ?", [seq]).fetchone()
            self.cached = (seq, bytes(row[0]) if row else b"")
        return self.cached[1]

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self.pos < self.size:
            seq, offset = divmod(self.pos, CHUNK)
            data = self._chunk(seq)[offset:offset + len(view) - done]
            if not data:
                break
            view[done:done + len(data)] = data
            done += len(data)
            self.pos += len(data)
        return done

    def close(self) -> None:
        if not self.closed:
            self.conn.close()
        super().close()


def open_sealed(path: str | Path, password: str) -> SealedReader | None:
    """The zip inside the sealed package ``path`` as a stream (the caller closes it);
    None when the password is wrong or the file is not a sealed package."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlcipher.connect(uri, uri=True)
    try:
        # a wrong password is an ordinary answer here: SQLCipher must not write its own
        # "ERROR CORE sqlcipher_page_cipher: hmac check failed" lines to the console
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key(password))
        conn.execute("PRAGMA temp_store = MEMORY")
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlcipher.DatabaseError:
            conn.close()
            return None
        if not row or row[0] != MARK:
            conn.close()
            return None
        return SealedReader(conn)
    except BaseException:
        conn.close()
        raise


def seal(zip_path: Path, out: Path, password: str) -> None:
    """Write the zip file ``zip_path`` sealed with ``password`` to ``out``."""
    with sealing(out, password, zip_path.name) as writer, zip_path.open("rb") as fh:
        while data := fh.read(CHUNK):
            writer.write(data)


def unseal(path: Path, password: str, zip_out: Path) -> bool:
    """Write the zip inside ``path`` to ``zip_out`` (where the user asked for it); False
    when the password is wrong or the file is not a sealed package."""
    reader = open_sealed(path, password)
    if reader is None:
        return False
    with reader, zip_out.open("wb") as fh:
        while data := reader.read(CHUNK):
            fh.write(data)
    return True
