"""The district report: months add up to the period, the narrative carries the figures,
and the PDF shows headline, tables and chart labels in Chinese and English."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from mediator_app.domain.rates import format_rate
from mediator_app.services.demo import build_demo
from mediator_app.services.district_report import (
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
