"""Case documents (受理登记表, 协议书, 口头协议登记表, 回访记录, 卷宗): rendered from a case
stored in an in-memory database, text extracted with pypdf and checked."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from mediator_app.domain.enums import (
    AgreementForm,
    CaseStatus,
    PartyRole,
    Performance,
    PersonRole,
    Sex,
)
from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message
from mediator_app.domain.model import (
    Agreement,
    Case,
    FollowUp,
    InvestigationRecord,
    Party,
    Person,
    SessionRecord,
    new_case_id,
)
from mediator_app.services.cases import documents
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_memory
from mediator_app.storage.org_repo import OrgRepository
from tests.fixtures.district import COMMITTEE_VILLAGE, build_mini_district

COMMITTEE = "东村人民调解委员会"  # COMMITTEE_VILLAGE of the shared district
CASE_NO = "（2023）东村人调字第7号"
TERMS = "被申请人李四于2023年5月20日前赔偿申请人张三维修费用人民币3000元。"


def _org(db) -> list[int]:
    build_mini_district(db)
    org = OrgRepository(db)
    return [org.upsert_person(Person(name, PersonRole.MEDIATOR, COMMITTEE_VILLAGE, phone=phone))
            for name, phone in (("王调解", "13700000001"), ("赵调解", "13700000002"))]


PARTIES = (
    Party("张三", PartyRole.APPLICANT, sex=Sex.MALE, ethnicity="汉族",
          birth_date=date(1980, 1, 1), id_number="11010519491231002X", phone="13800000001",
          address="幸福路1号", occupation="农民"),
    Party("李四", PartyRole.RESPONDENT, sex=Sex.FEMALE, ethnicity="回族",
          birth_date=date(1985, 3, 2), id_number="440524188001010014", phone="13900000002",
          address="和平街22号", occupation="个体户"),
    Party("王五", PartyRole.PARTY, sex=Sex.MALE, phone="13600000003"),
)


def _case(mediators: list[int], **changes) -> Case:
    case = Case(
        case_id=new_case_id(), committee_code=COMMITTEE_VILLAGE, received_on=date(2023, 5, 1),
        dispute_type="02", source="2", status=CaseStatus.RESOLVED, case_no=CASE_NO,
        accepted_on=date(2023, 5, 2), closed_on=date(2023, 5, 10),
        agreement_form=AgreementForm.WRITTEN, performance=Performance.PERFORMED,
        amount_fen=300000, summary="被申请人装修导致申请人家中墙面渗水。",
        parties=PARTIES, mediator_ids=tuple(mediators),
        investigations=(InvestigationRecord(datetime(2023, 5, 3, 9, 0), "申请人家中", "王调解",
                                            "张三", "查看渗水情况。"),),
        sessions=(SessionRecord(datetime(2023, 5, 8, 14, 0), "调解室", "张三、李四",
                                "双方陈述意见。", "达成协议"),),
        agreement=Agreement(AgreementForm.WRITTEN, "（2023）东协字第7号", date(2023, 5, 10),
                            facts="双方系邻居，因渗水发生纠纷。", disputed_matters="维修费用",
                            responsibilities="被申请人负主要责任。", terms=TERMS,
                            performance_manner="现金支付", performance_place="调委会",
                            performance_deadline=date(2023, 5, 20)),
        follow_ups=(
            FollowUp(date(2023, 6, 1), "张三", "（2023）东协字第7号", Performance.PERFORMED,
                     "满意", "无再次激化可能", "王调解", "赔偿款已付清。"),
            FollowUp(date(2023, 7, 1), "李四", "（2023）东协字第7号", Performance.PERFORMED,
                     "基本满意", "无", "赵调解"),
        ),
    )
    return dataclasses.replace(case, **changes)


@pytest.fixture
def db():
    return open_memory()


@pytest.fixture
def mediators(db) -> list[int]:
    return _org(db)


def _store(db, case: Case) -> int:
    repo = CaseRepository(db)
    with db.atomic():
        return repo.insert(case, repo.location_of(case.committee_code, case.grid_code) or "")


@pytest.fixture
def rowid(db, mediators) -> int:
    return _store(db, _case(mediators))


def _text(pdf: bytes) -> tuple[str, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    pages = [re.sub(r"\s+", "", p.extract_text() or "") for p in reader.pages]
    return "".join(pages), pages


def _render(db, rowid: int, kind: str) -> tuple[str, list[str]]:
    pdf = documents.render_case_document(db, rowid, kind, user="tester")
    assert pdf.startswith(b"%PDF")
    return _text(pdf)


def test_register_shows_case_and_every_party_in_full(db, rowid):
    text, pages = _render(db, rowid, "register")
    assert len(pages) == 1
    for label in ("人民调解受理登记表", "纠纷简要情况", "当事人申请事项", "受理意见", "登记人",
                  "身份证件号码", "民族", "职业", "住址", "联系电话"):
        assert label in text, label
    for value in (COMMITTEE, CASE_NO, "当事人申请", "邻里纠纷", "2023年5月2日", "3000.00元",
                  "11010519491231002X", "440524188001010014", "13800000001", "回族",
                  "个体户", "和平街22号", "墙面渗水", "43岁", "王调解、赵调解"):
        assert value in text, value


def test_agreement_has_one_copy_per_party_plus_the_committees(db, rowid):
    text, pages = _render(db, rowid, "agreement")
    marks = ["（当事人张三执）", "（当事人李四执）", "（当事人王五执）", "（调委会存档）"]
    assert [text.count(m) for m in marks] == [1, 1, 1, 1]
    assert text.count("人民调解协议书") == 4
    assert text.count("本协议书一式4份，当事人各执一份，人民调解委员会留存一份。") == 4
    assert text.count(TERMS) == 4
    effective = ("本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章"
                 "之日起生效。")
    assert text.count(effective) == 4
    for value in ("纠纷主要事实、争议事项以及各方当事人的责任",
                  "经调解，各方当事人自愿达成如下协议",
                  "履行协议的方式、地点、期限", "现金支付", "2023年5月20日", "（2023）东协字第7号",
                  "440524188001010014", f"{COMMITTEE}（印章）", "王调解：", "赵调解："):
        assert value in text, value
    # every copy starts on its own page, with its mark first
    starts = [i for i, page in enumerate(pages) if "人民调解协议书" in page]
    assert [marks.index(next(m for m in marks if m in pages[i])) for i in starts] == [0, 1, 2, 3]


def test_copy_count_follows_the_number_of_parties(db, mediators):
    rowid = _store(db, _case(mediators, parties=PARTIES[:2], case_no="（2023）东村人调字第8号"))
    text, _ = _render(db, rowid, "agreement")
    assert "本协议书一式3份" in text
    assert text.count("（当事人") == 2 and text.count("（调委会存档）") == 1


def test_oral_agreement_register(db, mediators):
    oral = Agreement(AgreementForm.ORAL, "口协7", date(2023, 5, 9), terms="李四当场道歉。")
    rowid = _store(db, _case(mediators, agreement_form=AgreementForm.ORAL, agreement=oral))
    text, _ = _render(db, rowid, "oral_agreement")
    for value in ("人民调解口头协议登记表", "口协7", "李四当场道歉。", "2023年5月9日", "张三",
                  "李四",
                  "王五", CASE_NO):
        assert value in text, value
    with pytest.raises(DomainError) as err:
        documents.render_case_document(db, rowid, "agreement")
    assert err.value.first.code == "document.no_written_agreement"


def test_one_follow_up_record_per_visit(db, rowid):
    text, pages = _render(db, rowid, "follow_up")
    assert len(pages) == 2
    assert "第1次回访" in pages[0] and "张三" in pages[0] and "无再次激化可能" in pages[0]
    assert "第2次回访" in pages[1] and "基本满意" in pages[1] and "赵调解" in pages[1]
    for label in ("人民调解回访记录", "协议履行情况", "当事人满意度", "遗留问题及风险", "回访人"):
        assert label in text, label


def test_file_cover_lists_the_documents_with_page_numbers(db, rowid):
    cover_text, cover_pages = _render(db, rowid, "file_cover")
    assert len(cover_pages) == 2
    for value in ("人民调解卷宗", "卷内目录", "张三、王五与李四邻里纠纷", CASE_NO, "王调解、赵调解",
                  "2023年5月10日", "长期", "保管期限", "立卷人"):
        assert value in cover_text, value
    full_text, full_pages = _render(db, rowid, "all")
    # register, investigation, session, archive copy of the agreement, two visits
    numbered = full_pages[2:]
    assert cover_pages == full_pages[:2]
    total = len(numbered)
    assert f"本卷共{total}页" in cover_text
    toc = full_pages[1]
    for title in ("人民调解受理登记表", "人民调解调查记录", "人民调解记录", "人民调解协议书",
                  "人民调解回访记录"):
        first = next(i for i, p in enumerate(numbered, start=1) if title in p)
        assert re.search(rf"{title}[^人]*?{first}", toc), (title, first)
    assert f"第{total}页" in numbered[-1]
    # only the committee's copy of the agreement is filed
    assert "（调委会存档）" in full_text and "（当事人张三执）" not in full_text


def test_documents_that_do_not_apply_are_refused(db, mediators):
    rowid = _store(db, _case(mediators, status=CaseStatus.IN_MEDIATION, closed_on=None,
                             agreement_form=None, performance=None, agreement=None,
                             follow_ups=()))
    for kind, code, named in (
            ("agreement", "document.no_written_agreement", (CASE_NO, "人民调解协议书")),
            ("oral_agreement", "document.no_oral_agreement", (CASE_NO, "口头协议")),
            ("follow_up", "document.no_follow_ups", (CASE_NO, "回访记录")),
            ("minutes", "document.unknown_kind", ("minutes", "register"))):
        with pytest.raises(DomainError) as err:
            documents.render_case_document(db, rowid, kind)
        problem = err.value.first
        assert problem.code == code
        # names the case and the document (an unknown kind: it and the kinds there are)
        assert all(part in message(problem) for part in named), message(problem)
    text, _ = _render(db, rowid, "all")
    assert "人民调解协议书" not in text and "回访记录" not in text
    assert documents.applicable_kinds(db, rowid) == ["register", "file_cover", "all"]


def test_printing_is_audited(db, rowid):
    case = CaseRepository(db).get(rowid)
    documents.render_case_document(db, rowid, "agreement", user="clerk")
    documents.render_case_document(db, rowid, "register", user="clerk")
    prints = [(e.user, e.action, e.field) for e in AuditRepository(db).history("case", case.case_id)
              if e.action == "print"]
    assert prints == [("clerk", "print", "agreement"), ("clerk", "print", "register")]


def test_refused_print_is_not_audited(db, mediators):
    rowid = _store(db, _case(mediators, follow_ups=()))
    case = CaseRepository(db).get(rowid)
    with pytest.raises(DomainError):
        documents.render_case_document(db, rowid, "follow_up")
    assert not AuditRepository(db).history("case", case.case_id)


def test_find_case_by_number_or_uuid(db, rowid):
    case = CaseRepository(db).get(rowid)
    assert documents.find_case(db, CASE_NO) == rowid
    assert documents.find_case(db, f" {case.case_id} ") == rowid
    with pytest.raises(DomainError) as err:
        documents.find_case(db, "（2023）东村人调字第99号")
    assert err.value.first.code == "case.not_found"
    assert "（2023）东村人调字第99号" in message(err.value.first)


def test_rejected_case_register_gives_the_reason(db, mediators):
    rowid = _store(db, _case(mediators, status=CaseStatus.REJECTED, accepted_on=None,
                             closed_on=date(2023, 5, 2), agreement_form=None, agreement=None,
                             performance=None, follow_ups=(), outcome_note="一方拒绝调解"))
    text, _ = _render(db, rowid, "register")
    assert "不予受理。理由：一方拒绝调解" in text


def test_long_texts_flow_onto_more_pages(db, mediators):
    long_summary = "双方因宅基地边界问题多次发生争执，" * 200
    rowid = _store(db, _case(mediators, summary=long_summary))
    text, pages = _render(db, rowid, "register")
    assert len(pages) > 1
    # the split row repeats its label on the next page, in the middle of the text
    assert text.replace("纠纷简要情况", "").count("双方因宅基地边界问题多次发生争执") == 200


def test_english_labels(db, rowid):
    pdf = documents.render_case_document(db, rowid, "agreement", lang="en")
    text, _ = _text(pdf)
    assert "People'sMediationAgreement" in text and "(CopyofpartyZhangSan)" not in text
    assert "(Copyofparty张三)" in text and "2023-05-20" in text


def test_every_printed_label_has_glyphs_in_the_cjk_font():
    from mediator_app.reports import case_docs_agreement
    from mediator_app.reports.case_docs_labels import labels
    from mediator_app.reports.fonts import missing_glyphs

    text = "".join(labels("zh").values()) + case_docs_agreement.BLANK + "长期短期"
    assert missing_glyphs(text) == set()
