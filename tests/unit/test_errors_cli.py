"""Issue 8 items 9 and 10 on the command line: no traceback, no exception text in
English, a file/line/column message for row errors, a quiet exit for a closed pipe, and
the log file (path named in the message, owner-only, no personal data)."""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from exchange_fixtures import case_row, write_cases

from mediator_app.cli.main import EXIT_FAULT, EXIT_PIPE, main
from mediator_app.domain.fault_messages import MAX_FIELD_CHARS
from mediator_app.services import faults
from mediator_app.services.exchange import case_exchange
from tests.fixtures.district import FIXTURES
from tests.fixtures.district import ORG_FILES as ORG

ROOT = Path(__file__).resolve().parents[2]
# English words of the texts issue 8 found in Chinese messages
ENGLISH = re.compile(r"Traceback|Error\b|expected after|field limit|not a zip|object has no "
                     r"attribute|recursion|malformed|readonly|On tree page|\*\*\* in database")


@pytest.fixture
def log_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "logs" / "mediator-app.log"
    monkeypatch.setenv(faults.LOG_ENV, str(path))
    return path


@pytest.fixture
def ledger(tmp_path) -> Path:
    path = tmp_path / "ledger.db"
    assert main(["--db", str(path), "org", "import", *ORG]) == 0
    return path


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def _import(ledger: Path, path: Path, capsys, *more: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--db", str(ledger), *more, "cases", "import", str(path)])
    return code, capsys.readouterr().err


# ---- item 9: tracebacks become messages -------------------------------------------------


@pytest.mark.parametrize(("column", "number", "value"), [
    ("amount_yuan", 12, "1e30"),                           # decimal.InvalidOperation
    ("amount_yuan", 12, "99999999999999999999999"),        # OverflowError in SQLite
    ("amount_yuan", 12, "10000000000.01"),                 # just above the documented cap
    ("people_involved", 13, "99999999999999999999999"),    # OverflowError
    ("people_involved", 13, "1e30"),
    ("people_involved", 13, "10000001"),
])
def test_huge_numbers_are_row_problems_with_line_and_column(ledger, tmp_path, capsys,
                                                            column, number, value):
    path = write_cases(tmp_path / "big.csv", [case_row(1), case_row(2, **{column: value})])
    before = _bytes(ledger)
    code, err = _import(ledger, path, capsys)
    assert code == 1
    assert f"big.csv 第 3 行 第 {number} 列 {column}" in err and value in err
    assert "Traceback" not in err and "Error" not in err
    assert _bytes(ledger) == before


def test_largest_allowed_amount_and_people_import_and_add_up(ledger, tmp_path, capsys):
    rows = [case_row(n, amount_yuan="10000000000.00", people_involved="10000000")
            for n in range(1, 4)]
    code, err = _import(ledger, write_cases(tmp_path / "max.csv", rows), capsys)
    assert code == 0, err
    assert main(["--db", str(ledger), "report", "--period", "2023", "--scope", "610114",
                 "--format", "json"]) == 0


def test_closed_pipe_is_a_quiet_exit_in_process(ledger, monkeypatch, capsys):
    class Closed(io.StringIO):
        def write(self, s: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(["--db", str(ledger), "check"]) == EXIT_PIPE
    monkeypatch.undo()
    assert capsys.readouterr().err == ""


def test_check_into_a_closed_pipe_prints_no_traceback(ledger):
    """``check | head -2``: the reader is gone before the program writes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "mediator_app", "--db", str(ledger),
                             "check"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like head exiting at once
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=60) == EXIT_PIPE
    assert "Traceback" not in err and "BrokenPipe" not in err and err == ""


# ---- item 10: known English texts become sentences --------------------------------------


def _header_and_row() -> tuple[str, str]:
    lines = (FIXTURES / "cases.csv").read_text(encoding="utf-8-sig").splitlines()
    return lines[0], lines[1]


def test_overlong_cell_names_the_limit_and_does_not_blame_quotes(ledger, tmp_path, capsys):
    head, row = _header_and_row()
    long_row = row.replace('"邻里因排水沟发生争执"', '"' + "长" * (MAX_FIELD_CHARS + 1) + '"')
    path = tmp_path / "long.csv"
    path.write_text("\n".join([head, row, long_row]) + "\n", encoding="utf-8")
    code, err = _import(ledger, path, capsys)
    assert code == 1
    assert "long.csv 第 3 行" in err and f"{MAX_FIELD_CHARS} 个字符" in err
    assert "引号" not in err and not ENGLISH.search(err)
    code, err = _import(ledger, path, capsys, "--lang", "en")
    assert f"longer than {MAX_FIELD_CHARS} characters" in err and "quote" not in err


def test_a_cell_of_exactly_the_limit_is_read(ledger, tmp_path, capsys):
    head, row = _header_and_row()
    path = tmp_path / "limit.csv"
    text = "长" * MAX_FIELD_CHARS
    path.write_text("\n".join([head, row.replace("邻里因排水沟发生争执", text)]) + "\n",
                    encoding="utf-8")
    code, err = _import(ledger, path, capsys)
    assert code == 0, err


def test_text_after_a_closing_quote_is_explained(ledger, tmp_path, capsys):
    head, row = _header_and_row()
    path = tmp_path / "quote.csv"
    path.write_text("\n".join([head, row, row.replace('"2"', '"2"x', 1)]) + "\n",
                    encoding="utf-8")
    code, err = _import(ledger, path, capsys)
    assert code == 1 and "quote.csv 第 3 行" in err and '""' in err
    assert not ENGLISH.search(err) and "'" not in err


def _zip(path: Path, manifest: str | bytes) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", manifest)
    return path


@pytest.mark.parametrize(("name", "make", "expected"), [
    ("notzip.zip", lambda p: (p.write_bytes(b"hello, not a zip"), p)[1], "不是 zip 格式"),
    ("list.zip", lambda p: _zip(p, "[1, 2]"), "结构不符合要求"),
    ("deep.zip", lambda p: _zip(p, "[" * 100_000 + "]" * 100_000), "嵌套层数过多"),
    ("json.zip", lambda p: _zip(p, '{"format": '), "不是有效的 JSON"),
])
def test_damaged_packages_are_explained_in_chinese(ledger, tmp_path, capsys, name, make,
                                                   expected):
    path = make(tmp_path / name)
    before = _bytes(ledger)
    code, err = _import(ledger, path, capsys)
    assert code == 1 and name in err and expected in err, err
    assert not ENGLISH.search(err), err
    assert _bytes(ledger) == before


def test_readonly_database_is_a_sentence(ledger, monkeypatch, capsys, tmp_path, log_file):
    def refuse(*_a, **_k):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(case_exchange, "import_cases", refuse)
    code, err = _import(ledger, write_cases(tmp_path / "a.csv", [case_row(1)]), capsys)
    assert code == 3 and "只读" in err and not ENGLISH.search(err)
    code, err = _import(ledger, write_cases(tmp_path / "a.csv", [case_row(1)]), capsys,
                        "--lang", "en")
    assert "read-only" in err and "readonly" not in err


def _damage_an_index(path: Path) -> None:
    """Change one key inside an index page: the table and its index disagree, which
    ``integrity_check`` reports in SQLite's words (``row 1 missing from index …``)."""
    conn = sqlite3.connect(path)
    root, page_size = conn.execute(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size()) FROM sqlite_master "
        "WHERE type = 'index' AND tbl_name = 'org_units' AND sql IS NOT NULL").fetchone()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with path.open("r+b") as fh:
        fh.seek(root * page_size - 16)
        tail = bytearray(fh.read(16))
        tail[-3] ^= 0x01
        fh.seek(root * page_size - 16)
        fh.write(bytes(tail))


def test_backup_of_a_damaged_file_names_the_log_not_sqlite_lines(ledger, tmp_path, capsys,
                                                                 log_file):
    _damage_an_index(ledger)
    capsys.readouterr()
    code = main(["--db", str(ledger), "backup", "--out", str(tmp_path / "b.db")])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert not ENGLISH.search(err) and "row " not in err and "index" not in err, err
    assert "已损坏" in err


def test_integrity_check_lines_go_to_the_log(log_file):
    from mediator_app.cli.texts import storage_error

    lines = ("*** in database main ***; On tree page 1737 cell 24: Offset 51657 out of "
             "range 184..4092; row 12 missing from index idx_cases_org")
    said = storage_error("backup.verify_failed", {"path": "b.db", "detail": lines}, "zh")
    assert "b.db" in said and "内部结构已损坏" in said and str(log_file) in said
    assert not ENGLISH.search(said) and "index" not in said
    logged = log_file.read_text(encoding="utf-8")
    assert "On tree page 1737 cell 24" in logged and "row 12 missing from index" in logged
    said = storage_error("restore.damaged", {"path": "b.db", "detail": lines}, "en")
    assert "internal structure is damaged" in said and "On tree" not in said


# ---- the rest: said in the user's words, logged without personal data --------------------


def test_unexpected_failure_names_the_log_which_holds_no_personal_data(
        ledger, tmp_path, monkeypatch, capsys, log_file):
    secret = "张三 110101199003071234 13800138000"

    def broken(*_a, **_k):
        raise ValueError(f"cannot handle {secret}")

    monkeypatch.setattr(case_exchange, "import_cases", broken)
    path = write_cases(tmp_path / "张三的案件.csv", [case_row(1)])
    code, err = _import(ledger, path, capsys)
    assert code == EXIT_FAULT
    assert "导入失败" in err and str(log_file) in err and "ValueError" in err
    assert "张三" not in err.replace(path.name, "") and "Traceback" not in err
    logged = log_file.read_text(encoding="utf-8")
    assert "ValueError" in logged and "mediator_app/cli/commands_data.py:" in logged
    assert "test_errors_cli.py:" in logged and "in broken" in logged
    assert "张三" not in logged and "110101199003071234" not in logged
    assert "13800138000" not in logged and str(tmp_path) not in logged
    if os.name == "posix":
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700


def test_default_log_is_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(faults.LOG_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = faults.log_path()
    if sys.platform.startswith("linux"):
        assert path == tmp_path / "data" / "MediatorLedger" / "logs" / "mediator-app.log"
    assert faults.log_exception(RuntimeError("x")) == path and path.exists()


def test_the_log_is_rotated(log_file):
    log_file.parent.mkdir(parents=True)
    log_file.write_bytes(b"x" * (faults.MAX_LOG_BYTES + 1))
    faults.log_exception(RuntimeError("x"), "task")
    assert log_file.stat().st_size < 10_000
    assert log_file.with_name(log_file.name + ".1").stat().st_size > faults.MAX_LOG_BYTES


def test_sqlite_message_text_is_logged_for_a_known_safe_type(log_file):
    try:
        sqlite3.connect(":memory:").execute("SELECT * FROM no_such_table")
    except sqlite3.Error as exc:
        text = faults.describe(exc, "zh", "report")
    assert "统计报表失败" in text and str(log_file) in text and "no_such_table" not in text
    assert "no such table: no_such_table" in log_file.read_text(encoding="utf-8")


def test_package_manifest_of_wrong_shape_inside_files(ledger, tmp_path, capsys):
    manifest = {"format": "mediator-ledger-package", "format_version": 1,
                "files": {"cases.csv": []}}
    path = _zip(tmp_path / "shape.zip", json.dumps(manifest))
    code, err = _import(ledger, path, capsys)
    assert code == 1 and "shape.zip" in err and not ENGLISH.search(err), err



# ---- found by the fuzz test ------------------------------------------------------------


def test_damaged_utf16_file_is_an_encoding_problem(ledger, tmp_path, capsys):
    head, row = _header_and_row()
    data = bytearray(("\n".join([head, row]) + "\n").encode("utf-16"))
    data[42:44] = b"\x00\xd8"  # a lone surrogate (UTF-16 LE) inside the header
    path = tmp_path / "u16.csv"
    path.write_bytes(bytes(data))
    before = _bytes(ledger)
    code, err = _import(ledger, path, capsys)
    assert code == 1 and "u16.csv" in err and "编码" in err and not ENGLISH.search(err)
    assert _bytes(ledger) == before


def test_package_member_that_is_not_utf8_is_an_encoding_problem(ledger, tmp_path, capsys):
    import hashlib

    out = tmp_path / "p.zip"
    assert main(["--db", str(ledger), "cases", "import", str(FIXTURES / "cases.csv")]) == 0
    assert main(["--db", str(ledger), "cases", "export", "--package", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    gbk = members["cases.csv"].decode("utf-8-sig").encode("gbk")
    manifest = json.loads(members["manifest.json"])
    manifest["files"]["cases.csv"].update(bytes=len(gbk),
                                          sha256=hashlib.sha256(gbk).hexdigest())
    members.update({"cases.csv": gbk, "manifest.json": json.dumps(manifest).encode()})
    bad = tmp_path / "gbk.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    before = _bytes(ledger)
    code, err = _import(ledger, bad, capsys)
    assert code == 1 and "gbk.zip" in err and "编码" in err and not ENGLISH.search(err)
    assert _bytes(ledger) == before


def test_check_of_a_damaged_file_sums_up_sqlite_lines_and_logs_them(ledger, capsys,
                                                                     log_file):
    _damage_an_index(ledger)
    capsys.readouterr()
    code = main(["--db", str(ledger), "check", "--full"])  # SQLite's integrity_check
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert not ENGLISH.search(err) and "index" not in err and "row " not in err, err
    assert "已损坏" in err


def test_check_findings_are_sentences(log_file):
    from mediator_app.cli.texts import check_problems

    said = check_problems(["*** in database main ***", "row 3 missing from index idx_x",
                           "foreign key: table parties rowid 7 -> cases",
                           "pending migrations: m0042_x",
                           "cases with a wrong location (org_code): 5"], "zh")
    assert said[0].startswith("数据库文件内部结构已损坏") and "2 处问题" in said[0]
    assert str(log_file) in said[0] and "row 3 missing from index idx_x" in log_file.read_text()
    assert "表 parties 第 7 行引用了 cases" in said[1] and "m0042_x" in said[2]
    assert "有 5 件案件" in said[3]
    assert not any(ENGLISH.search(line) or "foreign key" in line for line in said)


def test_sql_text_of_a_damaged_schema_is_not_shown(log_file):
    from mediator_app.cli.texts import storage_error

    detail = ('malformed database schema (cases_fts_ai) - near "INSRT": syntax error; '
              "CREATE TRIGGER cases_fts_ai AFTER INSERT ON cases BEGIN INSRT INTO x; END")
    for lang in ("zh", "en"):
        said = storage_error("backup.verify_failed", {"path": "b.db", "detail": detail}, lang)
        assert "CREATE TRIGGER" not in said and "INSRT" not in said and "syntax" not in said
    assert "已损坏" in storage_error("db.unreadable", {"path": "b.db", "detail": detail}, "zh")
