"""Drafts of case forms kept on disk as JSON, so that nothing typed is lost if the
program dies. One file per form: ``new-<uuid>.json`` or ``case-<case_id>.json``.

Drafts of an encrypted ledger (review2) are sealed with its data key (``.sdraft``, see
storage/sealed_text.py) and kept in a folder of their own for that ledger and user, so
that a stolen disk shows no party data and another user of the PC is never offered
someone else's draft."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from mediator_app.locations import data_dir
from mediator_app.storage.files import (
    FOLDER_MODE,
    make_private,
    write_atomically,
)
from mediator_app.storage.sealed_text import read_sealed_text, write_sealed_text


def default_drafts_dir() -> Path:
    return data_dir() / "drafts"


class DraftStore:
    """The drafts of one ledger (and user, when sealed) in one folder."""

    def __init__(self, directory: str | Path | None = None, *,
                 sealed_with: bytes | None = None, ledger: str = "", user: str = "") -> None:
        base = Path(directory) if directory else default_drafts_dir()
        self.key = sealed_with
        if sealed_with is not None:  # an encrypted ledger: its own folder per ledger and user
            where = f"{Path(ledger).resolve() if ledger else ''}\0{user}".encode()
            base = base / ("sealed-" + hashlib.sha256(where).hexdigest()[:16])
        self.directory = base
        self.suffix = ".json" if sealed_with is None else ".sdraft"

    def _path(self, key: str) -> Path:
        safe = "".join(ch for ch in key if ch.isalnum() or ch in "-_")
        return self.directory / f"{safe}{self.suffix}"

    def save(self, key: str, state: dict[str, Any]) -> None:
        """Write atomically (temporary file, then rename)."""
        self.directory.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        make_private(self.directory)  # drafts hold parties' names, ID numbers, phones
        target = self._path(key)
        if self.key is not None:
            write_sealed_text(target, self.key, json.dumps(state, ensure_ascii=False))
            return
        write_atomically(target, json.dumps(state, ensure_ascii=False, indent=1))

    def load(self, key: str) -> dict[str, Any] | None:
        try:
            if self.key is not None:
                text = read_sealed_text(self._path(key), self.key)
                if text is None:
                    return None
            else:
                text = self._path(key).read_text(encoding="utf-8")
            data = json.loads(text)
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def new_drafts(self) -> list[str]:
        """Keys of drafts of new (never saved) cases, newest first."""
        if not self.directory.is_dir():
            return []
        files = sorted(self.directory.glob(f"new-*{self.suffix}"),
                       key=lambda p: p.stat().st_mtime,
                       reverse=True)
        return [p.stem for p in files]
