"""The ``document``, ``submit`` and ``submissions`` commands, run through a local parser
built with ``commands_docs.register`` against a database file."""

from __future__ import annotations

import argparse
import io
from datetime import date

import pytest
from pypdf import PdfReader

from mediator_app.cli import commands_docs
from mediator_app.domain.enums import AgreementForm, CaseStatus, PartyRole
from mediator_app.domain.model import Agreement, Case, Party, new_case_id
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_database
from tests.fixtures.district import (
    COMMITTEE_DISTRICT,
    COMMITTEE_STREET,
    DISTRICT,
    STREET_A,
    STREET_B,
    build_mini_district,
)

CASE_NO = "（2023）东街人调字第3号"
S1, S2 = STREET_A, STREET_B  # C002 and two May cases at S1; nothing under S2


@pytest.fixture
def db_path(tmp_path) -> str:
    return make_db(tmp_path / "ledger.db")


def make_db(path) -> str:
    """The shared district in a file: a street (S1) with two May cases, one (S2) with
    none."""
    opened = open_database(path)
    db = opened.db
    build_mini_district(db)
    with db.atomic():
        case = Case(case_id="5f0c1c2e-1111-4a4a-9b9b-000000000003", committee_code=COMMITTEE_STREET,
                    received_on=date(2023, 5, 2), dispute_type="02", source="2",
                    status=CaseStatus.RESOLVED, case_no=CASE_NO, accepted_on=date(2023, 5, 2),
                    closed_on=date(2023, 5, 8), agreement_form=AgreementForm.WRITTEN,
                    parties=(Party("张三", PartyRole.APPLICANT),
                             Party("李四", PartyRole.RESPONDENT)),
                    agreement=Agreement(AgreementForm.WRITTEN, "协3", terms="李四赔偿张三500元。"))
        CaseRepository(db).insert(case, S1)
        CaseRepository(db).insert(Case(case_id=new_case_id(), committee_code=COMMITTEE_STREET,
                                       received_on=date(2023, 5, 9), dispute_type="02",
                                       source="1", case_no="（2023）东街人调字第4号"), S1)
    opened.close()
    return str(path)


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="mediator-app")
    commands_docs.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return int(args.func(args))


def _text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "".join((p.extract_text() or "").replace("\n", "") for p in reader.pages)


def test_document_writes_the_pdf_and_logs_the_print(db_path, tmp_path, capsys):
    out = tmp_path / "agreement.pdf"
    code = run("document", "--db", db_path, "--case", CASE_NO, "--kind", "agreement",
               "--out", str(out), "--user", "clerk")
    assert code == 0
    assert str(out) in capsys.readouterr().out
    text = _text(out)
    assert "人民调解协议书" in text and "李四赔偿张三500元。" in text and "本协议书一式3份" in text
    opened = open_database(db_path)
    history = AuditRepository(opened.db).history("case", "5f0c1c2e-1111-4a4a-9b9b-000000000003")
    opened.close()
    assert [(e.user, e.action, e.field) for e in history] == [("clerk", "print", "agreement")]


def test_document_by_uuid_whole_file(db_path, tmp_path):
    out = tmp_path / "file.pdf"
    assert run("document", "--db", db_path, "--case", "5f0c1c2e-1111-4a4a-9b9b-000000000003",
               "--kind", "all", "--out", str(out)) == 0
    text = _text(out)
    assert "卷内目录" in text and "人民调解受理登记表" in text and "（调委会存档）" in text


@pytest.mark.parametrize(("argv", "expected"), [
    (("--case", "（2023）东街人调字第99号", "--kind", "register"),
     "找不到案件“（2023）东街人调字第99号”"),
    (("--case", "（2023）东街人调字第4号", "--kind", "agreement"), "没有书面调解协议"),
    (("--case", "（2023）东街人调字第4号", "--kind", "follow_up"), "还没有回访记录"),
])
def test_document_refusals(db_path, tmp_path, capsys, argv, expected):
    out = tmp_path / "x.pdf"
    assert run("document", "--db", db_path, *argv, "--out", str(out)) == 1
    assert expected in capsys.readouterr().err
    assert not out.exists()


def test_document_unwritable_output(db_path, tmp_path, capsys):
    out = tmp_path / "missing-dir" / "x.pdf"
    assert run("document", "--db", db_path, "--case", CASE_NO, "--kind", "register",
               "--out", str(out)) == 1
    assert "无法写入文件" in capsys.readouterr().err


def test_missing_database(tmp_path, capsys):
    missing = tmp_path / "nope.db"
    assert run("document", "--db", str(missing), "--case", CASE_NO, "--kind", "register",
               "--out", str(tmp_path / "x.pdf")) == 1
    assert f"数据库文件“{missing}”不存在。" in capsys.readouterr().err
    assert not missing.exists()


