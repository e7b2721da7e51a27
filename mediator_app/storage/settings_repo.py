"""Key/value settings stored in the database file (shared by all users of the file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


DEFAULTS: dict[str, str] = {
    "district_name": "",
    "district_code": "",
    "case_no_template": "（{year}）{short}人调字第{serial}号",
    "agreement_no_template": "（{year}）{short}人调协字第{serial}号",
    "rate_denominator": "disputes",
    "rate_rounding": "truncate",
    "rate_decimals": "2",
    "sheet_signatory": "",
    "overdue_days": "30",
}


class SettingsRepository:
    def __init__(self, db: Database):
        self.db = db

    def get(self, key: str) -> str:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else DEFAULTS.get(key, "")

    def set(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def all(self) -> dict[str, str]:
        values = dict(DEFAULTS)
        values.update(dict(self.db.execute("SELECT key, value FROM settings").fetchall()))
        return values
