"""The editable code tables (``code_items``: dispute types and case sources).

Cases store the code, never the label, so renaming an entry relabels every case that
uses it; ``version`` counts the changes of what an entry means (label, statistics group,
order)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from mediator_app.domain.model import CodeItem
from mediator_app.storage import lookup_repo

# kind -> the cases column holding its code (a whitelist: never format user text into SQL)
_CASE_COLUMN = {"dispute_type": "dispute_type", "source": "source", "difficulty": "difficulty"}
_COLUMNS = "kind, code, label, group_label, sort_order, active, version"


def _column(kind: str) -> str:
    if kind not in _CASE_COLUMN:
        raise ValueError(kind)
    return _CASE_COLUMN[kind]


def _item(row: Sequence[Any]) -> CodeItem:
    return CodeItem(row[0], row[1], row[2], row[3], int(row[4]), bool(row[5]), int(row[6]))


def _meaning(item: CodeItem) -> tuple[str, str, int]:
    return (item.label, item.group_label, item.sort_order)


class CodeRepository:
    def __init__(self, db: Database):
        self.db = db

    def items(self, kind: str, include_inactive: bool = True) -> list[CodeItem]:
        """Entries of ``kind`` in display order (sort order, then code)."""
        return lookup_repo.code_items(self.db, kind, include_inactive=include_inactive)

    def item(self, kind: str, code: str) -> CodeItem | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM code_items WHERE kind = ? AND code = ?", [kind, code]
        ).fetchone()
        return _item(row) if row else None

    def upsert(self, item: CodeItem) -> CodeItem:
        """Insert ``item`` (version 1) or update the stored entry; a change of label,
        group or order bumps ``version``. Returns the entry as stored."""
        old = self.item(item.kind, item.code)
        if old is None:
            version = 1
            self.db.execute(
                f"INSERT INTO code_items({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [item.kind, item.code, item.label, item.group_label, item.sort_order,
                 int(item.active), version],
            )
        else:
            version = old.version + (1 if _meaning(old) != _meaning(item) else 0)
            self.db.execute(
                "UPDATE code_items SET label = ?, group_label = ?, sort_order = ?, "
                "active = ?, version = ? WHERE kind = ? AND code = ?",
                [item.label, item.group_label, item.sort_order, int(item.active), version,
                 item.kind, item.code],
            )
        stored = self.item(item.kind, item.code)
        assert stored is not None
        return stored

    def set_active(self, kind: str, code: str, active: bool) -> None:
        self.db.execute("UPDATE code_items SET active = ? WHERE kind = ? AND code = ?",
                        [int(active), kind, code])

    def delete(self, kind: str, code: str) -> None:
        """Remove an entry; the caller checked ``is_used`` is False."""
        self.db.execute("DELETE FROM code_items WHERE kind = ? AND code = ?", [kind, code])

    def label_taken(self, kind: str, label: str, except_code: str = "") -> CodeItem | None:
        """The other entry of ``kind`` (active or not) already called ``label``, if any.
        Labels are unique per kind across all entries (index idx_code_items_label), so
        that a label read from an exchange file names one code."""
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM code_items WHERE kind = ? AND label = ? AND code <> ? "
            "LIMIT 1", [kind, label, except_code]
        ).fetchone()
        return _item(row) if row else None

    def is_used(self, kind: str, code: str) -> bool:
        """Whether any case (deleted ones included: their tombstones still travel in
        exports with the label) records this code."""
        row = self.db.execute(
            f"SELECT EXISTS (SELECT 1 FROM cases WHERE {_column(kind)} = ?)", [code]
        ).fetchone()
        return bool(row[0])

    def use_counts(self, kind: str) -> dict[str, int]:
        """code -> number of cases recording it (deleted ones included, as ``is_used``)."""
        column = _column(kind)
        rows = self.db.execute(
            f"SELECT {column}, count(*) FROM cases GROUP BY {column}"
        ).fetchall()
        return {code: int(n) for code, n in rows}
