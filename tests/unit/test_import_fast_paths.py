"""Issue 13, bulk import: the fast paths of the hot loop give the answers of the slow
ones — the parser's remembered days (a date cell is parsed once per distinct text), and
the CSV reader's one-scan blank-row test; and Python's cycle collector, paused while an
import runs."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pytest
from exchange_fixtures import case_row, write_cases
from sqlite_utils import Database

from mediator_app.services.csv_io import CsvImportError, CsvReader, inspect_file
from mediator_app.services.exchange.case_exchange import import_cases
from mediator_app.services.exchange.case_rows import COLUMN, Lookups, RowParser
from mediator_app.storage.db import open_memory
from tests.fixtures.district import build_mini_district

TODAY = date(2024, 6, 30)
UUID = "0b6f3f0e-6a56-4d5e-9a3e-9b8f2f1f0c01"


def _parser() -> RowParser:
    return RowParser(Lookups({"C1": "G0"}, {"G1": ("网格", "G0")}, {"1": "1"},
                             {"01": "01"}), TODAY)


def _row(received: str = "2024-05-01", accepted: str = "2024-05-02",
         closed: str = "2024-05-20") -> list[str]:
    return [UUID, "", "C1", "", "1", "01", received, accepted, "调解成功", closed, "书面",
            "12.50", "2", "摘要", "2024-05-20T10:00:00+08:00", "0"]


def test_a_remembered_day_gives_the_values_of_a_first_parse() -> None:
    parser = _parser()
    first = parser.parse(_row())
    again = parser.parse(_row())
    assert first == again and first[2] == []
    values = first[0]
    assert values is not None
    assert values[8:13] == ("2024-05-01", "2024-05-02", "2024-05-20", "调解成功", "书面")
    assert all(type(v) is str for v in values[8:13])  # plain text, not enum members


def test_other_forms_of_a_day_are_stored_as_iso() -> None:
    parser = _parser()
    values = parser.parse(_row("2024/5/1", "2024年5月2日", "20240520"))[0]
    assert values is not None and values[8:11] == ("2024-05-01", "2024-05-02", "2024-05-20")
    assert parser.parse(_row())[0] == values


@pytest.mark.parametrize("bad", ["2024-02-30", "2024-13-01", "昨天"])
def test_a_wrong_day_is_reported_every_time_in_its_own_column(bad: str) -> None:
    parser = _parser()
    parser.parse(_row())  # remembers the good days
    for _ in range(2):
        values, _stamp, problems = parser.parse(_row(accepted=bad))
        assert values is None
        assert [(column, p.code) for column, p in problems] == [
            (COLUMN["accepted_on"], "date.invalid")]
        values, _stamp, problems = parser.parse(_row(closed=bad))
        assert [column for column, _p in problems] == [COLUMN["closed_on"]]


def test_rows_of_blanks_are_skipped_whatever_the_blank(tmp_path: Path) -> None:
    text = ("a,b\r\n1,x\r\n,\r\n\u3000, \t\r\n2,\u3000y\r\n \u2003,\r\n3,z\r\n")
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    with CsvReader(inspect_file(path)) as reader:
        assert reader.read_header() == ["a", "b"]
        rows = list(reader.rows())
    assert [(r.line, r.cells) for r in rows] == [(2, ["1", "x"]), (5, ["2", "\u3000y"]),
                                                  (7, ["3", "z"])]
    assert [r.last for r in rows] == [False, False, True]


# ---- the cycle collector is paused during an import, and switched back on -------------

def _mini_db() -> Database:
    db = open_memory()
    build_mini_district(db)
    return db


def test_the_cycle_collector_is_paused_during_an_import_only(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    from mediator_app.services.exchange import case_merge

    states: list[bool] = []
    chunk = case_merge._chunk

    def watched(*args: object, **kwargs: object) -> None:
        states.append(gc.isenabled())
        chunk(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(case_merge, "_chunk", watched)
    db = _mini_db()
    good = write_cases(tmp_path / "good.csv", [case_row(n) for n in range(1, 6)])
    assert gc.isenabled()
    assert import_cases(db, [good], today=TODAY).total("new") == 5
    assert states and not any(states)
    assert gc.isenabled()
    bad = write_cases(tmp_path / "bad.csv", [case_row(9, received_on="昨天")])
    with pytest.raises(CsvImportError):
        import_cases(db, [bad], today=TODAY)
    assert gc.isenabled()
    gc.disable()  # a caller that keeps it off finds it off
    try:
        import_cases(db, [good], today=TODAY, dry_run=True)
        assert not gc.isenabled()
    finally:
        gc.enable()
