"""Command-line polish: help in one language (zh by default, en with --lang en) for
every command, user words instead of table names and SQLite messages, backup refusing
to overwrite, import error counts that match the list, check's levels in rank order."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from exchange_fixtures import case_row, write_cases

from mediator_app.cli.help_texts import HELP, argparse_language, lang_of
from mediator_app.cli.main import build_parser, main
from mediator_app.cli.texts import SQLITE_ERRORS, sqlite_detail
from tests.fixtures.district import FIXTURES
from tests.fixtures.district import ORG_FILES as ORG

CJK = re.compile(r"[\u3400-\u9fff]")
# Chinese words that belong in English help too: the product name and an example.
ALLOWED_IN_EN = ("调解台账", "（2023）幸人调字第1号")


@pytest.fixture
def ledger(tmp_path) -> Path:
    path = tmp_path / "ledger.db"
    assert main(["--db", str(path), "org", "import", *ORG]) == 0
    return path


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
             ) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _parsers(child, (*path, name))


def _help_strings(parser: argparse.ArgumentParser) -> Iterator[str]:
    if parser.description:
        yield parser.description
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            yield action.help
        if isinstance(action, argparse._SubParsersAction):
            yield from (choice.help for choice in action._choices_actions if choice.help)


def _all_commands() -> list[tuple[str, ...]]:
    with argparse_language("zh"):
        return [path for path, _p in _parsers(build_parser("zh"))]


def test_every_help_text_has_both_languages():
    assert all(len(pair) == 2 and pair[0] != pair[1] for pair in HELP.values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_command_and_option_helps_in_one_language(lang):
    with argparse_language(lang):
        parser = build_parser(lang)
    for path, sub in _parsers(parser):
        for text in _help_strings(sub):
            if lang == "zh":
                assert CJK.search(text), (path, text)
            else:
                stripped = text
                for word in ALLOWED_IN_EN:
                    stripped = stripped.replace(word, "")
                assert not CJK.search(stripped), (path, text)


@pytest.mark.parametrize("command", _all_commands())
def test_help_output_follows_lang(command, capsys):
    assert main([*command, "--help"]) == 0
    zh = capsys.readouterr().out
    assert "用法：" in zh and "显示此帮助并退出" in zh
    assert "usage:" not in zh and "show this help" not in zh
    assert main([*command, "--lang", "en", "--help"]) == 0
    en = capsys.readouterr().out
    assert "usage:" in en and "show this help message" in en and "用法" not in en


def test_main_help_lists_every_command_in_chinese(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command, words in (("document", "打印案件文书"), ("submit", "审核、上报月度统计"),
                           ("backup", "备份数据库"), ("cases", "案件交换")):
        # the column width follows the longest command (unlock-with-recovery-key)
        assert re.search(rf"^\s+{command}\s+{words}", out, re.M), command
    assert main(["--lang=en", "document", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Print a case document" in out and "打印" not in out


def test_usage_errors_follow_lang_and_argparse_is_left_alone(capsys):
    assert main(["cases", "export"]) == 2
    assert "错误：必须指定以下参数之一：--out --package" in capsys.readouterr().err
    assert main(["--lang", "en", "report", "--format", "x"]) == 2
    assert "invalid choice" in capsys.readouterr().err
    assert argparse._("usage: ") == "usage: "  # the patch is undone


def test_lang_of():
    assert lang_of(["--lang", "en", "check"]) == "en"
    assert lang_of(["check", "--lang=en"]) == "en"
    assert lang_of(["check"]) == "zh"
    assert lang_of(["--lang"]) == "zh"


def test_unknown_scope_names_org_units_in_user_words(ledger, capsys):
    assert main(["--db", str(ledger), "report", "--scope", "999", "--period", "2023",
                 "--format", "json"]) == 1
    err = capsys.readouterr().err
    assert "代码“999”不在组织机构（区/街道/村社区/网格）中" in err and "org_units" not in err
    assert main(["--lang", "en", "--db", str(ledger), "report", "--scope", "999",
                 "--period", "2023", "--format", "json"]) == 1
    err = capsys.readouterr().err
    assert "org units (district/street/village/grid)" in err and "org_units" not in err


def test_sqlite_messages_become_plain_sentences():
    for message, (zh, en) in SQLITE_ERRORS.items():
        assert sqlite_detail(message, "zh") == zh and sqlite_detail(message, "en") == en
        assert CJK.search(zh) and message not in zh
    # an unknown text is not shown: it goes to the log file, which the sentence names
    said = sqlite_detail("something else", "zh")
    assert "something else" not in said and "日志文件" in said and ".log" in said


def test_restore_of_a_csv_file_says_it_is_not_a_database(ledger, tmp_path, capsys):
    junk = write_cases(tmp_path / "exp.csv", [case_row(1)])
    assert main(["--db", str(ledger), "restore", str(junk)]) == 3
    err = capsys.readouterr().err
    assert "exp.csv" in err and "这不是数据库文件" in err and "file is not" not in err
    assert main(["--lang", "en", "--db", str(ledger), "restore", str(junk)]) == 3
    assert "this is not a database file" in capsys.readouterr().err


def test_a_folder_as_database_is_exit_3_without_traceback(tmp_path, capsys):
    assert main(["--db", str(tmp_path), "cases", "import", str(FIXTURES / "cases.csv")]) == 3
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "路径是文件夹" in err and "Traceback" not in err


def test_backup_refuses_to_overwrite_without_force(ledger, tmp_path, capsys):
    out = tmp_path / "copy.db"
    out.write_bytes(b"keep me")
    assert main(["--db", str(ledger), "backup", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "copy.db" in err and "--force" in err
    assert out.read_bytes() == b"keep me"
    assert main(["--db", str(ledger), "backup", "--out", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"SQLite format 3")
    assert main(["--lang", "en", "--db", str(ledger), "backup", "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_bad_header_errors_count_equals_problems_listed(ledger, tmp_path, capsys):
    good = write_cases(tmp_path / "good.csv", [case_row(1), case_row(2)])
    lines = good.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    header = lines[0].replace('"grid_code"', '"grid"').replace('"dispute_type"', '"kind"')
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "".join(lines[1:]), encoding="utf-8-sig", newline="")
    assert main(["--db", str(ledger), "cases", "import", "--dry-run", str(bad)]) == 1
    captured = capsys.readouterr()
    listed = [line for line in captured.err.splitlines() if "bad.csv 第 1 行" in line]
    errors = int(re.search(r"errors=(\d+)", captured.out).group(1))
    assert len(listed) == 2 and errors == 2


def test_row_errors_count_every_problem(ledger, tmp_path, capsys):
    path = write_cases(tmp_path / "rows.csv", [
        case_row(1, received_on="2023-13-01", amount_yuan="-1"), case_row(2, status="x")])
    assert main(["--db", str(ledger), "cases", "import", "--dry-run", str(path)]) == 1
    captured = capsys.readouterr()
    listed = [line for line in captured.err.splitlines() if line.startswith("错误：") and "rows.csv 第" in line]  # noqa: E501
    assert int(re.search(r"errors=(\d+)", captured.out).group(1)) == len(listed) >= 3


def test_check_lists_levels_by_rank(ledger, capsys):
    assert main(["--db", str(ledger), "check"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("各层级"))
    words = [item.split(" ")[0] for item in line.split("：", 1)[1].split("，")]
    rank = {"区": 0, "县": 0, "街道": 1, "乡镇": 1, "村": 2, "社区": 2, "网格": 3}
    assert [rank[w] for w in words] == sorted(rank[w] for w in words)
    assert words[0] == "区" and words[-1] == "网格"
    assert main(["--lang", "en", "--db", str(ledger), "check"]) == 0
    out = capsys.readouterr().out
    assert "org units by level: district 1, street" in out and "网格" not in out
