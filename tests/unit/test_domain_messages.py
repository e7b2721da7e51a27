from __future__ import annotations

import ast
import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

import mediator_app.domain as domain_package
from mediator_app.domain.enums import CaseStatus
from mediator_app.domain.errors import Problem
from mediator_app.domain.messages import KNOWN_CODES, field_label, has_message, message
from mediator_app.domain.model import (
    Agreement,
    Case,
    FollowUp,
    InvestigationRecord,
    Party,
    SessionRecord,
)
from mediator_app.domain.status import validate_case

DOMAIN_DIR = Path(domain_package.__file__).parent
LANGS = ("zh", "en")


def _problem_codes(source: str) -> set[str]:
    """Codes passed as the second argument (or ``code=``) of ``Problem(...)`` calls."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem"):
            continue
        args = node.args[1:2] + [kw.value for kw in node.keywords if kw.arg == "code"]
        found |= {a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def _domain_codes() -> set[str]:
    codes: set[str] = set()
    for path in DOMAIN_DIR.glob("*.py"):
        codes |= _problem_codes(path.read_text(encoding="utf-8"))
    return codes


def test_scan_finds_codes() -> None:
    # guards the scanner itself: a broken scan would make the next test vacuous
    assert {"id.checksum", "status.transition", "period.invalid", "date.invalid"} <= _domain_codes()
    assert len(_domain_codes()) >= 20


@pytest.mark.parametrize("lang", LANGS)
def test_every_domain_code_has_a_message(lang: str) -> None:
    missing = sorted(code for code in _domain_codes() if not has_message(code, lang))
    assert missing == []
    assert _domain_codes() <= KNOWN_CODES.keys()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", sorted(KNOWN_CODES))
def test_known_codes_render_their_params(code: str, lang: str) -> None:
    assert has_message(code, lang)
    params = {name: f"V{i}x" for i, name in enumerate(KNOWN_CODES[code])}
    text = message(Problem("zz_field", code, params), lang)
    assert "?" not in text
    assert text != message(Problem("zz_field", "zz.no_such_code", params), lang)
    for value in params.values():
        assert value in text


APP_DIR = DOMAIN_DIR.parent
# call name -> position of the code argument
_CODE_ARG = {"Problem": 1, "CsvProblem": 4}
# codes handed to helpers (``_refuse(label, "package.hash_mismatch")``) or returned
# (``reports.case_docs.missing``): literals of these families below services/reports
_CODE_LIKE = re.compile(r"(package|document|submission|csv|case|org|grid)\.[a-z_]+")


def _call_codes(node: ast.AST) -> list[ast.expr]:
    if not isinstance(node, ast.Call):
        return []
    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
    if name not in _CODE_ARG:
        return []
    pos = _CODE_ARG[name]
    return node.args[pos:pos + 1] + [kw.value for kw in node.keywords if kw.arg == "code"]


def _app_codes() -> dict[str, str]:
    """Literal problem codes anywhere in the app -> a file that uses it."""
    found: dict[str, str] = {}
    for path in sorted(APP_DIR.rglob("*.py")):
        where = path.relative_to(APP_DIR).as_posix()
        code_like = where.startswith(("services/", "reports/", "storage/"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for arg in _call_codes(node):
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, where)
            if (code_like and isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and _CODE_LIKE.fullmatch(node.value)):
                found.setdefault(node.value, where)
    return found


def test_every_code_raised_in_the_app_has_its_text_here() -> None:
    codes = _app_codes()
    # the scan sees services, reports and storage, not only the domain
    assert {"csv.field_count", "package.hash_mismatch", "submission.not_reviewed",
            "document.no_follow_ups", "in_use", "case.changed_elsewhere"} <= codes.keys()
    missing = {code: where for code, where in codes.items() if code not in KNOWN_CODES}
    assert missing == {}


@pytest.mark.parametrize("lang", LANGS)
def test_service_texts_keep_their_sentences(lang: str) -> None:
    field_count = Problem("", "csv.field_count", {"expected": 5, "actual": 7})
    outdated = Problem("period", "submission.review_outdated",
                       {"scope": "幸福街道", "value": "2023-05", "version": 2, "n": 3})
    follow = Problem("kind", "document.no_follow_ups", {"case_no": "X1", "document": "回访记录"})
    expected = {
        "zh": ("这一行有 7 列，表头有 5 列，列数不一致（可能有未加引号的逗号）。",
               "幸福街道 2023-05 的数据在审核（第2版）之后有变化（3 项），不能上报："
               "请重新审核后再上报。",
               "案件 X1 还没有回访记录，不能打印“回访记录”。"),
        "en": ("This row has 7 fields but the header has 5.",
               "The figures of 幸福街道 for 2023-05 changed after the review (version 2; 3 "
               "figures differ), so they cannot be submitted: review them again first.",
               "Case X1 has no follow-up visits yet, so “回访记录” cannot be printed."),
    }[lang]
    assert (message(field_count, lang), message(outdated, lang), message(follow, lang)) == expected


def test_generic_codes_required_by_brief() -> None:
    expected = {
        "required", "negative", "date.invalid", "unknown_code", "duplicate", "enum.invalid",
        "csv.header_missing", "csv.header_unknown", "csv.empty_file", "csv.encoding",
        "csv.truncated", "int.invalid", "decimal.invalid", "bool.invalid", "datetime.invalid",
        "uuid.invalid", "case_no.duplicate", "org.parent_missing", "org.level_order", "db.too_new",
    }  # fmt: skip
    assert expected <= KNOWN_CODES.keys()


def test_date_invalid_text() -> None:
    problem = Problem("received_on", "date.invalid", {"value": "2023-13-01"})
    assert message(problem) == "日期“2023-13-01”无效，应为 年-月-日，如 2023-05-01。"
    assert "2023-13-01" in message(problem, "en")


def test_required_names_the_field() -> None:
    assert message(Problem("accepted_on", "required")) == "请填写“受理日期”。"
    assert message(Problem("accepted_on", "required"), "en") == "Acceptance date is required."
    with_status = Problem("closed_on", "required", {"status": "调解终止"})
    assert message(with_status) == "状态为“调解终止”的案件必须填写“结案日期”。"
    assert "terminated" in message(with_status, "en")


def test_status_transition_text() -> None:
    problem = Problem("status", "status.transition", {"from": "待受理", "to": "调解成功"})
    assert message(problem) == "案件状态不能从“待受理”改为“调解成功”。"
    assert message(problem, "en") == "A case cannot go from “registered” to “resolved”."


def test_list_params_are_joined_and_columns_labelled() -> None:
    problem = Problem("file", "csv.header_missing", {"columns": ["case_id", "zz"]})
    assert message(problem) == "文件缺少以下列：case_id（案件标识）、zz。"
    assert message(problem, "en") == "The file lacks these columns: case_id (Case ID), zz."
    allowed = Problem("status", "enum.invalid", {"value": "完成", "allowed": list(CaseStatus)})
    assert message(allowed) == (
        "“完成”不是有效的状态，可填：待受理、调解中、调解成功、调解终止、不予受理。"
    )


def test_english_allowed_values_are_the_ones_a_file_accepts() -> None:
    """A CSV takes 调解成功, not "resolved": in English the allowed values are listed as
    written in the file, each with its English meaning."""
    allowed = Problem("status", "enum.invalid", {"value": "完成", "allowed": list(CaseStatus)})
    assert message(allowed, "en") == (
        "“完成” is not a valid Status; allowed: 待受理 (registered), 调解中 (in mediation), "
        "调解成功 (resolved), 调解终止 (terminated), 不予受理 (not accepted).")
    kinds = Problem("kind", "document.unknown_kind", {"value": "x", "allowed": "a, b"})
    assert "a, b" in message(kinds, "en")  # words without a translation stay as they are


def test_unknown_code_table_is_labelled() -> None:
    problem = Problem("dispute_type", "unknown_code", {"value": "88", "table": "dispute_type"})
    assert message(problem) == "代码“88”不在纠纷类型代码表中。"


def test_optional_params_fall_back_to_shorter_sentence() -> None:
    assert message(Problem("csv", "csv.truncated")) == (
        "文件不完整，可能没有保存完整，请重新导出后再导入。"
    )
    assert "第 12 行" in message(Problem("csv", "csv.truncated", {"line": 12}))
    assert message(Problem("parent_code", "org.parent_missing", {"value": "61011400"})) == (
        "上级单位“61011400”不存在。"
    )


def test_missing_declared_params_do_not_crash() -> None:
    # the sentence stays whole, each missing value shown as "?" in its place
    problem = Problem("status", "status.transition")
    assert message(problem) == "案件状态不能从“?”改为“?”。"
    assert message(problem, "en") == "A case cannot go from “?” to “?”."
    partial = Problem("status", "status.transition", {"from": CaseStatus.RESOLVED})
    assert message(partial) == "案件状态不能从“调解成功”改为“?”。"


@pytest.mark.parametrize("lang", LANGS)
def test_unknown_code_gives_a_generic_sentence_never_the_code(lang: str) -> None:
    """A code without a text is a sentence naming the field, not the raw key."""
    assert "weird.code" not in message(Problem("summary", "weird.code"), lang)
    assert "weird" not in message(Problem("", "weird.code"), lang)
    assert message(Problem("summary", "weird.code")) == "“纠纷简要情况”的值有误。"
    assert message(Problem("", "weird.code"), "en") == "Invalid data."


def test_messages_for_real_validation_problems() -> None:
    case = Case(
        case_id="c",
        committee_code="",
        received_on=date(2024, 5, 1),
        dispute_type="01",
        source="1",
        status=CaseStatus.RESOLVED,
        amount_fen=-5,
        parties=(Party(name="", id_number="110105194912310021"),),
    )
    problems = validate_case(case, today=date(2024, 6, 1))
    assert len(problems) >= 5
    for problem in problems:
        for lang in LANGS:
            assert has_message(problem.code, lang)
            assert "?" not in message(problem, lang)
    texts = [message(p) for p in problems]
    assert "请填写“调委会代码”。" in texts
    assert "请填写“当事人1的姓名/名称”。" in texts


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("case_id", "案件标识"),
        ("case_no", "案号"),
        ("committee_code", "调委会代码"),
        ("grid_code", "网格代码"),
        ("source", "案件来源"),
        ("dispute_type", "纠纷类型"),
        ("received_on", "登记日期"),
        ("accepted_on", "受理日期"),
        ("status", "状态"),
        ("closed_on", "结案日期"),
        ("agreement_form", "协议形式"),
        ("amount_yuan", "涉及金额(元)"),
        ("people_involved", "涉及人数"),
        ("summary", "纠纷简要情况"),
        ("updated_at", "更新时间"),
        ("deleted", "删除标记"),
        ("parties[0].id_number", "当事人1的证件号码"),
        ("party_phone", "当事人联系电话"),
        ("no_such_field", "no_such_field"),
    ],
)
def test_field_label_zh(field: str, label: str) -> None:
    assert field_label(field) == label


def test_field_label_en() -> None:
    assert field_label("received_on", "en") == "Registration date"
    assert field_label("parties[1].name", "en") == "Party 2: Name"
    assert field_label("no_such_field", "en") == "no_such_field"


@pytest.mark.parametrize(
    "record", [Case, Party, InvestigationRecord, SessionRecord, Agreement, FollowUp]
)
@pytest.mark.parametrize("lang", LANGS)
def test_every_record_field_has_a_label(record: type, lang: str) -> None:
    internal = {"id", "extra"}
    names = [f.name for f in dataclasses.fields(record) if f.name not in internal]
    unlabeled = [name for name in names if field_label(name, lang) == name]
    assert unlabeled == []
