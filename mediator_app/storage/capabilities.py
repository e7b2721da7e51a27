"""What the SQLite library linked into this Python can do (for ``--self-test``)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

MIN_SQLITE = (3, 34, 0)  # the FTS5 trigram tokenizer


@dataclass(frozen=True)
class TrigramProbe:
    ok: bool
    detail: str  # the error, or the number of rows found


def sqlite_version() -> tuple[int, int, int]:
    major, minor, patch = (int(p) for p in sqlite3.sqlite_version.split(".")[:3])
    return major, minor, patch


def fts5_trigram_probe() -> TrigramProbe:
    """Create an FTS5 trigram table in memory and find a Chinese substring in it: the case
    search needs exactly this."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(body, tokenize='trigram')")
        conn.execute("INSERT INTO probe(body) VALUES (?)", ("邻里宅基地纠纷调解成功",))
        rows = conn.execute("SELECT count(*) FROM probe WHERE probe MATCH ?",
                            ('"宅基地纠纷"',)).fetchone()[0]
    except sqlite3.Error as exc:
        return TrigramProbe(False, str(exc))
    finally:
        conn.close()
    return TrigramProbe(rows == 1, str(rows))
