"""以案定补 claim sheets as a PDF (A4 portrait): one section per committee (申报表: each
mediator's cases, subtotal, total, signature lines for the mediator, the committee
director and the judicial office), then the summary of the scope (汇总表) and the list
of refused cases. Plain data in, bytes out; the caller passes translated texts."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from mediator_app.reports.fonts import register_cjk_font
from mediator_app.reports.sheet_pdf import numbered_canvas

PAGE = A4
MARGIN = 15 * mm
WIDTH = PAGE[0] - 2 * MARGIN
_SUB_BG = colors.HexColor("#F2F2F2")
_TOTAL_BG = colors.HexColor("#E0E0E0")
NORMAL, SUBTOTAL, TOTAL = "", "sub", "total"


@dataclass(frozen=True)
class Section:
    """One page (or more) of the sheets."""

    title: str
    meta: list[str]  # lines under the title
    header: list[str]
    rows: list[list[str]]
    kinds: list[str]  # per row: NORMAL, SUBTOTAL or TOTAL
    weights: list[float]  # relative column widths
    right: set[int] = field(default_factory=set)  # right-aligned (amount) columns
    signatures: list[str] = field(default_factory=list)
    note: str = ""


def _styles() -> dict[str, ParagraphStyle]:
    font = register_cjk_font()

    def style(name: str, size: float, align: int = TA_LEFT, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.35,
                              alignment=align, wordWrap="CJK", **kw)

    return {"title": style("claim-title", 16, TA_CENTER, spaceAfter=3 * mm),
            "meta": style("claim-meta", 9.5),
            "head": style("claim-head", 8.5, TA_CENTER),
            "cell": style("claim-cell", 8.5),
            "amount": style("claim-amount", 8.5, TA_RIGHT),
            "note": style("claim-note", 9, spaceBefore=2 * mm),
            "sign": style("claim-sign", 10.5, spaceBefore=4 * mm)}


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _table(sec: Section, st: dict[str, ParagraphStyle]) -> Table:
    data: list[list[Any]] = [[_p(h, st["head"]) for h in sec.header]]
    for row in sec.rows:
        data.append([_p(v, st["amount"] if i in sec.right else st["cell"])
                     for i, v in enumerate(row)])
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), _SUB_BG),
    ]
    for i, kind in enumerate(sec.kinds, start=1):
        if kind == SUBTOTAL:
            commands.append(("BACKGROUND", (0, i), (-1, i), _SUB_BG))
        elif kind == TOTAL:
            commands += [("BACKGROUND", (0, i), (-1, i), _TOTAL_BG),
                         ("LINEABOVE", (0, i), (-1, i), 1.2, colors.black)]
    total = sum(sec.weights)
    table = Table(data, colWidths=[WIDTH * w / total for w in sec.weights], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _signatures(sec: Section, st: dict[str, ParagraphStyle]) -> Table:
    """Two signature lines a row, so that a committee's mediators fit on the page."""
    cells = [_p(f"{label}＿＿＿＿＿＿＿＿", st["sign"]) for label in sec.signatures]
    cells += [""] * (len(cells) % 2)
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    grid = Table(rows, colWidths=[WIDTH / 2, WIDTH / 2])
    grid.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return grid


def render_claim(sections: list[Section], *, title: str, page_label: str) -> bytes:
    """The sections, each starting on a new page, as PDF bytes."""
    st = _styles()
    story: list[Any] = []
    for n, sec in enumerate(sections):
        if n:
            story.append(PageBreak())
        story += [_p(sec.title, st["title"]), *[_p(m, st["meta"]) for m in sec.meta],
                  Spacer(1, 3 * mm), _table(sec, st)]
        if sec.note:
            story.append(_p(sec.note, st["note"]))
        if sec.signatures:
            story += [Spacer(1, 6 * mm), _signatures(sec, st)]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm, title=title,
                            author="调解台账")
    doc.build(story, canvasmaker=numbered_canvas(page_label, register_cjk_font(), PAGE[0]))
    return buffer.getvalue()
