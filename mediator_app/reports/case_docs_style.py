"""Page geometry, font, paragraph styles and table helpers of the case documents."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus import paragraph as rl_paragraph

from mediator_app.reports.fonts import register_cjk_font
from mediator_app.reports.kinsoku import paragraph

PAGE = A4
MARGIN_LEFT = 25 * mm  # binding edge of the case file
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
WIDTH = PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT
# Chinese punctuation that must not begin a line. reportlab's list is Japanese-centric
# (it lacks the full-width comma, semicolon, colon …); its CJK wrappers read these
# module-level strings, so extend them once.
_NO_LINE_START = "，、；：！？）》」』】〕”’％"


def _extend_kinsoku() -> None:
    for module in (textsplit, rl_paragraph):
        missing = "".join(ch for ch in _NO_LINE_START if ch not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing


_extend_kinsoku()


def font_name() -> str:
    """The CJK font shared with the statistics sheets (registered once by fonts.py)."""
    return register_cjk_font()


def _style(name: str, size: float, leading: float, align: int = TA_LEFT,
           **extra: Any) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font_name(), fontSize=size, leading=leading,
                          alignment=align, wordWrap="CJK", **extra)


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    return {
        "title": _style("doc-title", 20, 28, TA_CENTER, spaceAfter=4),
        "committee": _style("doc-committee", 13, 18, TA_CENTER),
        "cover_title": _style("cover-title", 30, 40, TA_CENTER),
        "body": _style("doc-body", 11.5, 19),
        "indent": _style("doc-indent", 11.5, 19, firstLineIndent=23),
        "heading": _style("doc-heading", 11.5, 19, spaceBefore=3),
        "cell": _style("doc-cell", 10.5, 15),
        "cell_c": _style("doc-cell-c", 10.5, 15, TA_CENTER),
        "right": _style("doc-right", 11, 16, TA_RIGHT),
        "small_right": _style("doc-small-right", 10, 14, TA_RIGHT),
        "sign": _style("doc-sign", 11.5, 22),
        "sign_right": _style("doc-sign-r", 11.5, 22, TA_RIGHT),
    }


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return paragraph(text, styles()[style])


def cell(text: str, centred: bool = False) -> Paragraph:
    return para(text, "cell_c" if centred else "cell")


def gap(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


GRID = [
    ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("TOPPADDING", (0, 0), (-1, -1), 4),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
]


def form_table(rows: Sequence[Sequence[Any]], widths_mm: Sequence[float],
               extra: Sequence[tuple[Any, ...]] = (),
               heights: Sequence[float | None] | None = None) -> Table:
    """A ruled form table; plain strings become wrapped cells, labels are centred.

    ``widths_mm`` are relative: they are scaled to the page's text width."""
    total = sum(widths_mm)
    widths = [WIDTH * w / total for w in widths_mm]
    body = [[cell(v) if isinstance(v, str) else v for v in row] for row in rows]
    table = Table(body, colWidths=widths, rowHeights=heights, splitInRow=1)
    table.setStyle(TableStyle([*GRID, *extra]))
    return table


def label(text: str) -> Paragraph:
    return cell(text, centred=True)


def text_box(text: str, min_height_mm: float) -> list[Flowable]:
    """The content of a large free-text cell: the text, then room to write by hand."""
    return [para(text or " ", "cell"), Spacer(1, max(0.0, min_height_mm) * mm)]


def copy_mark(text: str) -> Paragraph:
    return para(text, "small_right")


def header(committee: str, title: str, number_line: str = "",
           mark: str = "") -> list[Flowable]:
    """Copy marking, committee line, document title and the number line."""
    parts: list[Flowable] = []
    if mark:
        parts.append(copy_mark(mark))
    if committee:
        parts.append(para(committee, "committee"))
    parts.append(para(title, "title"))
    if number_line:
        parts.append(para(number_line, "right"))
    parts.append(gap(2))
    return parts
