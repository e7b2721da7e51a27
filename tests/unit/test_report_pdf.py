"""The printed statistics sheet: text extracted with pypdf, fonts and glyph coverage.

pypdf extracts both font kinds used here: the embedded TrueType subset (it carries a
ToUnicode map) and the STSong-Light CID fallback (predefined UniGB-UCS2-H encoding).
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlite_utils import Database

from mediator_app.domain.enums import AgreementForm, CaseStatus, OrgLevel
from mediator_app.domain.model import Case, OrgUnit, new_case_id
from mediator_app.reports import fonts
from mediator_app.services.statistics.report import build_report
from mediator_app.services.statistics.sheet import export_report, pdf_bytes, wan_yuan
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_memory
from tests.fixtures import district

# the shared district: cases of its village committee and of the district's own committee;
# its second street (西镇) has none
D, C1, C2 = district.DISTRICT, district.COMMITTEE_VILLAGE, district.COMMITTEE_DISTRICT
AS_OF = date(2023, 12, 31)
FILED = date(2024, 1, 5)


def _db(extra_streets: int = 0) -> Database:
    db = open_memory()
    district.build_mini_district(db, extra_units=[
        OrgUnit(f"610114{100 + i}", f"第{i + 1}街道", OrgLevel.STREET, D)
        for i in range(extra_streets)])
    repo = CaseRepository(db)
    for committee, status, form, amount in (
        (C1, CaseStatus.RESOLVED, AgreementForm.WRITTEN, 1_234_567),
        (C1, CaseStatus.RESOLVED, AgreementForm.ORAL, 0),
        (C2, CaseStatus.IN_MEDIATION, None, 0),
    ):
        case = Case(case_id=new_case_id(), committee_code=committee,
                    received_on=date(2023, 5, 4), accepted_on=date(2023, 5, 5),
                    closed_on=date(2023, 5, 9) if status == CaseStatus.RESOLVED else None,
                    status=status, agreement_form=form, dispute_type="02", source="2",
                    amount_fen=amount)
        repo.insert(case, repo.location_of(committee, None) or "")
    return db


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf_text() -> str:
    report = build_report(_db(), period="2023", scope=D, as_of=AS_OF)
    return "\n".join(_pages(pdf_bytes(report, today=FILED)))


def test_title_and_header_block(pdf_text: str) -> None:
    flat = _squash(pdf_text)
    assert "人民调解矛盾纠纷统计表" in flat
    assert "填报单位：示例区" in flat
    assert "统计期间：2023年（2023-01-01—2023-12-31）" in flat
    assert "统计口径：案件状态截至2023-12-31" in flat
    assert "化解率=调解成功数÷排查纠纷数×100%，截位保留2位小数" in flat
    assert "填报日期：2024-01-05" in flat


def test_headline_and_rate(pdf_text: str) -> None:
    assert "共排查矛盾纠纷3件，成功化解2件，化解率为66.66%" in _squash(pdf_text)


def test_rows_children_zero_direct_total(pdf_text: str) -> None:
    lines = [_squash(line) for line in pdf_text.splitlines()]
    for label in ("东街道", "西镇", "示例区（本级直属）", "合计"):
        assert label in lines, label
    flat = _squash(pdf_text)
    # 西镇 has no cases: a zero row (零报告) with "—" as its rate and 0/0 beside it
    assert "2西镇000—0/0" in flat
    assert "66.662/3" in flat  # the total's rate with numerator/denominator


def test_numbered_columns_units_and_wan_yuan(pdf_text: str) -> None:
    flat = _squash(pdf_text)
    for text in ("(1)件", "(4)%", "(13)万元", "(14)人", "排查纠纷数", "涉及金额", "邻里纠纷",
                 "防止民转刑", "接受委托移送"):
        assert text in flat, text
    assert wan_yuan(1_234_567) == "1.23" and "1.23" in flat


def test_cross_checks_footnotes_signatures(pdf_text: str) -> None:
    flat = _squash(pdf_text)
    assert "核对：各类型之和3件，排查纠纷数3件（相符）" in flat
    assert "核对：书面1件+口头1件=2件，调解成功2件（相符）" in flat
    for label in ("填报人：", "审核人：", "单位负责人："):
        assert label in flat


def test_no_missing_glyphs(pdf_text: str) -> None:
    assert "\ufffd" not in pdf_text
    assert fonts.missing_glyphs(pdf_text) == set()


def test_page_numbers_on_every_page() -> None:
    report = build_report(_db(extra_streets=45), period="2023", scope=D, as_of=AS_OF)
    pages = _pages(pdf_bytes(report, today=FILED))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {len(pages)} 页" in text
    # the column heads repeat on the page a table continues on
    assert "第45街道" in _squash(pages[1]) or "第45街道" in _squash(pages[2])
    assert "排查纠纷数" in _squash(pages[1])


def test_english_sheet() -> None:
    report = build_report(_db(), period="2023-05", scope=D, as_of=AS_OF)
    flat = _squash("\n".join(_pages(pdf_bytes(report, lang="en", today=FILED))))
    assert "People'sMediationDisputeStatistics" in flat
    assert "3disputesfound,2resolved,resolutionrate66.66%" in flat
    assert "Page1of" in flat and "Reportingunit:示例区" in flat


def test_export_report_pdf_bytes() -> None:
    data = export_report(_db(), period="2023", scope=C1, fmt="pdf", as_of=AS_OF)
    assert data.startswith(b"%PDF")
    flat = _squash("\n".join(_pages(data)))
    assert "填报单位：东村人民调解委员会" in flat
    assert "共排查矛盾纠纷2件，成功化解2件，化解率为100.00%" in flat


# ---- fonts ------------------------------------------------------------------------------------

def test_cid_fallback_when_no_truetype_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_registered", None)
    monkeypatch.setattr(fonts, "find_ttf", lambda candidates=None: None)
    assert fonts.register_cjk_font() == fonts.CID_FONT
    report = build_report(_db(), period="2023", scope=D, as_of=AS_OF)
    data = pdf_bytes(report, today=FILED)
    assert b"/STSong-Light" in data
    text = "\n".join(_pages(data))
    assert "共排查矛盾纠纷3件，成功化解2件，化解率为66.66%" in _squash(text)
    assert fonts.missing_glyphs(text) == set()  # every character is in GBK (Adobe-GB1)


def test_missing_glyphs_reports_what_the_font_lacks() -> None:
    assert fonts.missing_glyphs("调解\U0001f600") == {"\U0001f600"}


def test_truetype_font_is_embedded_when_found() -> None:
    font = fonts.register()
    data = pdf_bytes(build_report(_db(), period="2023", scope=D, as_of=AS_OF), today=FILED)
    if font.path is None:
        pytest.skip("no embeddable TrueType CJK font on this system (CID fallback in use)")
    assert b"/FontFile2" in data  # an embedded TrueType subset


CFF_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@pytest.mark.skipif(not CFF_FONT.exists(), reason="Noto CJK (CFF outlines) not installed")
def test_cff_fonts_are_skipped() -> None:
    assert fonts.find_ttf([str(CFF_FONT)]) is None
