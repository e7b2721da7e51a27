"""Drafts of case forms kept on disk as JSON, so that nothing typed is lost if the
program dies. One file per form: ``new-<uuid>.json`` or ``case-<case_id>.json``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mediator_app.storage.files import FOLDER_MODE, make_private, open_private_text


def default_drafts_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("MediatorLedger", appauthor=False)) / "drafts"


class DraftStore:
    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory) if directory else default_drafts_dir()

    def _path(self, key: str) -> Path:
        safe = "".join(ch for ch in key if ch.isalnum() or ch in "-_")
        return self.directory / f"{safe}.json"

    def save(self, key: str, state: dict[str, Any]) -> None:
        """Write atomically (temporary file, then rename)."""
        self.directory.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        make_private(self.directory)  # drafts hold parties' names, ID numbers, phones
        target = self._path(key)
        tmp = target.with_suffix(".tmp")
        with open_private_text(tmp, encoding="utf-8") as fh:
            fh.write(json.dumps(state, ensure_ascii=False, indent=1))
        os.replace(tmp, target)

    def load(self, key: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def new_drafts(self) -> list[str]:
        """Keys of drafts of new (never saved) cases, newest first."""
        if not self.directory.is_dir():
            return []
        files = sorted(self.directory.glob("new-*.json"), key=lambda p: p.stat().st_mtime,
                       reverse=True)
        return [p.stem for p in files]
