"""The case file (卷宗): cover (卷宗封面), table of contents (卷内目录) and the page
machinery — markers that record where each document starts, page numbers printed
from the first document on (cover and contents are not numbered, as in archives)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table, TableStyle

from mediator_app.reports.case_docs_data import CaseDocData
from mediator_app.reports.case_docs_labels import labels
from mediator_app.reports.case_docs_style import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE,
    WIDTH,
    cell,
    font_name,
    form_table,
    gap,
    label,
    para,
)

TOC_MIN_ROWS = 12


@dataclass
class Section:
    """One document of the file: its flowables and its line in the contents."""

    key: str
    title: str
    date: str
    flowables: list[Flowable]
    note: str = ""
    pages: str = ""  # "3" or "3-4", filled after a layout pass


class Marker(Flowable):  # type: ignore[misc]  # reportlab has no type stubs
    """Zero-size flowable recording the page it lands on."""

    def __init__(self, key: str):
        super().__init__()
        self.key = key

    def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        return None


@dataclass
class Layout:
    marks: dict[str, int] = field(default_factory=dict)
    pages: int = 0


class FileDocument(BaseDocTemplate):  # type: ignore[misc]  # reportlab has no type stubs
    """A4 portrait; numbers pages from the page of marker ``number_from`` on."""

    def __init__(self, buf: Any, *, title: str, author: str, lang: str,
                 number_from: int | None = None):
        super().__init__(buf, pagesize=PAGE, leftMargin=MARGIN_LEFT,
                         rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
                         bottomMargin=MARGIN_BOTTOM, title=title, author=author,
                         creator="调解台账 Mediation Ledger")
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, WIDTH,
                      PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                            onPage=self._page_number)])
        self.layout = Layout()
        self.number_from = number_from
        self.page_label = labels(lang)["page"]

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Marker):
            self.layout.marks.setdefault(flowable.key, self.page)

    def _page_number(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.layout.pages = max(self.layout.pages, doc.page)
        if self.number_from is None or doc.page < self.number_from:
            return
        canvas.saveState()
        canvas.setFont(font_name(), 10)
        text = self.page_label.format(n=doc.page - self.number_from + 1)
        canvas.drawCentredString(MARGIN_LEFT + WIDTH / 2, MARGIN_BOTTOM / 2, text)
        canvas.restoreState()


def page_range(first: int, last: int) -> str:
    return str(first) if last <= first else f"{first}-{last}"


def assign_pages(sections: list[Section], layout: Layout, content_start: int) -> int:
    """Fill each section's page range (numbered from ``content_start``); return the
    number of numbered pages."""
    starts = [layout.marks.get(s.key, content_start) for s in sections]
    ends = [*(s - 1 for s in starts[1:]), layout.pages]
    for section, first, last in zip(sections, starts, ends, strict=True):
        section.pages = page_range(first - content_start + 1, last - content_start + 1)
    return max(0, layout.pages - content_start + 1)


# ---- cover -------------------------------------------------------------------------


def _cover_rows(data: CaseDocData) -> list[tuple[str, str]]:
    lab = labels(data.lang)
    return [
        (lab["cover.title"], data.file_title),
        (lab["cover.file_no"], data.case_no),
        (lab["cover.mediators"], data.mediator_text),
        (lab["cover.filed_on"], data.filed_on),
        (lab["cover.closed_on"], data.closed_on),
        (lab["cover.filed_by"], data.filed_by),
        (lab["cover.retention"], data.retention),
    ]


def cover(data: CaseDocData, total_pages: int) -> list[Flowable]:
    lab = labels(data.lang)
    rows = [[para(k, "sign"), para(v or " ", "sign")] for k, v in _cover_rows(data)]
    table = Table(rows, colWidths=[WIDTH * 0.22, WIDTH * 0.6], hAlign="CENTER")
    table.setStyle(TableStyle([
        ("LINEBELOW", (1, 0), (1, -1), 0.8, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 10),
        ("ALIGN", (0, 0), (0, -1), "RIGHT"),
    ]))
    return [
        gap(30),
        para(data.committee_name, "committee"),
        gap(12),
        para(lab["doc.file_cover"], "cover_title"),
        gap(40),
        table,
        gap(50),
        para(lab["cover.pages"].format(n=total_pages), "committee"),
    ]


# ---- contents ----------------------------------------------------------------------


def contents(data: CaseDocData, sections: list[Section]) -> list[Flowable]:
    lab = labels(data.lang)
    head = [label(lab[k]) for k in ("toc.no", "toc.title", "toc.date", "toc.pages",
                                    "toc.note")]
    rows: list[list[object]] = [head]
    for i, s in enumerate(sections, start=1):
        rows.append([cell(str(i), True), s.title, cell(s.date, True),
                     cell(s.pages or "00-00", True), cell(s.note, True)])
    rows += [["", "", "", "", ""] for _ in range(max(0, TOC_MIN_ROWS - len(sections)))]
    heights = [None] + [9 * mm] * (len(rows) - 1)
    return [
        para(data.committee_name, "committee"),
        para(lab["doc.toc"], "title"),
        para(f"{lab['case_no']}{'：' if data.lang == 'zh' else ': '}{data.case_no}", "right"),
        gap(2),
        form_table(rows, (10, 58, 25, 15, 17), heights=heights),
    ]

