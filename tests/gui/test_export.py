"""Exporting the current view (CSV with BOM, all quoted; XLSX with text cells) and the
XLSX writer itself (reports/xlsx.py on the XlsxWriter library)."""

from __future__ import annotations

import csv
import io
import os
import stat

import openpyxl
import pytest

from mediator_app.reports.xlsx import TextWorkbook, column_width, display_width, xlsx_bytes
from mediator_app.services.cases.view_export import CHUNK, write_export
from mediator_app.storage import case_query as cq
from mediator_app.ui.app import build_main_window
from mediator_app.ui.case_model import header_labels
from tests.xlsx_read import read_xlsx_text


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
    from mediator_app.domain.progress import Cancelled
    from mediator_app.services.cases import browse
    from mediator_app.ui.export import export_values

    ids = cq.case_ids(case_db, cq.CaseFilter())
    target = tmp_path / "x.csv"
    lookups = browse.lookups(case_db)
    with pytest.raises(Cancelled):
        write_export(case_db, ids, str(target), "csv", header_labels(),
                     lambda row: export_values(row, lookups), cancel=lambda: True)
    assert not target.exists() and not (tmp_path / "x.csv.part").exists()


# ---- the XLSX writer (XlsxWriter library) --------------------------------------------------
def test_widths_count_cjk_characters_twice():
    assert [display_width(t) for t in ("ab", "案号", "（2023）人调字", "")] == [2, 4, 14, 0]
    assert column_width(0) == 6 and column_width(10) == 12 and column_width(500) == 60


def test_xlsx_round_trip_keeps_text_exactly():
    rows = [["110105194912310021", "007", "（2023）X人调字第1号"],
            ["a<b&c>\"'", "", "line1\nline2"], ["  spaced  ", "控\x01制", "=1+1"],
            ["_x0041_", "1E5", "00123"]]
    data = xlsx_bytes([("案件", ["证件", "代码", "案号"], rows)])
    back = read_xlsx_text(data)["案件"]
    assert back[0] == ["证件", "代码", "案号"]
    assert back[1] == rows[0]
    assert back[2] == ["a<b&c>\"'", "", "line1\nline2"]
    assert back[3] == ["  spaced  ", "控制", "=1+1"]
    assert back[4] == rows[3]


def test_xlsx_cells_are_text_never_numbers_or_formulas():
    """Opened as Excel would: ID numbers, codes with leading zeros and formula-like text
    are string cells in the text format (@), the header bold and frozen."""
    data = xlsx_bytes([("a/b:c", None, [["x"]]),
                       ("a/b:c", ["证件号码", "code"],
                        [["110105194912310021", "007"], ["=HYPERLINK(\"http://x\")", "1e5"]])])
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["a_b_c", "a_b_c (2)"]
    sheet = book["a_b_c (2)"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert [c.value for c in cells] == ["110105194912310021", "007",
                                        "=HYPERLINK(\"http://x\")", "1e5"]
    assert {c.data_type for c in cells} == {"s"}  # no number, no formula
    assert {c.number_format for c in cells} == {"@"}
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    # no widths given: measured, a CJK character counting two columns
    assert sheet.column_dimensions["A"].width >= 18  # 18 digits
    assert sheet.column_dimensions["B"].width == pytest.approx(6, abs=1)


def test_xlsx_streaming_writer_many_rows_in_constant_memory(tmp_path):
    path = tmp_path / "big.xlsx"
    with TextWorkbook(path, scratch=tmp_path) as book:
        sheet = book.sheet("s", ["n"], widths=[12])
        for i in range(5000):
            sheet.add_row([f"{i:06d}"])
        assert len([p for p in tmp_path.iterdir() if p.is_dir()]) == 1  # its row files
    rows = read_xlsx_text(path.read_bytes())["s"]
    assert len(rows) == 5001 and rows[-1] == ["004999"]
    width = openpyxl.load_workbook(path)["s"].column_dimensions["A"].width
    assert width == pytest.approx(12, abs=1)
    assert [p.name for p in tmp_path.iterdir()] == ["big.xlsx"]  # row files removed


def test_abandoned_workbook_leaves_no_row_files(tmp_path):
    """Personal data in XlsxWriter's temporary row files: only in an owner-only folder
    beside the output (never the shared temp folder), removed also on cancel."""
    out = tmp_path / "x.xlsx.part"
    with open(out, "wb") as fh, pytest.raises(RuntimeError):  # noqa: PT012
        with TextWorkbook(fh, scratch=tmp_path) as book:
            book.sheet("s", ["姓名"]).add_row(["张三"])
            (scratch,) = [p for p in tmp_path.iterdir() if p.is_dir()]
            if os.name == "posix":
                assert stat.S_IMODE(scratch.stat().st_mode) == 0o700
            raise RuntimeError("cancelled")
    assert [p.name for p in tmp_path.iterdir()] == ["x.xlsx.part"]
    assert out.read_bytes() == b""  # nothing assembled


def test_cancelled_xlsx_export_leaves_nothing(ctx, case_db, tmp_path):
    from mediator_app.domain.progress import Cancelled
    from mediator_app.services.cases import browse
    from mediator_app.ui.export import export_values

    lookups = browse.lookups(case_db)
    ids = cq.case_ids(case_db, cq.CaseFilter())
    ids *= CHUNK // len(ids) + 1  # two chunks: the first one written, then cancelled
    asked = []

    def cancel_second_time() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(Cancelled):
        write_export(case_db, ids, str(tmp_path / "x.xlsx"), "xlsx", header_labels(),
                     lambda row: export_values(row, lookups), cancel=cancel_second_time)
    assert list(tmp_path.iterdir()) == []


def test_csv_view_export_neutralises_formulas(tmp_path):
    """Issue 8 item 6: a summary or name that Excel would run as a formula gets a
    leading apostrophe in the view export too."""
    from mediator_app.services.cases.view_export import _RowSink

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
    from mediator_app.services.cases.view_export import _RowSink

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
