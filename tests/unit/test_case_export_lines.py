"""cases.csv v1 lines as the export writes them (issue 13: one printf() per line instead
of a chain of ``||`` and ``replace()``), compared byte for byte with the format's rule
written out in Python: every field quoted, quotes doubled, free text neutralised against
formula injection, codes shown by their labels, the amount in yuan, CRLF."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from exchange_fixtures import case_row, write_cases

from mediator_app.domain.spreadsheet import neutralise
from mediator_app.services.demo.district import build_demo
from mediator_app.services.exchange.case_exchange import import_cases
from mediator_app.services.exchange.case_export import export_cases
from mediator_app.storage import exchange_repo
from mediator_app.storage.db import open_database, open_memory
from mediator_app.storage.exchange_repo import EXPORT_HEADER
from tests.fixtures.district import build_mini_district

TEXT = (1, 2, 3, 4, 5, 13)  # case number, codes, labels, summary: neutralised


def _expected_line(row: sqlite3.Row | tuple[object, ...], labels: dict[tuple[str, str], str]
                   ) -> bytes:
    (case_id, case_no, committee, grid, source, dispute, received, accepted, status, closed,
     form, fen, people, summary, updated, deleted, difficulty) = row
    fields: list[object] = [
        case_id, case_no, committee, grid or "", labels.get(("source", str(source)), source),
        labels.get(("dispute_type", str(dispute)), dispute), received, accepted or "",
        status, closed or "", form or "", f"{int(fen) // 100}.{int(fen) % 100:02d}", people,
        summary, updated, deleted,
        labels.get(("difficulty", str(difficulty)), difficulty or ""),
    ]
    cells = [neutralise(str(v)) if i in TEXT else str(v) for i, v in enumerate(fields)]
    return (",".join('"' + c.replace('"', '""') + '"' for c in cells) + "\r\n").encode()


@pytest.mark.parametrize("ids_a_query", [1000, 2, 1])
def test_export_lines_follow_the_format_byte_for_byte(tmp_path: Path, ids_a_query: int,
                                                      monkeypatch: pytest.MonkeyPatch
                                                      ) -> None:
    """The whole ledger: lines joined by SQLite a batch of row ids at a time (gaps in the
    ids included), in id order."""
    monkeypatch.setattr(exchange_repo, "EXPORT_IDS", ids_a_query)
    db = open_memory()
    build_mini_district(db)
    rows = [case_row(1), case_row(2, summary='他说"不行"，又说""好""', case_no='第"2"号'),
            case_row(3, case_no="-3"), case_row(6, summary="=1+2"), case_row(4, grid_code="",
                                                                accepted_on="", closed_on="",
                                                                status="待受理",
                                                                agreement_form="",
                                                                amount_yuan="0"),
            case_row(5, amount_yuan="7.05", difficulty="疑难")]
    import_cases(db, [str(write_cases(tmp_path / "in.csv", rows))], today=date(2024, 6, 30))
    # what only the case form can store: a NUL character (printf() would stop there),
    # a code without a label, an amount with both parts
    db.execute("UPDATE cases SET summary = 'a' || char(0) || '\"b' WHERE case_no = '-3'")
    db.execute("UPDATE cases SET case_no = 'x' || char(0) || 'y', source = '未知来源', "
               "amount_fen = 123456 WHERE id = (SELECT min(id) FROM cases)")
    # codes without a label (a difficulty or dispute type no longer in the code tables),
    # a case without a difficulty and one with an empty one
    db.execute("UPDATE cases SET difficulty = 'X9' WHERE case_no LIKE '%第5号'")
    db.execute("UPDATE cases SET dispute_type = 'ZZ' WHERE summary = '=1+2'")
    db.execute("UPDATE cases SET difficulty = NULL WHERE case_no LIKE '%第4号'")
    db.execute("UPDATE cases SET difficulty = '' WHERE case_no = '-3'")
    # labels that need quoting and neutralising themselves
    db.execute("UPDATE code_items SET label = '-' || label WHERE kind = 'source' AND code = "
               "(SELECT source FROM cases WHERE case_no = '-3')")
    db.execute("UPDATE code_items SET label = label || '\"甲\"' WHERE kind = 'dispute_type' AND "
               "code = (SELECT dispute_type FROM cases WHERE case_no = '-3')")
    db.execute("UPDATE cases SET id = id + 10 WHERE case_no = '-3'")  # a gap in the ids
    db.conn.commit()
    out = tmp_path / "cases.csv"
    assert export_cases(db, out) == 6
    labels = {(k, c): lab for k, c, lab in db.execute(
        "SELECT kind, code, label FROM code_items").fetchall()}
    stored = db.execute(
        "SELECT case_id, case_no, committee_code, grid_code, source, dispute_type, "
        "received_on, accepted_on, status, closed_on, agreement_form, amount_fen, "
        "people_involved, summary, updated_at, deleted, difficulty FROM cases ORDER BY id"
    ).fetchall()
    header = (",".join(f'"{h}"' for h in EXPORT_HEADER) + "\r\n").encode()
    expected = b"\xef\xbb\xbf" + header + b"".join(_expected_line(r, labels) for r in stored)
    data = out.read_bytes()
    assert b'"X9"' in data and b'"ZZ"' in data and b'""\xe7\x94\xb2""' in data
    assert b'"\'-' in data  # the source's label, neutralised
    assert b"\x00" in data and b"1234.56" in data and b'"\'-3"' in data and b'"\'=1+2"' in data
    assert data == expected


def test_a_selection_gets_the_same_lines_as_the_whole_ledger(tmp_path: Path) -> None:
    """A scope or date range takes the other path (one cursor over the selection); its
    lines are those of the whole export, and nothing is left behind in temp."""
    db = open_memory()
    build_demo(db, cases=300, seed=3)
    whole, part = tmp_path / "whole.csv", tmp_path / "part.csv"
    export_cases(db, whole)
    lines = whole.read_bytes().split(b"\r\n")
    count = export_cases(db, part, date_from="2024-01-01", date_to="2024-12-31")
    assert 0 < count < 300
    received = EXPORT_HEADER.index("received_on")
    expected = [ln for ln in lines[1:] if ln and ln.split(b'","')[received].startswith(b"2024")]
    assert part.read_bytes().split(b"\r\n")[1:-1] == expected
    assert db.execute("SELECT count(*) FROM temp.sqlite_master").fetchone()[0] == 0
    assert not db.conn.in_transaction


def test_every_batch_sees_the_ledger_as_the_first_did(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program writing during an export of the whole ledger (many queries) does
    not make it mix old and new cases: the batches share one read transaction."""
    monkeypatch.setattr(exchange_repo, "EXPORT_IDS", 50)
    path = tmp_path / "ledger.db"
    handle = open_database(path)
    build_demo(handle.db, cases=300, seed=3)
    before = tmp_path / "before.csv"
    export_cases(handle.db, before)
    other = sqlite3.connect(path)
    out = tmp_path / "during.csv"

    def write_meanwhile(done: int, _total: int) -> None:
        if done == 50:  # after the first batch
            other.execute("UPDATE cases SET summary = summary || '（改）'")
            other.commit()

    export_cases(handle.db, out, progress=write_meanwhile)
    other.close()
    assert out.read_bytes() == before.read_bytes()
    assert not handle.db.conn.in_transaction
    handle.close()


def test_a_batch_too_long_for_one_value_is_written_line_by_line(tmp_path: Path) -> None:
    """SQLite refuses a value longer than its length limit (1 GB by default; here made
    small): a batch of very long lines is then fetched one line at a time, same bytes."""
    db = open_memory()
    build_demo(db, cases=100, seed=5)
    whole, small = tmp_path / "whole.csv", tmp_path / "small.csv"
    export_cases(db, whole)
    limit = 16384  # above the statements' length and any one row, below the whole batch
    assert len(whole.read_bytes()) > 2 * limit
    db.conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limit)
    assert export_cases(db, small) == 100
    assert small.read_bytes() == whole.read_bytes()
    assert not db.conn.in_transaction
