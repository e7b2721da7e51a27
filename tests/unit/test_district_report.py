"""The district report: months add up to the period, the narrative carries the figures,
and the PDF shows headline, tables and chart labels in Chinese and English."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from mediator_app.domain.rates import format_rate
from mediator_app.services.demo.district import build_demo
from mediator_app.services.statistics.district_report import (
    build_district_report,
    district_document,
    district_report_pdf,
)
from mediator_app.storage.db import open_memory

TODAY = date(2024, 6, 30)


def _db():  # noqa: ANN202
    db = open_memory()
    build_demo(db, cases=1500, seed=3, today=TODAY)
    return db


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return "".join(p.extract_text() for p in pages).replace(" ", "").replace("\n", "")


def test_months_add_up_to_the_year() -> None:
    data = build_district_report(_db(), period="2023", scope="610114", as_of=TODAY)
    assert len(data.months) == 12
    totals = data.report.totals
    for name in ("disputes", "accepted", "resolved", "terminated", "amount_fen"):
        assert sum(getattr(f, name) for _m, f in data.months) == getattr(totals, name), name


def test_narrative_names_the_figures_and_the_streets() -> None:
    data = build_district_report(_db(), period="2023", scope="610114", as_of=TODAY)
    doc = district_document(data)
    t = data.report.totals
    lead = doc.paragraphs[0]
    assert f"共排查矛盾纠纷{t.disputes}件，成功化解{t.resolved}件，化解率为{format_rate(t.rate)}" \
        in lead
    units = doc.tables[0]
    assert [row[0] for row in units.rows[:7]] == [c.unit.name for c in data.report.children]
    assert units.rows[-1][1] == str(t.disputes)
    types = doc.tables[1]
    assert sum(int(row[1]) for row in types.rows[:-1]) == t.disputes
    assert doc.trend.series[0][1] == [f.disputes for _m, f in data.months]


def test_pdf_in_chinese_and_english() -> None:
    db = _db()
    zh = _text(district_report_pdf(db, period="2023", scope="610114", as_of=TODAY))
    assert "矛盾纠纷排查化解情况报告" in zh and "各月矛盾纠纷排查化解趋势" in zh
    assert "12月" in zh and "合计" in zh
    en = _text(district_report_pdf(db, period="2023", scope="610114", as_of=TODAY, lang="en"))
    assert "Monthlytrend" in en and "resolutionrate" in en


def test_english_column_headings_break_between_words() -> None:
    """CJK line breaking splits a word anywhere ("Terminat" / "ed"); the English
    headings of narrow columns wrap at spaces."""
    pdf = district_report_pdf(_db(), period="2023", scope="610114", as_of=TODAY, lang="en")
    words = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split()
    assert "Terminated" in words and "mediation" in words


def test_cli_writes_the_report_layout(tmp_path) -> None:  # noqa: ANN001
    from mediator_app.cli.main import main
    from mediator_app.storage.db import open_database

    path = tmp_path / "d.db"
    opened = open_database(path)
    build_demo(opened.db, cases=300, seed=2, today=TODAY)
    opened.close()
    out = tmp_path / "r.pdf"
    code = main(["--db", str(path), "report", "--period", "2023", "--scope", "610114",
                 "--format", "pdf", "--layout", "report", "--out", str(out)])
    assert code == 0
    assert "矛盾纠纷排查化解情况报告" in _text(out.read_bytes())
    assert main(["--db", str(path), "report", "--period", "2023", "--scope", "999",
                 "--format", "pdf", "--layout", "report", "--out", str(out)]) != 0


# ---- wording: 同期受理, ties, short periods ------------------------------------------------

def _with_rates(data, rates):  # noqa: ANN001, ANN202
    """``data`` with the children's rates (and disputes) replaced, to exercise ties."""
    children = []
    for child, (rate, disputes) in zip(data.report.children, rates, strict=False):
        fig = dataclasses.replace(child.figures, disputes=disputes)
        fig.rate = None if rate is None else Decimal(rate)
        children.append(dataclasses.replace(child, figures=fig))
    report = dataclasses.replace(data.report, children=children)
    return dataclasses.replace(data, report=report)


