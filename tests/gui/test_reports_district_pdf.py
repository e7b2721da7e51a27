"""The reports window saves the narrative district report: a month without the trend
chart (too short for one), a year with it."""

from __future__ import annotations

import io

from pypdf import PdfReader

from mediator_app.domain.periods import parse_period
from mediator_app.services.statistics import report as statistics
from tests.gui.helpers_reports import DISTRICT
from tests.gui.test_reports_window import MAY, rctx, report_db, window  # noqa: F401


def _text(path) -> str:  # noqa: ANN001
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    return text.replace(" ", "").replace("\n", "")


def test_save_district_report_pdf(window, dialogs, tmp_path, report_db):  # noqa: F811
    report = statistics.build_report(report_db, period=MAY, scope=DISTRICT, as_of=window.as_of)
    dialogs.save_path = str(tmp_path / "report.pdf")
    window.save_district_pdf()
    data = (tmp_path / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    compact = _text(tmp_path / "report.pdf")
    assert f"排查矛盾纠纷{report.totals.disputes}件" in compact
    assert f"成功化解{report.totals.resolved}件" in compact
    assert f"同期受理矛盾纠纷{report.totals.accepted}件" in compact
    assert "各月矛盾纠纷排查化解趋势" not in compact and "不足3个月" in compact
    window.set_period(parse_period("2024"))
    dialogs.save_path = str(tmp_path / "year.pdf")
    window.save_district_pdf()
    year = _text(tmp_path / "year.pdf")
    assert "三、各月矛盾纠纷排查化解情况" in year and "四、各月矛盾纠纷排查化解趋势" in year
