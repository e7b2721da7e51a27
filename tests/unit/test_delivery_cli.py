"""--version, --self-test, --demo <command>, portable mode and the Windows console
streams (issue 10, items 2-4 and 6), on Linux."""

from __future__ import annotations

import io
import json
import sys

import pytest

from mediator_app import __version__, locations
from mediator_app.cli import console, selftest
from mediator_app.cli.main import main


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"mediator-app {__version__}"


def test_self_test_passes_here_one_line_per_check(capsys):
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out.splitlines()
    checks = [line for line in out if line.startswith(("[  OK]", "[FAIL]"))]
    assert len(checks) == 6 and all(line.startswith("[  OK]") for line in checks)
    assert out[-1] == "全部通过"
    assert main(["--self-test", "--lang", "en"]) == 0
    assert "CJK font for PDFs" in capsys.readouterr().out


def test_self_test_fails_when_a_check_fails(monkeypatch, capsys, tmp_path):
    # the catalogue is missing: exit 1, that line FAIL, the others still run
    monkeypatch.setattr(selftest, "catalogue_dirs", lambda: [tmp_path])
    assert main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] 中文界面翻译文件" in out and "1 项未通过" in out
    assert out.count("[  OK]") == 5
    # a damaged catalogue is no catalogue either
    (tmp_path / "mediator_zh_CN.qm").write_bytes(b"not a qm file")
    assert main(["--self-test"]) == 1
    assert "不是有效的翻译文件" in capsys.readouterr().out


def test_self_test_reports_a_broken_sqlite_and_font(monkeypatch, capsys):
    from mediator_app.reports import fonts
    from mediator_app.storage import capabilities

    monkeypatch.setattr(capabilities, "fts5_trigram_probe",
                        lambda: capabilities.TrigramProbe(False, "no such module: fts5"))
    monkeypatch.setattr(fonts, "register", lambda: fonts.CJKFont(fonts.CID_FONT, None))
    assert main(["--self-test", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] full-text search FTS5 trigram: no such module: fts5" in out
    assert "[FAIL] CJK font for PDFs: no embeddable Chinese TrueType font" in out


def test_fts5_trigram_probe_finds_a_chinese_substring():
    from mediator_app.storage.capabilities import fts5_trigram_probe

    assert fts5_trigram_probe().ok


def test_demo_before_a_command_runs_it_on_the_demo_ledger(tmp_path, capsys, monkeypatch):
    # the program's own data folder (created by the program) is data/ beside a portable
    # program here, so the user's real one is never touched
    monkeypatch.setenv(locations.ENV_PORTABLE_DIR, str(tmp_path))
    (tmp_path / "portable.txt").write_text("")
    demo = tmp_path / "data" / "demo.db"
    assert main(["--demo", "check"]) == 0  # built on first use, then checked
    captured = capsys.readouterr()
    assert demo.is_file() and "数据库检查通过" in captured.out
    assert main(["--demo", "report", "--period", "2024", "--scope", "610114",
                 "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["scope"]["code"] == "610114" and report["totals"]["disputes"] > 0
    pdf = tmp_path / "r.pdf"
    assert main(["--demo", "report", "--period", "2024", "--scope", "610114",
                 "--format", "pdf", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    # --db with --demo: the demo at that path; the user's own ledger is not touched
    other = tmp_path / "其他" / "d.db"
    other.parent.mkdir()
    assert main(["--demo", "--db", str(other), "check"]) == 0
    assert other.is_file()
    assert not (tmp_path / "data" / "ledger.db").exists()


def test_portable_mode_keeps_everything_beside_the_program(tmp_path, monkeypatch):
    from mediator_app.storage.db import default_db_path, default_demo_path

    monkeypatch.setenv(locations.ENV_PORTABLE_DIR, str(tmp_path))
    monkeypatch.delenv("MEDIATOR_APP_DB", raising=False)
    assert locations.portable_root() is None  # no portable.txt: the user data folder
    assert tmp_path not in default_db_path().parents
    (tmp_path / "portable.txt").write_text("portable\n")
    assert locations.portable_root() == tmp_path
    assert default_db_path() == tmp_path / "data" / "ledger.db"
    assert default_demo_path() == tmp_path / "data" / "demo.db"
    assert locations.settings_file() == tmp_path / "data" / "settings.ini"
    from mediator_app.services.cases.drafts import default_drafts_dir

    assert default_drafts_dir() == tmp_path / "data" / "drafts"
    assert main(["demo", "--cases", "20"]) == 0
    assert (tmp_path / "data" / "ledger.db").is_file()


def test_portable_settings_go_to_the_ini_beside_the_program(tmp_path, monkeypatch, qapp):
    from mediator_app.ui import prefs

    monkeypatch.delenv(prefs.ENV_INI, raising=False)
    monkeypatch.setenv(locations.ENV_PORTABLE_DIR, str(tmp_path))
    (tmp_path / "portable.txt").write_text("")
    (tmp_path / "data").mkdir()
    prefs.set_language("en")
    prefs.qsettings().sync()
    assert "language=en" in (tmp_path / "data" / "settings.ini").read_text()


@pytest.mark.parametrize(("code_page", "expected"), [
    (0, "utf-8"),        # no console (a scheduled task, wine, a service)
    (65001, "utf-8"),    # chcp 65001
    (936, "cp936"),      # Chinese Windows: | more and findstr read GBK
    (54936, "gb18030"),  # GB18030 console
    (437, "utf-8"),      # US console: no Chinese in cp437
    (1252, "utf-8"),     # Western: none in cp1252 either
])
def test_redirected_output_encoding_follows_the_console_code_page(code_page, expected):
    assert console.encoding_for_redirect(code_page) == expected


def test_windows_streams_are_reconfigured_not_escaped(monkeypatch):
    """A pipe under Windows: Python would write cp1252 (stdout fails) with backslash
    escapes on stderr; after set-up both are readable UTF-8."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="cp1252", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="cp1252", errors="backslashreplace")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    monkeypatch.delenv("PYTHONUTF8", raising=False)
    monkeypatch.setattr(console, "_console_code_page", lambda: 0)
    console.setup_console_streams(platform="linux")  # elsewhere: untouched
    assert sys.stdout.encoding == "cp1252"
    console.setup_console_streams(platform="win32")
    print("调解台账", file=sys.stdout)
    print("错误：调解", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    assert out.buffer.getvalue().decode("utf-8") == "调解台账\n"
    assert err.buffer.getvalue().decode("utf-8") == "错误：调解\n"