def _leaders_line(doc) -> str:  # noqa: ANN001
    return next(p for p in doc.paragraphs if "化解率" in p and "排查纠纷最多" in p)


def test_accepted_is_not_called_part_of_the_disputes() -> None:
    data = build_district_report(_db(), period="2023", scope="610114", as_of=TODAY)
    doc = district_document(data)
    t = data.report.totals
    text = "".join(doc.paragraphs)
    assert "其中受理" not in text
    assert f"同期受理矛盾纠纷{t.accepted}件" in doc.paragraphs[1]
    assert any("受理数" in n and "包括此前登记" in n for n in doc.footnotes)
    en = district_document(data, lang="en")
    assert f"In the same period {t.accepted} cases were accepted" in en.paragraphs[1]
    assert any("including cases registered earlier" in n for n in en.footnotes)


def test_units_tied_on_the_highest_rate_are_named_together() -> None:
    data = build_district_report(_db(), period="2023", scope="610114", as_of=TODAY)
    names = [c.unit.name for c in data.report.children]
    count = len(names)
    # five tied at 100%: the two busiest named, then "等5个街道（乡镇）"
    rates = [("100.00", 30 - i) if i < 5 else ("90.00", 55 - i) for i in range(count)]
    line = _leaders_line(district_document(_with_rates(data, rates)))
    assert "化解率最高的是" not in line
    assert f"{names[0]}、{names[1]}等5个" in line and "化解率均为100.00%" in line
    assert names[2] not in line.split("化解率均为")[0]
    assert f"排查纠纷最多的是{names[5]}（50件）" in line
    en = _leaders_line_en(district_document(_with_rates(data, rates), lang="en"))
    assert f"{names[0]}, {names[1]} and 3 other units all had the highest rate" in en
    # one unit alone at the top
    single = [("100.00", 5)] + [("80.00", 5)] * (count - 1)
    line = _leaders_line(district_document(_with_rates(data, single)))
    assert f"化解率最高的是{names[0]}（100.00%）" in line
    assert "排查纠纷最多的是" in line and "各5件" in line  # every unit found 5
    # two tied: both named, no count
    pair = [("100.00", 5), ("100.00", 4)] + [("80.00", 1)] * (count - 2)
    line = _leaders_line(district_document(_with_rates(data, pair)))
    assert line.startswith(f"{names[0]}、{names[1]}化解率均为100.00%")
    # every unit tied
    every = [("100.00", 3)] * count
    line = _leaders_line(district_document(_with_rates(data, every)))
    assert line.startswith(f"全部{count}个") and "化解率均为100.00%" in line


def _leaders_line_en(doc) -> str:  # noqa: ANN001
    return next(p for p in doc.paragraphs if "the most disputes" in p)


def test_a_short_period_has_no_months_table_or_trend() -> None:
    db = _db()
    month = district_document(build_district_report(db, period="2023-10", scope="610114",
                                                    as_of=TODAY))
    assert month.trend is None
    assert [t.title[:2] for t in month.tables] == ["一、", "二、"]
    assert any("不足3个月" in n for n in month.footnotes)
    two = build_district_report(db, period="2023-10-05..2023-11-20", scope="610114",
                                as_of=TODAY)
    assert district_document(two).trend is None
    quarter = district_document(build_district_report(db, period="2023-Q4", scope="610114",
                                                      as_of=TODAY))
    assert [t.title[:2] for t in quarter.tables] == ["一、", "二、", "三、"]
    assert quarter.trend is not None and quarter.trend.title.startswith("四、")
    assert quarter.trend.labels == ["10月", "11月", "12月"]
    assert not any("不足3个月" in n for n in quarter.footnotes)
    text = _text(district_report_pdf(db, period="2023-10", scope="610114", as_of=TODAY))
    assert "矛盾纠纷排查化解情况报告" in text and "排查化解趋势" not in text
    assert "三、" not in text and "二、矛盾纠纷类型分布" in text
