"""Reviewed and submitted monthly figures (审核上报): every review or submission is a new
version of (scope, period) holding the JSON snapshot of the report; nothing is overwritten
and the highest version is the current one."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from mediator_app.storage.convert import now_iso

REVIEWED = "reviewed"
SUBMITTED = "submitted"

_COLS = ("id, scope, period, version, status, reviewed_by, reviewed_at, submitted_by, "
         "submitted_at, zero_report, snapshot, created_at")


@dataclass(frozen=True)
class Submission:
    scope: str
    period: str  # "2023-05"
    status: str  # "reviewed" | "submitted"
    snapshot: dict[str, Any] = field(compare=False)
    reviewed_by: str = ""
    reviewed_at: str | None = None
    submitted_by: str = ""
    submitted_at: str | None = None
    zero_report: bool = False
    version: int = 0
    created_at: str = ""
    id: int | None = None

    @property
    def submitted(self) -> bool:
        return self.status == SUBMITTED


def _row(r: tuple[Any, ...]) -> Submission:
    return Submission(id=r[0], scope=r[1], period=r[2], version=r[3], status=r[4],
                      reviewed_by=r[5], reviewed_at=r[6], submitted_by=r[7], submitted_at=r[8],
                      zero_report=bool(r[9]), snapshot=json.loads(r[10]), created_at=r[11])


class SubmissionRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, s: Submission) -> Submission:
        """Store ``s`` as the next version of its (scope, period); the caller owns the
        transaction."""
        row = self.db.execute(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM submissions WHERE scope = ? AND period = ?",
            [s.scope, s.period],
        ).fetchone()
        version, created = int(row[0]), now_iso()
        cur = self.db.execute(
            "INSERT INTO submissions(scope, period, version, status, reviewed_by, reviewed_at, "
            "submitted_by, submitted_at, zero_report, snapshot, created_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [s.scope, s.period, version, s.status, s.reviewed_by, s.reviewed_at,
             s.submitted_by, s.submitted_at, int(s.zero_report),
             json.dumps(s.snapshot, ensure_ascii=False, sort_keys=True), created],
        )
        return self.get(int(cur.lastrowid or 0))

    def get(self, sid: int) -> Submission:
        row = self.db.execute(f"SELECT {_COLS} FROM submissions WHERE id = ?", [sid]).fetchone()
        if row is None:
            raise LookupError(sid)
        return _row(row)

    def history(self, scope: str, period: str) -> list[Submission]:
        """Every version, oldest first."""
        rows = self.db.execute(
            f"SELECT {_COLS} FROM submissions WHERE scope = ? AND period = ? ORDER BY version",
            [scope, period],
        ).fetchall()
        return [_row(r) for r in rows]

    def latest(self, scope: str, period: str, *, status: str | None = None) -> Submission | None:
        """The highest version (of the given status, if any)."""
        sql = f"SELECT {_COLS} FROM submissions WHERE scope = ? AND period = ?"
        params: list[Any] = [scope, period]
        if status:
            sql += " AND status = ?"
            params.append(status)
        row = self.db.execute(sql + " ORDER BY version DESC LIMIT 1", params).fetchone()
        return _row(row) if row else None

    def latest_by_scope(self, scopes: Iterable[str],
                        period: str) -> dict[str, dict[str, Submission]]:
        """For each scope that has any: {status: latest version of that status}."""
        wanted = list(dict.fromkeys(scopes))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        rows = self.db.execute(
            f"SELECT {_COLS} FROM submissions s WHERE period = ? AND scope IN ({marks}) "
            "AND version = (SELECT MAX(version) FROM submissions t WHERE t.scope = s.scope "
            "AND t.period = s.period AND t.status = s.status)",
            [period, *wanted],
        ).fetchall()
        out: dict[str, dict[str, Submission]] = {}
        for r in rows:
            sub = _row(r)
            out.setdefault(sub.scope, {})[sub.status] = sub
        return out
