"""The command line, driven in-process through ``main([...])`` and, for a smoke test,
as a real process (``python -m mediator_app``)."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from exchange_fixtures import case_row, write_cases

from mediator_app.cli.main import main
from mediator_app.services.demo import district as demo
from mediator_app.storage.db import open_database
from tests.fixtures.district import FIXTURES
from tests.fixtures.district import ORG_FILES as ORG


def _dump(path: Path) -> str:
    opened = open_database(path)
    try:
        return "\n".join(opened.db.conn.iterdump())
    finally:
        opened.close()


@pytest.fixture
def ledger(tmp_path) -> Path:
    path = tmp_path / "ledger.db"
    assert main(["--db", str(path), "org", "import", *ORG]) == 0
    return path


def test_org_and_cases_import_export_round_trip(ledger, tmp_path, capsys):
    assert main(["--db", str(ledger), "cases", "import", str(FIXTURES / "cases.csv")]) == 0
    assert "new=3" in capsys.readouterr().out
    out = tmp_path / "out.csv"
    assert main(["--db", str(ledger), "cases", "export", "--out", str(out),
                 "--scope", "610114001", "--from", "2023-01-01", "--to", "2023/12/31"]) == 0
    assert out.read_bytes().count(b"\r\n") == 3  # header + the two cases under the street
    again = tmp_path / "again.db"
    main(["--db", str(again), "org", "import", *ORG])
    assert main(["cases", "import", str(out), "--db", str(again)]) == 0  # --db after too
    assert "new=2" in capsys.readouterr().out


def test_bad_case_file_exit_1_names_file_line_column_and_changes_nothing(ledger, tmp_path,
                                                                         capsys):
    path = write_cases(tmp_path / "bad.csv", [case_row(1), case_row(2, received_on="2023-13-01")])
    before = _dump(ledger)
    assert main(["--db", str(ledger), "cases", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "bad.csv 第 3 行 第 7 列 received_on（登记日期）" in err and "2023-13-01" in err
    assert _dump(ledger) == before
    assert main(["--lang", "en", "--db", str(ledger), "cases", "import", str(path)]) == 1
    assert "bad.csv, line 3, column 7 (received_on" in capsys.readouterr().err


def test_dry_run_prints_counts_and_writes_nothing(ledger, tmp_path, capsys):
    path = write_cases(tmp_path / "c.csv", [case_row(1), case_row(2)])
    before = _dump(ledger)
    assert main(["--db", str(ledger), "cases", "import", "--dry-run", str(path)]) == 0
    out = capsys.readouterr().out
    assert "new=2" in out and "errors=0" in out
    assert _dump(ledger) == before


def test_bad_org_file(ledger, tmp_path, capsys):
    path = tmp_path / "units.csv"
    path.write_text("code,name,level,parent_code\n9,某村,村,404\n", encoding="utf-8")
    before = _dump(ledger)
    assert main(["--db", str(ledger), "org", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "units.csv 第 2 行 第 4 列 parent_code" in err and "404" in err
    assert _dump(ledger) == before


def test_missing_database_is_exit_3(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.db"), "check"]) == 3
    assert "none.db" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_too_new_database_is_exit_3(ledger, capsys):
    opened = open_database(ledger)
    opened.db.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
                      "VALUES ('mediator_app', 'm9999_from_the_future', '2099-01-01')")
    opened.db.conn.commit()
    opened.close()
    assert main(["--db", str(ledger), "check"]) == 3
    assert "更新版本" in capsys.readouterr().err


def test_backup_restore_check(ledger, tmp_path, capsys):
    main(["--db", str(ledger), "cases", "import", str(FIXTURES / "cases.csv")])
    copy = tmp_path / "copy.db"
    assert main(["--db", str(ledger), "backup", "--out", str(copy)]) == 0
    saved = _dump(ledger)
    write_cases(tmp_path / "more.csv", [case_row(7)])
    main(["--db", str(ledger), "cases", "import", str(tmp_path / "more.csv")])
    assert _dump(ledger) != saved
    assert main(["--db", str(ledger), "restore", str(copy)]) == 0
    assert _dump(ledger) == saved
    assert list(tmp_path.glob("ledger.db.before-restore-*.bak"))
    capsys.readouterr()
    assert main(["--db", str(ledger), "check"]) == 0
    assert "案件 3" in capsys.readouterr().out


def test_restore_refuses_what_is_not_a_ledger(ledger, tmp_path, capsys):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    before = _dump(ledger)
    assert main(["--db", str(ledger), "restore", str(junk)]) == 3
    assert "junk.db" in capsys.readouterr().err
    assert _dump(ledger) == before


def test_check_reports_problems(ledger, capsys):
    opened = open_database(ledger)
    opened.db.execute("PRAGMA foreign_keys = OFF")
    opened.db.execute("INSERT INTO committees(code, name, short_name, kind, org_code) "
                      "VALUES ('X', 'x', 'x', '区调委会', 'nowhere')")
    opened.db.conn.commit()
    opened.close()
    assert main(["--db", str(ledger), "check"]) == 1
    err = capsys.readouterr().err  # in the user's words, not SQLite's (issue 8 item 10)
    assert "表 committees 第 4 行引用了 org_units 中不存在的记录" in err
    assert "foreign key" not in err


def test_report_delegates_and_pdf_needs_out(ledger, tmp_path, capsys, monkeypatch):
    calls = []

    def export_report(db, *, period, scope, fmt, as_of=None, lang="zh"):
        calls.append((period, scope, fmt, lang))
        return '{"总数": 1}'.encode()

    monkeypatch.setitem(sys.modules, "mediator_app.services.statistics.sheet",
                        types.SimpleNamespace(export_report=export_report))
    assert main(["--db", str(ledger), "report", "--period", "2023", "--scope", "610114",
                 "--format", "json"]) == 0
    assert '"总数"' in capsys.readouterr().out
    assert main(["--db", str(ledger), "report", "--period", "2023", "--scope", "610114",
                 "--format", "pdf"]) == 2
    assert "--out" in capsys.readouterr().err
    out = tmp_path / "r.json"
    assert main(["--db", str(ledger), "report", "--period", "2023", "--scope", "610114",
                 "--format", "csv", "--out", str(out)]) == 0
    assert out.read_bytes() == '{"总数": 1}'.encode()
    assert calls[0] == ("2023", "610114", "json", "zh")


def test_demo_refuses_a_database_with_cases(ledger, capsys):
    main(["--db", str(ledger), "cases", "import", str(FIXTURES / "cases.csv")])
    before = _dump(ledger)
    assert main(["--db", str(ledger), "demo", "--cases", "10"]) == 1
    assert "3" in capsys.readouterr().err
    assert _dump(ledger) == before


def test_demo_on_a_new_database(tmp_path):
    path = tmp_path / "d.db"
    assert main(["--db", str(path), "demo", "--cases", "10", "--seed", "3"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.db"]  # no part file left
    opened = open_database(path)
    try:
        assert demo.demo_state(opened.db) == demo.COMPLETE
        setting = opened.db.execute("SELECT value FROM settings WHERE key = ?",
                                    [demo.DEMO_COMPLETE]).fetchone()[0]
        assert "seed=3" in setting and "cases=10" in setting
    finally:
        opened.close()


def test_gui_start_and_demo_flag(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setitem(sys.modules, "mediator_app.ui.app", types.SimpleNamespace(
        run_gui=lambda path, lang=None: opened.append((path, lang)) or 0))
    monkeypatch.setattr(demo, "default_case_count", lambda today: 5)
    monkeypatch.setenv("MEDIATOR_APP_DB", str(tmp_path / "env.db"))
    assert main(["--lang", "en"]) == 0
    assert opened[-1] == (str(tmp_path / "env.db"), "en")
    assert main(["--demo", "--db", str(tmp_path / "demo.db")]) == 0
    assert opened[-1][0] == str(tmp_path / "demo.db")


def test_gui_missing_is_a_clear_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "mediator_app.ui.app", None)  # import fails
    assert main(["--db", str(tmp_path / "x.db")]) == 1
    assert "PySide6" in capsys.readouterr().err


def test_usage_error_is_exit_2(capsys):
    assert main(["cases", "export"]) == 2
    assert main(["--help"]) == 0


def test_subprocess_smoke(tmp_path):
    env = {**os.environ, "MEDIATOR_APP_DB": str(tmp_path / "p.db")}
    run = [sys.executable, "-m", "mediator_app"]
    done = subprocess.run([*run, "org", "import", *ORG], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    bad = write_cases(tmp_path / "bad.csv", [case_row(1, committee_code="C404")])
    done = subprocess.run([*run, "cases", "import", str(bad)], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 1
    assert "bad.csv 第 2 行 第 3 列" in done.stderr and "C404" in done.stderr


def test_package_export_import_conflicts_and_import_log(ledger, tmp_path, capsys):
    assert main(["--db", str(ledger), "cases", "import", str(FIXTURES / "cases.csv")]) == 0
    pkg = tmp_path / "street.zip"
    assert main(["--db", str(ledger), "cases", "export", "--package", str(pkg),
                 "--scope", "610114001"]) == 0
    assert "street.zip" in capsys.readouterr().out
    empty = tmp_path / "district.db"
    assert main(["--db", str(empty), "cases", "import", "--dry-run", str(pkg)]) == 0
    out = capsys.readouterr().out
    assert "new=2" in out and "cases 0 → 2" in out and "dry run" in out
    assert main(["--db", str(empty), "cases", "import", str(pkg)]) == 0
    # the same case, same updated_at, other content: a conflict, exit 0, local copy kept
    import csv as _csv
    import zipfile
    with zipfile.ZipFile(pkg) as zf:
        rows = list(_csv.DictReader(zf.read("cases.csv").decode("utf-8-sig").splitlines()))
    rows[0]["summary"] = "改了内容"
    path = write_cases(tmp_path / "conflict.csv", rows)
    assert main(["--db", str(empty), "cases", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "conflicts=1" in out and "冲突：" in out and "summary" in out
    assert main(["--db", str(empty), "--lang", "en", "cases", "imports"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:5] == ["id", "at", "user", "kind", "file"]
    assert "conflict.csv" in table[1] and "street.zip" in table[2]


def test_damaged_package_is_exit_1(ledger, tmp_path, capsys):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    before = _dump(ledger)
    assert main(["--db", str(ledger), "cases", "import", str(bad)]) == 1
    assert "数据包已损坏" in capsys.readouterr().err
    assert _dump(ledger) == before


def test_xlsx_export_and_dhis2_export(ledger, tmp_path, capsys):
    assert main(["--db", str(ledger), "cases", "import", str(FIXTURES / "cases.csv")]) == 0
    xlsx = tmp_path / "cases.xlsx"
    assert main(["--db", str(ledger), "cases", "export", "--out", str(xlsx)]) == 0
    assert xlsx.read_bytes()[:2] == b"PK"
    out = tmp_path / "dhis2.csv"
    assert main(["--db", str(ledger), "dhis2", "export", "--period", "2023-05", "--scope",
                 "610114", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,"
                        "value,storedby,lastupdated,comment,followup")
    assert all(",202305," in line for line in lines[1:])
    assert main(["--db", str(ledger), "dhis2", "export", "--period", "2023-13", "--scope",
                 "610114", "--out", str(out)]) == 1
