"""SQL of the ledger import (services.ledger_import.importer): the parties named in a workbook,
reconciled by name with the parties of the cases the import wrote."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils import Database

_WRITTEN = "SELECT rowid FROM temp.import_seen WHERE written = 1 AND file_no = ?"


class LedgerRepository:
    def __init__(self, db: Database):
        self.conn: sqlite3.Connection = db.conn

    def apply_parties(self, file_no: int, rows: Iterable[Sequence[Any]]) -> None:
        """Rows (case_id, seq, role, kind, name). For every case this file wrote: names
        no longer listed are removed, new names are added, and a party whose name stays
        keeps what was entered about it in the program (phone, ID number …), taking the
        workbook's order. Then party_names / party_count are refreshed."""
        conn = self.conn
        conn.execute("DROP TABLE IF EXISTS temp.ledger_parties")
        conn.execute("CREATE TEMP TABLE ledger_parties (case_rowid INTEGER, seq INTEGER, "
                     "role TEXT, kind TEXT, name TEXT)")
        conn.executemany(
            "INSERT INTO temp.ledger_parties SELECT c.id, ?2, ?3, ?4, ?5 FROM cases c "
            "WHERE c.case_id = ?1", rows)
        conn.execute("CREATE INDEX temp.idx_ledger_parties ON ledger_parties(case_rowid, name)")
        written = f"case_rowid IN ({_WRITTEN})"
        conn.execute(
            f"DELETE FROM parties WHERE {written} AND NOT EXISTS (SELECT 1 FROM "
            "temp.ledger_parties l WHERE l.case_rowid = parties.case_rowid "
            "AND l.name = parties.name)", [file_no])
        conn.execute(
            "UPDATE parties SET seq = (SELECT min(l.seq) FROM temp.ledger_parties l WHERE "
            f"l.case_rowid = parties.case_rowid AND l.name = parties.name) WHERE {written}",
            [file_no])
        conn.execute(
            "INSERT INTO parties(case_rowid, seq, role, kind, name) "
            "SELECT l.case_rowid, l.seq, l.role, l.kind, l.name FROM temp.ledger_parties l "
            f"WHERE l.{written} AND NOT EXISTS (SELECT 1 FROM parties p "
            "WHERE p.case_rowid = l.case_rowid AND p.name = l.name) ORDER BY l.rowid",
            [file_no])
        conn.execute(
            "UPDATE cases SET party_names = ifnull((SELECT group_concat(name, ' ') FROM "
            "(SELECT name FROM parties WHERE case_rowid = cases.id ORDER BY seq, id)), ''), "
            "party_count = (SELECT count(*) FROM parties WHERE case_rowid = cases.id) "
            f"WHERE id IN ({_WRITTEN})", [file_no])
        conn.execute("DROP TABLE temp.ledger_parties")
