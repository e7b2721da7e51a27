"""The reports window saves the narrative district report (with its trend chart)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from mediator_app.services import statistics
from tests.gui.helpers_reports import DISTRICT
from tests.gui.test_reports_window import MAY, rctx, report_db, window  # noqa: F401


def test_save_district_report_pdf(window, dialogs, tmp_path, report_db):  # noqa: F811
    report = statistics.build_report(report_db, period=MAY, scope=DISTRICT, as_of=window.as_of)
    dialogs.save_path = str(tmp_path / "report.pdf")
    window.save_district_pdf()
    data = (tmp_path / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    compact = text.replace(" ", "").replace("\n", "")
    assert f"排查矛盾纠纷{report.totals.disputes}件" in compact
    assert f"成功化解{report.totals.resolved}件" in compact
    assert "各月矛盾纠纷排查化解趋势" in compact