def test_unknown_kind_is_a_usage_error(db_path):
    with pytest.raises(SystemExit) as exc:
        run("document", "--db", db_path, "--case", CASE_NO, "--kind", "minutes", "--out", "x")
    assert exc.value.code == 2


def test_submit_review_and_completeness(db_path, capsys):
    assert run("submit", "--db", db_path, "--period", "2023-05", "--scope", S1,
               "--review-only", "--user", "alice") == 0
    assert "已审核：东街道 2023-05（第1版）" in capsys.readouterr().out
    assert run("submit", "--db", db_path, "--period", "2023-05", "--scope", S2,
               "--user", "bob") == 1  # not reviewed: refused
    assert "还没有审核，不能上报" in capsys.readouterr().err
    assert run("submit", "--db", db_path, "--period", "2023-05", "--scope", S2,
               "--user", "bob", "--review-and-submit") == 0
    out = capsys.readouterr().out
    assert "已上报：西镇 2023-05（第2版，零报告）" in out and "排查纠纷 0 件" in out
    assert run("submissions", "--db", db_path, "--period", "2023-05", "--scope", DISTRICT) == 0
    lines = capsys.readouterr().out.splitlines()
    row = {line.split()[0]: line for line in lines[1:] if line[:1].isdigit()}
    assert "已审核未上报" in row[S1] and "alice" in row[S1] and " 2 " in row[S1]
    assert "已上报（零报告）" in row[S2] and "bob" in row[S2]
    assert "未上报" in row[DISTRICT] and "示例区（本级）" in row[DISTRICT]
    # the district's own committee reports as a unit of its own
    committee = next(line for line in lines if line.startswith(COMMITTEE_DISTRICT))
    assert "未上报" in committee and "示例区人民调解委员会" in committee
    assert lines[-1] == "已上报 1/3（其中零报告 1），已审核未上报 1，未上报 1"


def test_submit_a_reviewed_month(db_path, capsys):
    base = ("submit", "--db", db_path, "--period", "2023-05", "--scope", S1)
    assert run(*base, "--review-only", "--user", "alice") == 0
    assert run(*base, "--user", "bob") == 0
    assert "已上报：东街道 2023-05（第2版）" in capsys.readouterr().out
    assert run(*base, "--user", "bob", "--lang", "en") == 1  # that review is used up
    assert "review again before submitting again" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        run(*base, "--review-only", "--review-and-submit")
    assert exc.value.code == 2


def test_submit_refusals(db_path, capsys):
    assert run("submit", "--db", db_path, "--period", "2023", "--scope", S1) == 1
    assert "不是一个月份" in capsys.readouterr().err
    assert run("submit", "--db", db_path, "--period", "2023-05", "--scope", "999") == 1
    assert "999" in capsys.readouterr().err
    assert run("submissions", "--db", db_path, "--period", "2023-13", "--scope", S1,
               "--lang", "en") == 1
    assert "2023-13" in capsys.readouterr().err


def test_options_of_the_main_parser_are_not_overridden(db_path, tmp_path):
    parser = argparse.ArgumentParser(prog="mediator-app")
    parser.add_argument("--db")
    commands_docs.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["--db", db_path, "document", "--case", CASE_NO, "--kind",
                              "register", "--out", str(tmp_path / "r.pdf")])
    assert args.db == db_path
    assert args.func(args) == 0


def test_submitting_names_the_units_below_that_have_not_submitted(db_path, capsys):
    base = ("submit", "--db", db_path, "--period", "2023-05")
    assert run(*base, "--scope", S2, "--review-and-submit") == 0
    capsys.readouterr()
    assert run(*base, "--scope", DISTRICT, "--review-and-submit") == 0
    out = capsys.readouterr().out
    assert "注意：下级单位中有 2 个尚未上报：东街道、示例区人民调解委员会。" in out
    assert "西镇" not in out
    assert run(*base, "--scope", S1, "--review-and-submit") == 0
    assert run(*base, "--scope", COMMITTEE_DISTRICT, "--review-and-submit") == 0
    assert run(*base, "--scope", DISTRICT, "--review-and-submit", "--lang", "en") == 0
    assert "have not submitted" not in capsys.readouterr().out  # all units have now


def test_the_note_names_at_most_five_units() -> None:
    from mediator_app.services.statistics.submissions import (
        STATE_MISSING,
        STATE_SUBMITTED,
        UnitStatus,
    )

    units = [UnitStatus("0", "本级", "区", STATE_MISSING, is_parent=True)]
    units += [UnitStatus(str(i), f"街道{i}", "街道", STATE_MISSING) for i in range(1, 8)]
    units.append(UnitStatus("9", "已报街道", "街道", STATE_SUBMITTED))
    note = commands_docs._not_submitted_note(units, "zh")
    assert note == "注意：下级单位中有 7 个尚未上报：街道1、街道2、街道3、街道4、街道5等。"
    assert commands_docs._not_submitted_note(units, "en").startswith(
        "Note: 7 units below have not submitted yet: 街道1, 街道2")
