"""Exporting the current view (CSV with BOM, all quoted; XLSX with text cells) and the
dependency-free XLSX writer itself."""

from __future__ import annotations

import csv
import io
import os
import stat
import xml.etree.ElementTree as ET
import zipfile

import pytest

from mediator_app.reports.xlsx import XlsxWriter, column_letter, read_xlsx_text, xlsx_bytes
from mediator_app.storage import case_query as cq
from mediator_app.ui.app import build_main_window
from mediator_app.ui.case_model import header_labels
from mediator_app.ui.export import write_export

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


@pytest.fixture
def window(ctx, qtbot):
    w = build_main_window(ctx)
    qtbot.addWidget(w)
    w.nav.select_scope(cq.Scope("committee", "C001"))
    w.cases.filters.status.setCurrentIndex(w.cases.filters.status.findData("调解成功"))
    return w


def test_csv_export_of_current_view(window, dialogs, case_db, tmp_path):
    target = tmp_path / "view.csv"
    dialogs.save_path = str(target)
    window.actions_["export_csv"].trigger()
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    first_line = text.splitlines()[0]
    assert first_line.startswith('"') and first_line.count('"') == 2 * len(header_labels())
    rows = list(csv.reader(io.StringIO(text)))
    expected = [r[0] for r in case_db.execute(
        "SELECT case_no FROM cases WHERE committee_code = 'C001' AND status = '调解成功' "
        "ORDER BY received_on DESC, id DESC")]
    assert [r[0] for r in rows[1:]] == expected
    id_number = rows[1][8]
    assert "********" in id_number and len(id_number) == 18
    assert not (tmp_path / "view.csv.part").exists()


def test_xlsx_export_of_current_view(window, dialogs, case_db, tmp_path):
    target = tmp_path / "view.xlsx"
    dialogs.save_path = str(target)
    window.actions_["export_xlsx"].trigger()
    sheets = read_xlsx_text(target.read_bytes())
    rows = sheets["cases"]
    assert rows[0] == header_labels()
    assert len(rows) - 1 == len(window.cases.model.ids())
    assert rows[1][0] == window.cases.model.data(window.cases.model.index(0, 0))


def test_export_with_nothing_in_view(window, dialogs):
    window.cases.filters.search.setText("不存在的内容xyz")
    window.cases.filters.flush()
    asked = len(dialogs.calls)
    window.actions_["export_csv"].trigger()
    assert window.cases.model.ids() == []
    # said plainly, and no file name asked for
    assert dialogs.calls[asked:] == [("info", "Export", "There are no cases in view.")]


def test_cancelled_export_leaves_no_file(ctx, case_db, tmp_path):
    from mediator_app.ui.case_model import Lookups
    from mediator_app.ui.export import ExportCancelled

    ids = cq.case_ids(case_db, cq.CaseFilter())
    target = tmp_path / "x.csv"
    with pytest.raises(ExportCancelled):
        write_export(case_db, ids, str(target), "csv", header_labels(), Lookups(ctx),
                     cancel=lambda: True)
    assert not target.exists() and not (tmp_path / "x.csv.part").exists()


# ---- the XLSX writer --------------------------------------------------------------------
def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_xlsx_round_trip_keeps_text_exactly():
    rows = [["110105194912310021", "007", "（2023）X人调字第1号"],
            ["a<b&c>\"'", "", "line1\nline2"], ["  spaced  ", "控\x01制", "=1+1"]]
    data = xlsx_bytes([("案件", ["证件", "代码", "案号"], rows)])
    back = read_xlsx_text(data)["案件"]
    assert back[0] == ["证件", "代码", "案号"]
    assert back[1] == rows[0]
    assert back[2] == ["a<b&c>\"'", "", "line1\nline2"]
    assert back[3] == ["  spaced  ", "控制", "=1+1"]


def test_xlsx_package_is_well_formed():
    data = xlsx_bytes([("a/b:c", None, [["x"]]), ("a/b:c", ["h"], [])])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        names = set(z.namelist())
        for part in ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                     "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                     "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
            assert part in names
            ET.fromstring(z.read(part))  # parses
        book = ET.fromstring(z.read("xl/workbook.xml"))
        sheet_names = [s.get("name") for s in book.iterfind("m:sheets/m:sheet", NS)]
        assert sheet_names == ["a_b_c", "a_b_c (2)"]
        cell = ET.fromstring(z.read("xl/worksheets/sheet1.xml")).find(
            "m:sheetData/m:row/m:c", NS)
        assert cell.get("t") == "inlineStr" and cell.get("r") == "A1"


def test_xlsx_streaming_writer_many_rows(tmp_path):
    path = tmp_path / "big.xlsx"
    with XlsxWriter(str(path)) as book:
        sheet = book.sheet("s", ["n"])
        for i in range(5000):
            sheet.add_row([f"{i:06d}"])
    rows = read_xlsx_text(path.read_bytes())["s"]
    assert len(rows) == 5001 and rows[-1] == ["004999"]


def test_csv_view_export_neutralises_formulas(tmp_path):
    """Issue 8 item 6: a summary or name that Excel would run as a formula gets a
    leading apostrophe in the view export too."""
    from mediator_app.ui.export import _RowSink

    path = tmp_path / "v.csv"
    sink = _RowSink(str(path), "csv", ["a", "b", "c"])
    sink.add(["=HYPERLINK(\"http://x\")", "-1+1", "普通"])
    sink.close()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1] == ["'=HYPERLINK(\"http://x\")", "'-1+1", "普通"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_view_export_is_owner_only_whatever_the_umask(tmp_path, fmt):
    """Issue 8 item 5: the case list's export holds parties' names; like every other
    export it is 0600 from its first byte, also when the process umask is a shell's 022
    (``python -m mediator_app.ui.app`` does not pass through the CLI that tightens it)."""
    from mediator_app.ui.export import _RowSink

    path = tmp_path / f"v.{fmt}"
    old = os.umask(0o022)
    try:
        sink = _RowSink(str(path), fmt, ["a"])
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # already while it is written
        sink.add(["张三"])
        sink.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    if fmt == "xlsx":
        assert "张三" in str(read_xlsx_text(path.read_bytes()))
