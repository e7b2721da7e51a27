"""The district report (区矛盾纠纷排查化解情况报告) as a PDF: A4 portrait, a narrative
headline in the district's own style, tables by street, by dispute type and by month,
and a chart of the monthly trend (when the document has one). Renders plain data; never
queries the database."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from mediator_app.reports.fonts import register_cjk_font
from mediator_app.reports.kinsoku import paragraph
from mediator_app.reports.sheet_pdf import numbered_canvas

PAGE = A4
MARGIN = 18 * mm
WIDTH = PAGE[0] - 2 * MARGIN
BAR_COLOURS = (colors.HexColor("#4A7EBB"), colors.HexColor("#3C8D5A"))


@dataclass
class DocTable:
    title: str
    header: list[str]
    rows: list[list[str]]
    weights: list[float]
    total_rows: int = 1  # the last N rows are totals (shaded)


@dataclass
class TrendSeries:
    title: str
    labels: list[str]  # one per month, e.g. "1月"
    series: list[tuple[str, list[int]]]  # (legend, values)


@dataclass
class DistrictDoc:
    title: str
    subtitle: str
    paragraphs: list[str]
    tables: list[DocTable]
    trend: TrendSeries | None  # None: no chart (a period shorter than three months)
    footnotes: list[str] = field(default_factory=list)
    page_label: str = "第 {page} 页 共 {pages} 页"
    latin_headings: bool = False  # English column headings: wrap at spaces, not anywhere


def _styles() -> dict[str, ParagraphStyle]:
    font = register_cjk_font()

    def style(name: str, size: float, align: int = TA_LEFT, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.5,
                              alignment=align, wordWrap="CJK", **kw)

    return {
        "title": style("dr-title", 18, TA_CENTER, spaceAfter=2 * mm),
        "subtitle": style("dr-subtitle", 10, TA_CENTER, spaceAfter=5 * mm),
        "body": style("dr-body", 11, firstLineIndent=22, spaceAfter=2 * mm),
        "h": style("dr-h", 12, spaceBefore=5 * mm, spaceAfter=2 * mm),
        "cell": style("dr-cell", 8.5, TA_CENTER),
        # a little smaller, and a word is never split: "Terminated" fits its column
        "latin_head": ParagraphStyle("dr-latin-head", fontName=font, fontSize=7.5,
                                     leading=7.5 * 1.4, alignment=TA_CENTER,
                                     splitLongWords=0),
        "name": style("dr-name", 8.5),
        "note": style("dr-note", 8),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return paragraph(text, style)


def _table(t: DocTable, st: dict[str, ParagraphStyle], head: str = "cell") -> Table:
    if head == "latin_head":  # reportlab's own wrapping at spaces (no kinsoku rules)
        data = [[Paragraph(escape(h), st[head]) for h in t.header]]
    else:
        data = [[_p(h, st[head]) for h in t.header]]
    data += [[_p(v, st["name"] if i == 0 else st["cell"]) for i, v in enumerate(row)]
             for row in t.rows]
    total = sum(t.weights)
    table = Table(data, colWidths=[WIDTH * w / total for w in t.weights], repeatRows=1)
    commands: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F0F0F0")),
    ]
    first_total = len(data) - t.total_rows
    if t.total_rows:
        commands.append(("BACKGROUND", (0, first_total), (-1, -1), colors.HexColor("#E8E8E8")))
    table.setStyle(TableStyle(commands))
    return table


def trend_chart(trend: TrendSeries, font: str) -> Drawing:
    """Grouped bars per month: one bar per series (排查, 调解成功)."""
    height = 62 * mm
    drawing = Drawing(WIDTH, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 14 * mm
    chart.width, chart.height = WIDTH - 16 * mm, height - 26 * mm
    chart.data = [values for _label, values in trend.series] or [[0]]
    chart.categoryAxis.categoryNames = trend.labels
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    peak = max((max(v) for _l, v in trend.series if v), default=0)
    chart.valueAxis.valueMax = max(5, int(peak * 1.15) + 1)
    chart.barSpacing = 0.5
    chart.groupSpacing = 4
    for i, colour in enumerate(BAR_COLOURS[: len(trend.series)]):
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.fontName, legend.fontSize = font, 8
    legend.x, legend.y = WIDTH - 60 * mm, height - 4 * mm
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(BAR_COLOURS[i], label)
                             for i, (label, _v) in enumerate(trend.series)]
    drawing.add(legend)
    drawing.add(String(0, height - 6 * mm, trend.title, fontName=font, fontSize=10))
    return drawing


def _story(doc: DistrictDoc, st: dict[str, ParagraphStyle], font: str) -> list[Any]:
    story: list[Any] = [_p(doc.title, st["title"]), _p(doc.subtitle, st["subtitle"])]
    story += [_p(text, st["body"]) for text in doc.paragraphs]
    for table in doc.tables:
        head = "latin_head" if doc.latin_headings else "cell"
        story += [_p(table.title, st["h"]), _table(table, st, head)]
    if doc.trend is not None:
        story += [Spacer(1, 4 * mm), KeepTogether([trend_chart(doc.trend, font)])]
    if doc.footnotes:
        story += [Spacer(1, 3 * mm)] + [_p(n, st["note"]) for n in doc.footnotes]
    return story


def render_district(doc: DistrictDoc) -> bytes:
    st = _styles()
    font = register_cjk_font()
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=doc.title,
                            author="调解台账")
    pdf.build(_story(doc, st, font), canvasmaker=numbered_canvas(doc.page_label, font, PAGE[0]))
    return buffer.getvalue()
