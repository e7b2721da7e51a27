"""What the opening health check remembers between opens (issue 13): which tables of a
ledger passed ``PRAGMA quick_check`` while the file was in a given state, and what each
table's check cost, so that

- a table verified since the file last changed is not checked again at the next open
  (the annual report of an unchanged 1M-case ledger no longer pays 0.4-0.7 s for it),
- the tables are taken cheapest first, and a table known to need more than the time
  left is not started (SQLite would only be interrupted half-way through it).

The file's state is what the operating system says of the ledger and its ``-wal``: size,
modification and change times, file id. Any write through SQLite, any copy, any tool
that rewrites bytes in place changes it; then every table is due again. The record lives
in the user data folder (``health.json``, beside ``backups.json``), not in the ledger:

- a stamp inside the file would travel with a copy, so a copy damaged on the way would
  claim to be verified; here a copy is a new path with new times, checked afresh;
- SQLite's own change counter is no help in WAL mode (it does not move with each
  transaction), and writing a stamp into the ledger at every open would be a write
  transaction in every read-only command;
- a file changed within the last ``RACY_S`` seconds is never recorded as verified: its
  timestamps have a coarse tick (a few ms on Linux, 2 s on FAT USB sticks), so a change
  in the same tick might not show.

``check`` (the whole file's ``quick_check``) records every table when it finds nothing.
Losing or deleting the record only means checking again; a record that cannot be written
is not an error."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediator_app.locations import data_dir

HEALTH_RECORD = "health.json"
MAX_LEDGERS = 50
RACY_S = 3.0
State = list[list[int] | None]


def _key(path: str | Path) -> str:
    return os.path.normcase(str(Path(path).resolve()))


def file_state(path: str | Path) -> State:
    """Size, mtime, file id and ctime of the ledger and of its -wal (None: no -wal or an
    empty one)."""
    out: State = []
    for name in (str(path), f"{path}-wal"):
        try:
            st = os.stat(name)
        except FileNotFoundError:
            out.append(None)
            continue
        # an empty -wal holds nothing (every connection in WAL mode makes one)
        out.append([st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]
                   if st.st_size or name == str(path) else None)
    return out


def _settled(state: State, now_ns: int) -> bool:
    """Every part of the state older than RACY_S (see the module's notes)."""
    return all(part is None or now_ns - part[1] > RACY_S * 1e9 for part in state)


@dataclass
class HealthRecord:
    """The remembered checks of one ledger; ``state`` is taken when the record is read,
    before checking, so a change made during the check makes the next open check again."""

    path: str
    state: State
    verified: set[str] = field(default_factory=set)  # valid for ``state`` only
    cost: dict[str, float] = field(default_factory=dict)  # seconds, or a lower bound
    changed: bool = False

    @classmethod
    def load(cls, path: str | Path) -> HealthRecord:
        state = file_state(path)
        entry = _read().get(_key(path))
        record = cls(str(path), state)
        if isinstance(entry, dict):
            cost = entry.get("cost")
            if isinstance(cost, dict):
                record.cost = {str(k): float(v) for k, v in cost.items()
                               if isinstance(v, (int, float))}
            verified = entry.get("verified")
            if entry.get("state") == state and isinstance(verified, list):
                record.verified = {str(v) for v in verified}
        return record

    def passed(self, table: str, seconds: float) -> None:
        self.verified.add(table)
        self.cost[table] = round(seconds, 4)
        self.changed = True

    def stopped(self, table: str, seconds: float) -> None:
        """Interrupted after ``seconds``: its cost is at least that."""
        self.cost[table] = round(max(self.cost.get(table, 0.0), seconds), 4)
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        verified = sorted(self.verified) if _settled(self.state, time.time_ns()) else []
        entries = _read()
        entries.pop(_key(self.path), None)
        entries[_key(self.path)] = {"state": self.state, "verified": verified,
                                    "cost": self.cost}
        _write(dict(list(entries.items())[-MAX_LEDGERS:]))


def _record_file() -> Path:
    return data_dir() / HEALTH_RECORD


def _read() -> dict[str, Any]:
    try:
        entries = json.loads(_record_file().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _write(entries: dict[str, Any]) -> None:
    record = _record_file()
    try:
        record.parent.mkdir(parents=True, exist_ok=True)  # the program's own data folder
        part = record.with_name(f"{record.name}.{os.getpid()}.part")
        part.write_text(json.dumps(entries, ensure_ascii=False), "utf-8")
        os.replace(part, record)
    except OSError:
        pass
