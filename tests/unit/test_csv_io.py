"""Encoding detection, header mapping, line numbers and problem formatting."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediator_app.services.csv_io import (
    CsvImportError,
    CsvProblem,
    CsvReader,
    header_aliases,
    header_problems,
    inspect_file,
    map_header,
    shape_problem,
)

TEXT = "code,name\r\n001,东村\r\n002,\"多行\n文字\"\r\n\r\n003,西村\r\n"


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8-sig"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"),
    ("gbk", "gb18030"), ("utf-16", "utf-16"),
])
def test_encoding_is_detected(tmp_path: Path, encoding: str, expected: str) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(TEXT.encode(encoding))
    info = inspect_file(path)
    assert info.encoding == expected
    with CsvReader(info) as reader:
        assert reader.read_header() == ["code", "name"]
        rows = [(r.line, r.cells) for r in reader.rows()]
    # codes keep their leading zeros; a quoted line break stays in the field; the blank
    # line is skipped but still counted
    assert rows == [(2, ["001", "东村"]), (3, ["002", "多行\n文字"]), (6, ["003", "西村"])]


def test_undecodable_bytes_are_an_encoding_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"code,name\n\x81\x20\xff\xfe\x80\n")
    with pytest.raises(CsvImportError) as info:
        inspect_file(path)
    assert info.value.problems[0].code == "csv.encoding"


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CsvImportError) as info:
        inspect_file(tmp_path / "nope.csv")
    assert info.value.problems[0].code == "csv.unreadable"
    assert "nope.csv" in info.value.lines("zh")[0]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b" , ,\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(CsvImportError) as info, CsvReader(inspect_file(path)) as reader:
        reader.read_header()
    assert info.value.problems[0].code == "csv.empty_file"
    assert "文件是空的" in info.value.lines("zh")[0]


def test_unterminated_quote_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text('a,b\n1,2\n3,"never closed\n', encoding="utf-8")
    with pytest.raises(CsvImportError) as info, CsvReader(inspect_file(path)) as reader:
        reader.read_header()
        list(reader.rows())
    problem = info.value.problems[0]
    assert (problem.code, problem.line) == ("csv.truncated", 3)


def test_short_last_row_is_truncation_short_middle_row_is_field_count(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("a,b,c\n1,2\n4,5,6\n7,8\n", encoding="utf-8")
    with CsvReader(inspect_file(path)) as reader:
        reader.read_header()
        problems = [shape_problem("short.csv", r, 3) for r in reader.rows()]
    assert [(p.code, p.line) if p else None for p in problems] == [
        ("csv.field_count", 2), None, ("csv.truncated", 4)]


def test_header_accepts_keys_and_chinese_labels() -> None:
    aliases = header_aliases(["case_id", "amount_yuan", "received_on"])
    mapped = map_header(["\ufeff案件标识", "涉及金额（元）", " RECEIVED_ON ", "", "备注", "案件标识"],  # noqa: E501
                        aliases)
    assert mapped.columns == {"case_id": 0, "amount_yuan": 1, "received_on": 2}
    assert mapped.unknown == ["备注"]
    assert mapped.repeated == ["案件标识"]
    codes = [p.code for p in header_problems("f.csv", mapped, ["case_id", "status"])]
    assert codes == ["csv.header_missing", "csv.header_unknown", "csv.duplicate_column"]


def test_problem_names_file_line_column_and_field() -> None:
    p = CsvProblem("cases.csv", 3, 7, "received_on", "date.invalid", {"value": "2023-13-01"})
    zh, en = p.format("zh"), p.format("en")
    assert zh.startswith("cases.csv 第 3 行 第 7 列 received_on（登记日期）：")
    assert "2023-13-01" in zh
    assert en.startswith("cases.csv, line 3, column 7 (received_on / Registration date): ")


def test_error_lists_at_most_fifty_and_says_how_many() -> None:
    problems = [CsvProblem("f.csv", n, 1, "case_id", "required") for n in range(2, 102)]
    error = CsvImportError(problems, total=100)
    lines = error.lines("en")
    assert len(lines) == 51
    assert "100" in lines[-1] and "50" in lines[-1]
