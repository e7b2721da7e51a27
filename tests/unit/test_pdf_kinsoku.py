"""Issue 12 item 7: Chinese line breaking (kinsoku) in every PDF. The lines are read
from reportlab's own line splitting of every paragraph the PDFs were laid out with: no
line ends with an opening bracket, none starts with a closing bracket or 、，。；：？！,
and no wrapped table header leaves a single character alone on a line."""

from __future__ import annotations

import re
from datetime import date
from xml.sax.saxutils import unescape

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from mediator_app.reports.fonts import register_cjk_font
from mediator_app.reports.kinsoku import NO_LINE_START, break_text
from mediator_app.services.cases import documents
from mediator_app.services.demo.district import build_demo
from mediator_app.services.statistics.district_report import district_report_pdf
from mediator_app.services.statistics.report import build_report
from mediator_app.services.statistics.sheet import pdf_bytes
from mediator_app.storage.db import open_memory

TODAY = date(2024, 6, 30)
CLOSERS = "）)】》」』”、，。；：？！"
OPENERS = "（(【《「『“"


def _width(text: str, size: float = 9) -> float:
    return stringWidth(text, register_cjk_font(), size)


def _lines(text: str, fit: str, size: float = 9) -> list[str]:
    return break_text(text, register_cjk_font(), size, [_width(fit, size)])


def test_an_opening_bracket_moves_to_the_next_line():
    lines = _lines("共排查振兴街道（301件）", "共排查振兴街道（")
    assert lines[0] == "共排查振兴街道" and lines[1].startswith("（301")


def test_a_closing_mark_takes_the_character_before_it_along():
    lines = _lines("调解成功的案件，已经全部回访。", "调解成功的案件")
    assert not any(line[0] in NO_LINE_START for line in lines[1:]), lines
    assert lines[0] == "调解成功的案" and lines[1].startswith("件，")


def test_numbers_stay_together():
    lines = _lines("化解率为98.07%，截位", "化解率为98.")
    assert lines[0] == "化解率为" and lines[1].startswith("98.07%")


def test_no_single_character_alone_on_the_last_line():
    lines = _lines("拖欠农民工工资纠纷", "拖欠农民工工资纠")
    assert lines == ["拖欠农民工工资", "纠纷"]


def test_hard_line_breaks_are_kept():
    assert _lines("(1)\n排查纠纷数\n件", "排查纠纷数") == ["(1)", "排查纠纷数", "件"]


# ---- every PDF ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_db():
    db = open_memory()
    build_demo(db, cases=1500, seed=3, today=TODAY)
    return db


def _laid_out(monkeypatch, make) -> list[Paragraph]:
    """Every paragraph wrapped while ``make()`` wrote its PDF (each remembers the text
    it was made with)."""
    seen: list[Paragraph] = []
    init, wrap = Paragraph.__init__, Paragraph.wrap

    def recording_init(self, text, *args, **kwargs):
        init(self, text, *args, **kwargs)
        if not hasattr(self, "made_with"):
            self.made_with = text

    def recording_wrap(self, *args, **kwargs):
        seen.append(self)
        return wrap(self, *args, **kwargs)

    monkeypatch.setattr(Paragraph, "__init__", recording_init)
    monkeypatch.setattr(Paragraph, "wrap", recording_wrap)
    pdf = make()
    assert pdf.startswith(b"%PDF")
    monkeypatch.undo()
    return list({id(p): p for p in seen if hasattr(p, "made_with")}.values())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _segments(para: Paragraph) -> list[list[str]]:
    """The lines reportlab laid the paragraph out in, grouped by the hard lines (<br/>)
    of the text it was made with: a group of two or more lines is one wrapped line."""
    bl = getattr(para, "blPara", None)
    if bl is None:
        return []
    hard = [_squash(unescape(t)) for t in re.split(r"<br\s*/?>", para.made_with)]
    hard = [h for h in hard if h]
    if bl.kind == 1:  # several fragments: lines of FragLines
        laid = ["".join(getattr(w, "text", "") for w in line.words) for line in bl.lines]
    else:  # one fragment: lines of (extra space, words)
        laid = [" ".join(line[1]) for line in bl.lines]
    out: list[list[str]] = []
    group: list[str] = []
    for line in laid:
        if not _squash(line):
            continue
        group.append(line)
        if hard and _squash("".join(group)) == hard[0]:
            out.append(group)
            group, hard = [], hard[1:]
    assert not group and not hard, (laid, para.made_with)
    return out


def violations(paragraphs: list[Paragraph], header_styles: tuple[str, ...]) -> list[str]:
    found = []
    for para in paragraphs:
        header = para.style.name in header_styles
        for segment in _segments(para):
            for i, line in enumerate(segment):
                text = line.strip()
                if not text:
                    continue
                if text[-1] in OPENERS and i < len(segment) - 1:
                    found.append(f"ends with an opening bracket: {segment}")
                if i > 0 and text[0] in CLOSERS:
                    found.append(f"starts with a closing mark: {segment}")
                if header and i > 0 and len(text) == 1:
                    found.append(f"one character alone in a header: {segment}")
    return found


def test_the_statistics_sheet(demo_db, monkeypatch):
    report = build_report(demo_db, period="2023", scope="610114", as_of=TODAY)
    paras = _laid_out(monkeypatch, lambda: pdf_bytes(report, today=TODAY))
    assert any(len(s) > 1 for p in paras for s in _segments(p)), "nothing wrapped"
    assert violations(paras, ("sheet-head",)) == []


def test_the_district_report(demo_db, monkeypatch):
    paras = _laid_out(monkeypatch, lambda: district_report_pdf(
        demo_db, period="2023", scope="610114", as_of=TODAY))
    assert any(len(s) > 1 for p in paras for s in _segments(p))
    assert violations(paras, ("dr-cell",)) == []


def test_the_case_documents(demo_db, monkeypatch):
    from mediator_app.reports.case_docs import KINDS

    rowids = [r[0] for r in demo_db.execute(
        "SELECT c.id FROM cases c JOIN agreements a ON a.case_rowid = c.id "
        "WHERE c.status = '调解成功' ORDER BY c.id LIMIT 3").fetchall()]
    assert rowids
    paras: list[Paragraph] = []
    rendered: set[str] = set()
    for rowid in rowids:
        for kind in documents.applicable_kinds(demo_db, rowid):  # not e.g. oral for these
            paras += _laid_out(monkeypatch, lambda k=kind, r=rowid:
                               documents.render_case_document(demo_db, r, k))
            rendered.add(kind)
    assert rendered == set(KINDS), rendered  # every kind laid out at least once
    assert paras
    assert violations(paras, ("doc-cell-c",)) == []
