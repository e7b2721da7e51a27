"""A small text (a case-form draft) sealed with an encrypted ledger's data key: a one-row
SQLCipher database, so that what was typed about the parties of an encrypted ledger is
never on disk in the clear (review2: drafts were plain JSON beside encrypted ledgers)."""

from __future__ import annotations

from pathlib import Path

from mediator_app.storage import crypto
from mediator_app.storage.files import replacing


def write_sealed_text(path: str | Path, key: bytes, text: str) -> None:
    """Write ``text`` sealed with ``key`` (written beside, then renamed)."""
    with replacing(path) as part:
        Path(f"{part}-journal").unlink(missing_ok=True)
        conn = crypto.connect(part, key)
        try:
            conn.execute("CREATE TABLE draft (text TEXT NOT NULL)")
            conn.execute("INSERT INTO draft (text) VALUES (?)", [text])
            conn.commit()
        finally:
            conn.close()


def read_sealed_text(path: str | Path, key: bytes) -> str | None:
    """The sealed text, or None when the file is missing, damaged or sealed with another
    key (another ledger's draft)."""
    if not Path(path).is_file():
        return None
    try:
        conn = crypto.connect(path, key, readonly=True)
    except Exception:  # noqa: BLE001 - wrong key or not a sealed file: no draft
        return None
    try:
        row = conn.execute("SELECT text FROM draft").fetchone()
    except Exception:  # noqa: BLE001
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None
