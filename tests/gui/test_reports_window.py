"""The reports window: the preview equals build_report, drill-down lists exactly the
cases behind a figure, files are written, submission banner and completeness, printing,
and the case-documents menu."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from mediator_app.domain.enums import AgreementForm, CaseStatus
from mediator_app.domain.model import Case, new_case_id
from mediator_app.domain.periods import month_period, parse_period
from mediator_app.services.statistics import report as statistics
from mediator_app.services.statistics.bundle import MAIN_KEYS
from mediator_app.services.statistics.sheet import build_sheet
from mediator_app.services.statistics.snapshot import report_from_dict
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_memory
from mediator_app.ui.context import AppContext
from mediator_app.ui.reports import ReportsWindow
from mediator_app.ui.reports.models import LABEL_COLUMNS
from mediator_app.ui.tasks import SyncRunner
from tests.gui.helpers_reports import DISTRICT, EAST, EMPTY, WEST, build_report_db
from tests.xlsx_read import read_xlsx_text

MAY = month_period(2024, 5)


@pytest.fixture
def report_db():
    db = open_memory()
    build_report_db(db)
    return db


@pytest.fixture
def rctx(report_db, dialogs, qapp) -> AppContext:
    return AppContext(runner=SyncRunner(report_db), read_db=report_db, dialogs=dialogs,
                      lang="zh", user="tester")


@pytest.fixture
def window(rctx, qtbot, dialogs):
    w = ReportsWindow(rctx, DISTRICT)
    qtbot.addWidget(w)
    w.set_period(MAY)
    yield w
    assert [c for c in dialogs.calls if c[0] == "error"] == []


def _figures(report: statistics.Report) -> list[statistics.SheetCounts]:
    return [c.figures for c in report.children] + [report.direct, report.totals]


def _cell(w: ReportsWindow, tab: int, row: int, col: int) -> str:
    return w.views[tab].model().index(row, col).data()


def test_preview_shows_the_numbers_of_build_report(window, report_db):
    report = statistics.build_report(report_db, period=MAY, scope=DISTRICT,
                                     as_of=window.as_of)
    assert report.totals.disputes > 10
    model = window.views[0].model()
    assert model.rowCount() == len(report.children) + 2
    for row, fig in enumerate(_figures(report)):
        for i, key in enumerate(MAIN_KEYS[:3]):
            assert _cell(window, 0, row, LABEL_COLUMNS + i) == str(getattr(fig, key))
        rate = _cell(window, 0, row, LABEL_COLUMNS + 3)
        assert rate == f"{fig.rate_text.rstrip('%')}\n{fig.rate_numerator}/{fig.rate_denominator}"
    t = report.totals
    assert window.headline.text() == (f"共排查矛盾纠纷{t.disputes}件，成功化解{t.resolved}件，"
                                      f"化解率为{t.rate_text}")
    header = model.headerData(LABEL_COLUMNS, __import__("PySide6.QtCore").QtCore.Qt.Orientation
                              .Horizontal)
    assert header.startswith("(1)") and header.endswith("件")
    names = [_cell(window, 0, r, 1) for r in range(model.rowCount())]
    assert "南岭街道" in names, "a unit without cases still has its (zero) row"


def test_by_type_and_by_month_tabs(window, report_db):
    report = statistics.build_report(report_db, period=parse_period("2024-Q2"), scope=DISTRICT,
                                     as_of=window.as_of)
    window.set_period(parse_period("2024-Q2"))
    types = window.views[1].model()
    total_row = types.rowCount() - 1
    for i, code in enumerate(report.type_labels):
        assert _cell(window, 1, total_row, LABEL_COLUMNS + i) == str(report.totals.by_type.get(
            code, 0))
    months = window.views[3].model()
    assert [_cell(window, 3, r, 1) for r in range(3)] == ["2024年4月", "2024年5月", "2024年6月"]
    monthly = [int(_cell(window, 3, r, LABEL_COLUMNS)) for r in range(3)]
    assert sum(monthly) == report.totals.disputes == int(_cell(window, 3, 3, LABEL_COLUMNS))
    assert months.rowCount() == 4


@pytest.mark.parametrize("tab, column", [(0, 0), (0, 1), (0, 2), (0, 4), (0, 8), (0, 9),
                                         (1, 0), (1, 2), (2, 0), (2, 1), (3, 0), (3, 2)])
def test_drill_down_lists_exactly_the_cases_behind_a_figure(window, tab, column):
    model = window.views[tab].model()
    nonzero = 0
    for row in range(model.rowCount()):
        index = model.index(row, LABEL_COLUMNS + column)
        window.drill(index)
        dialog = window.drill_dialog
        assert dialog is not None
        expected = int(index.data().split("\n")[0])
        assert len(dialog.case_numbers()) == expected == dialog.total
        assert len(set(dialog.case_numbers())) == expected
        nonzero += expected > 0
    assert nonzero, "at least one non-zero figure in the column"


def test_drilled_case_opens_through_the_opener(window, rctx):
    model = window.views[0].model()
    window.drill(model.index(model.rowCount() - 1, LABEL_COLUMNS))  # 合计 · 排查纠纷数
    dialog = window.drill_dialog
    opened: list[int] = []
    dialog.opener = opened.append
    dialog.open_row(2)
    assert opened == [dialog.rowid_at(2)]
    shown = dialog.proxy.index(2, 0).data()
    assert CaseRepository(rctx.read_db).get(opened[0]).case_no == shown


def test_labels_cells_do_not_drill(window):
    window.drill(window.views[0].model().index(0, 1))
    assert window.drill_dialog is None


def test_save_csv_pdf_and_xlsx(window, dialogs, tmp_path, report_db):
    report = statistics.build_report(report_db, period=MAY, scope=DISTRICT, as_of=window.as_of)
    dialogs.save_path = str(tmp_path / "may.csv")
    window.save_csv()
    text = (tmp_path / "may.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    total = next(r for r in rows if r["row_type"] == "total")
    assert int(total["disputes"]) == report.totals.disputes
    dialogs.save_path = str(tmp_path / "may.pdf")
    window.save_pdf()
    assert (tmp_path / "may.pdf").read_bytes().startswith(b"%PDF")
    dialogs.save_path = str(tmp_path / "may.xlsx")
    window.save_xlsx()
    book = read_xlsx_text((tmp_path / "may.xlsx").read_bytes())
    assert len(book) == 4
    first = next(iter(book.values()))
    assert first[-1][2] == str(report.totals.disputes)
    assert not any(p.name.endswith(".part") for p in tmp_path.iterdir())


def test_cancelled_save_writes_nothing(window, dialogs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative suggested name would land here
    dialogs.save_path = None
    asked = len(dialogs.calls)
    window.save_pdf()
    assert [c[0] for c in dialogs.calls[asked:]] == ["save_file"]  # asked, nothing else said
    assert dialogs.calls[asked][2].endswith(".pdf")
    assert list(tmp_path.iterdir()) == []


def _add_may_case(db, committee: str = "C005") -> None:  # 西镇's committee
    repo = CaseRepository(db)
    case = Case(case_id=new_case_id(), committee_code=committee, received_on=date(2024, 5, 30),
                dispute_type="02", source="1", status=CaseStatus.RESOLVED,
                accepted_on=date(2024, 5, 30), closed_on=date(2024, 5, 31),
                agreement_form=AgreementForm.ORAL)
    with db.atomic():
        repo.insert(case, repo.location_of(committee, None) or DISTRICT)


def test_submit_then_edit_shows_the_difference(window, report_db, dialogs):
    before = window.bundle.report.totals.disputes
    window.review()
    window.submit()
    state = window.bundle.submission
    assert state.submitted is not None and state.submitted.submitted_by == "tester"
    assert state.submitted.reviewed_by == "tester"
    assert dialogs.calls[-1][0] == "confirm"
    assert window.submission.banner.isHidden()
    _add_may_case(report_db)
    window.refresh()
    banner = window.submission.banner
    assert not banner.isHidden()
    lines = banner.text().splitlines()
    assert f"示例区（合计） · 排查纠纷数: {before} → {before + 1}" in lines[1]
    assert any(line.startswith("• 西镇 · 排查纠纷数: ") for line in lines)
    west = [d for d in window.bundle.submission.diffs
            if d.unit_code == WEST and d.figure == "disputes"]
    assert len(west) == 1 and west[0].current == west[0].submitted + 1
    assert window.headline.text().startswith(f"共排查矛盾纠纷{before + 1}件")
    window.submission.show_submitted.setChecked(True)  # reprint: the submitted figures
    assert window.headline.text().startswith(f"共排查矛盾纠纷{before}件")
    assert not window.mode.isHidden()
    assert window.views[0].model().index(0, LABEL_COLUMNS).data(
        __import__("mediator_app.ui.reports.models").ui.reports.models.DRILL_ROLE) is None


def test_declined_submission_stores_nothing(window, dialogs):
    window.review()
    dialogs.confirm_answer = False
    window.submit()
    assert window.bundle.submission.submitted is None


def test_completeness_lists_missing_units(window):
    window.set_scope(EAST)
    window.review()
    window.submit()
    window.set_scope(EMPTY)
    window.review()
    window.submit()
    window.set_scope(DISTRICT)
    states = window.submission.unit_states()
    assert states[EAST] == "已上报"
    assert states[EMPTY] == "已上报（零报告）"
    assert states[WEST] == "未上报"
    assert states["C003"] == "未上报"
    assert "2/4" in window.submission.summary.text()


def test_submit_waits_for_a_review_of_the_same_figures(window, report_db):
    button = window.submission.submit_button
    assert not button.isEnabled() and "还没有审核" in button.toolTip()
    window.review()
    assert button.isEnabled() and button.toolTip() == ""
    _add_may_case(report_db)  # the figures change after the review
    window.refresh()
    assert not button.isEnabled() and "审核（第1版）之后有变化" in button.toolTip()
    window.review()
    assert button.isEnabled()
    window.submit()
    sub = window.bundle.submission.submitted
    assert sub is not None and (sub.version, sub.reviewed_by) == (3, "tester")
    assert not button.isEnabled() and "第3版已经上报" in button.toolTip()


def test_summary_and_table_follow_review_and_submit(window):
    panel = window.submission

    def own_and_counts() -> tuple[str, str]:
        own, counts = panel.summary.text().split(". ", 1)
        return own, counts

    assert own_and_counts()[0].endswith("未上报")
    window.review()
    assert own_and_counts()[0].endswith("已审核未上报")
    window.submit()
    own, counts = own_and_counts()
    assert own.endswith("已上报") and panel.unit_states()[DISTRICT] == "已上报"
    assert counts == "Units below: submitted 0/4 (zero reports 0), reviewed only 0, " \
                     "not submitted 4"
    assert window.status.text() == "The month was submitted."


def test_submission_needs_a_month(window):
    window.set_period(parse_period("2024-Q2"))
    assert not window.submission.submit_button.isEnabled()
    assert "2024-Q2" in window.submission.status.text()


def test_print_renders_the_sheet(window, tmp_path):
    html = window.print_html()
    assert window.headline.text() in html and "合计" in html
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    window.print_to(printer)
    data = (tmp_path / "printed.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000


def test_period_and_scope_pickers(rctx, qtbot):
    w = ReportsWindow(rctx, None, today=date(2024, 3, 15))
    qtbot.addWidget(w)
    assert w.period() == month_period(2024, 2)  # default: last month
    assert w.bundle.report.scope.code == DISTRICT
    w.period_picker.kind.setCurrentIndex(1)
    assert w.period().kind == "quarter" and w.period().start == date(2024, 1, 1)
    w.scope_picker.lineEdit().clear()
    qtbot.keyClicks(w.scope_picker.lineEdit(), WEST)
    assert w.scope_picker.scope() == WEST
    w.refresh()
    assert w.bundle.report.scope.code == WEST


def test_snapshot_round_trip_prints_the_same_sheet(report_db):
    report = statistics.build_report(report_db, period=MAY, scope=DISTRICT,
                                     as_of=date(2024, 6, 3))
    again = report_from_dict(statistics.report_to_dict(report))
    assert build_sheet(again, today=date(2024, 6, 3)) == build_sheet(report,
                                                                     today=date(2024, 6, 3))
    changed = dataclasses.replace(report, totals=dataclasses.replace(report.totals, disputes=0))
    assert build_sheet(report_from_dict(statistics.report_to_dict(changed))) != build_sheet(
        report)


# ---- the case-documents menu ---------------------------------------------------------------

def test_documents_menu_saves_and_opens_pdfs(rctx, dialogs, tmp_path, qtbot):
    from PySide6.QtWidgets import QWidget

    from mediator_app.storage.audit_repo import AuditRepository
    from mediator_app.ui.reports.documents_menu import build_documents_menu

    rowid = CaseRepository(rctx.read_db).rowid_for(
        rctx.read_db.execute("SELECT case_id FROM cases WHERE deleted = 0 LIMIT 1").fetchone()[0])
    owner = QWidget()
    qtbot.addWidget(owner)
    current: list[int | None] = [None]
    opened: list[str] = []
    menu = build_documents_menu(rctx, lambda: current[0], owner, opener=opened.append)
    menu.update_kinds()
    assert menu.enabled_kinds() == []  # a case not saved yet has no documents
    current[0] = rowid
    menu.update_kinds()
    enabled = menu.enabled_kinds()
    assert {"register", "file_cover", "all"} <= set(enabled)
    assert "agreement" not in enabled  # the test cases have no agreement records
    dialogs.save_path = str(tmp_path / "register.pdf")
    menu.actions_by[("register", "save")].trigger()
    assert (tmp_path / "register.pdf").read_bytes().startswith(b"%PDF")
    menu.actions_by[("all", "open")].trigger()
    assert len(opened) == 1 and Path(opened[0]).read_bytes().startswith(b"%PDF")
    # issue 8 item 5: the PDF for the viewer (names, ID numbers) is owner-only in the
    # user's profile, not in the shared temp folder, and wiped at the next start
    from mediator_app.storage import files

    shown = Path(opened[0])
    assert files.data_folder() / files.VIEWING in shown.parents
    if os.name == "posix":
        assert stat.S_IMODE(shown.stat().st_mode) == 0o600
        assert stat.S_IMODE(shown.parent.parent.stat().st_mode) == 0o700
    assert files.wipe_viewing_folder() >= 1 and not shown.exists()
    case_id = CaseRepository(rctx.read_db).get(rowid).case_id
    printed = [e for e in AuditRepository(rctx.read_db).history("case", case_id)
               if e.action == "print"]
    assert len(printed) == 2
    menu.actions_by[("agreement", "save")].trigger()  # refused with a plain reason
    assert dialogs.calls[-1][0] == "error" and "协议" in dialogs.calls[-1][2]


def test_drilled_case_opens_the_case_form(window, rctx, tmp_path):
    from mediator_app.ui.reports.drill import open_case_form

    rctx.extra["drafts_dir"] = str(tmp_path)
    rowid = window.bundle and CaseRepository(rctx.read_db).rowid_for(
        rctx.read_db.execute("SELECT case_id FROM cases LIMIT 1").fetchone()[0])
    form = open_case_form(rctx, rowid, None)
    assert form is not None and form.rowid == rowid
    form.close()


def test_builds_on_the_worker_thread(tmp_path, dialogs, qtbot):
    from mediator_app.storage.db import open_database
    from mediator_app.ui.tasks import ThreadedRunner

    path = str(tmp_path / "threaded.db")
    opened = open_database(path)
    build_report_db(opened.db)
    opened.close()
    runner = ThreadedRunner(path)
    read = open_database(path, readonly=True, check_same_thread=False)
    ctx = AppContext(runner=runner, read_db=read.db, dialogs=dialogs, lang="zh")
    try:
        w = ReportsWindow(ctx, DISTRICT)
        qtbot.addWidget(w)
        w.set_period(MAY)
        qtbot.waitUntil(lambda: w.bundle is not None and w.bundle.report.period == MAY,
                        timeout=10000)
        assert w.headline.text().startswith("共排查矛盾纠纷")
        model = w.views[0].model()
        w.drill(model.index(model.rowCount() - 1, LABEL_COLUMNS))
        qtbot.waitUntil(lambda: w.drill_dialog is not None, timeout=10000)
        assert w.drill_dialog.total == w.bundle.report.totals.disputes
    finally:
        runner.shutdown()
        read.close()


def test_documents_menu_speaks_chinese(rctx, qtbot, qapp):
    """The menu's texts reach the catalogue (literal translate calls lupdate can see)."""
    from PySide6.QtWidgets import QWidget

    from mediator_app.ui.i18n import install_translators
    from mediator_app.ui.reports.documents_menu import build_documents_menu

    translators = install_translators(qapp, "zh")
    try:
        owner = QWidget()
        qtbot.addWidget(owner)
        menu = build_documents_menu(rctx, lambda: None, owner)
        titles = [sub.title() for sub in menu.kind_menus.values()]
        actions = {a.text() for a in menu.actions_by.values()}
    finally:
        for t in translators:
            qapp.removeTranslator(t)
    assert menu.title() == "文书"
    assert titles == ["受理登记表", "调解协议书", "口头协议登记表", "回访记录",
                      "卷宗封面及卷内目录", "卷宗（全部文书）"]
    assert actions == {"另存为 PDF…", "打开预览/打印"}


# ---- dialogs: owner window, start folder --------------------------------------------------

def test_dialogs_belong_to_the_active_window(rctx, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

    from mediator_app.ui import dialogs as dialogs_mod

    main, reports = QMainWindow(), ReportsWindow(rctx, DISTRICT)
    for w in (main, reports):
        qtbot.addWidget(w)
        w.show()
    service = dialogs_mod.QtDialogService(main)
    active: list[object] = [None]
    monkeypatch.setattr(dialogs_mod.QApplication, "activeWindow", lambda: active[0])
    shown: list[object] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, *_a: shown.append(parent))
    service.info("t", "x")  # no active window: the main window
    active[0] = reports
    service.info("t", "x")
    popup = QMenu(reports)  # a menu of the reports window counts as that window
    popup.show()
    active[0] = popup
    service.info("t", "x")
    assert shown == [main, reports, reports]


def test_file_dialogs_start_in_documents_then_the_last_folder(tmp_path, monkeypatch, qapp):
    from PySide6.QtWidgets import QFileDialog

    from mediator_app.ui import dialogs as dialogs_mod

    docs = tmp_path / "home" / "文档"
    (tmp_path / "cfg").mkdir()
    docs.mkdir(parents=True)
    (tmp_path / "cfg" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/文档"\n',
                                                     encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    asked: list[str] = []
    chosen = tmp_path / "out" / "report.pdf"
    chosen.parent.mkdir()

    def fake_save(_parent, _title, directory, _filter):
        asked.append(directory)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda _p, _t, directory, _f: (asked.append(directory), ([], ""))[1])
    service = dialogs_mod.QtDialogService()
    assert service.save_file("t", "报表.pdf", "*.pdf") == str(chosen)
    assert asked[0] == str(docs / "报表.pdf")  # Documents, not the working directory
    service.save_file("t", "again.pdf", "*.pdf")
    service.open_files("t", "*.csv")
    assert asked[1:] == [str(chosen.parent / "again.pdf"), str(chosen.parent)]


def test_reports_action_brings_back_the_open_window(rctx, qtbot):
    from mediator_app.ui.app import build_main_window

    main = build_main_window(rctx)
    qtbot.addWidget(main)
    main.open_reports()
    first = main.reports_window()
    assert first is not None
    first.set_period(MAY)
    first.set_scope(WEST)
    first.showMinimized()
    main.open_reports()
    assert main.reports_window() is first and not first.isMinimized()
    assert (first.period(), first.scope_picker.scope()) == (MAY, WEST)
    assert sum(w.objectName() == "reportsWindow" for w in main.windows) == 1
    first.close()  # closed (deleted): the next time opens a fresh window
    qtbot.waitUntil(lambda: main.reports_window() is None)
    main.open_reports()
    assert main.reports_window() is not None and main.reports_window() is not first
    main.reports_window().close()


def test_window_fits_a_small_screen_at_the_largest_text_size(rctx, qtbot, qapp):
    from PySide6.QtGui import QFont

    from mediator_app.ui import prefs

    base = QFont(qapp.font())
    prefs.apply_text_scale(qapp, max(prefs.TEXT_SCALES))
    try:
        w = ReportsWindow(rctx, DISTRICT)
        qtbot.addWidget(w)
        w.set_period(MAY)
        w.status.setText("已保存 /home/user/Documents/" + "report_" * 40 + ".pdf")
        w.mode.setText("当前显示上报数据：第2版。" * 6)
        w.mode.show()
        assert w.minimumSizeHint().width() <= 1100  # was 1,300–1,600 px: off a laptop
    finally:
        qapp.setFont(base)


# ---- review fixes: the 上报 confirmation, default file names ---------------------------

@pytest.fixture
def zh_ui(qapp):
    from mediator_app.ui.i18n import install_translators

    translators = install_translators(qapp, "zh")
    yield
    for t in translators:
        qapp.removeTranslator(t)


def _last_confirm(dialogs) -> str:
    return [c for c in dialogs.calls if c[0] == "confirm"][-1][2]


def test_submit_confirmation_names_the_units_not_submitted(window, dialogs, zh_ui):
    window.set_scope(EAST)
    window.review()
    window.submit()
    assert _last_confirm(dialogs) == (
        "下级单位中有 3 个尚未上报：东村、东社区、东街道人民调解委员会。\n\n"
        "仍要上报东街道2024年5月的数字吗？")
    window.set_scope(DISTRICT)
    window.review()
    window.submit()
    text = _last_confirm(dialogs)
    assert text.startswith("下级单位中有 3 个尚未上报：西镇、南岭街道、示例区人民调解委员会。")
    assert "东街道" not in text
    assert text.endswith("仍要上报示例区2024年5月的数字吗？")
    assert window.bundle.submission.submitted is not None  # still allowed


def test_submit_confirmation_lists_at_most_five_names(window):
    from mediator_app.services.statistics.submissions import (
        STATE_MISSING,
        STATE_REVIEWED,
        UnitStatus,
    )

    panel = window.submission
    units = [UnitStatus("0", "报表区", "区", STATE_MISSING, is_parent=True)]
    units += [UnitStatus(str(i), f"U{i}", "街道", STATE_REVIEWED if i % 2 else STATE_MISSING)
              for i in range(1, 9)]
    text = panel.confirm_text("报表区", "2024年5月", units)
    assert text.startswith("8 units below have not submitted yet: U1、U2、U3、U4、U5 and 3 more.")
    assert "U6" not in text and text.endswith("Submit the figures of 报表区 for 2024年5月 anyway?")
    assert panel.confirm_text("报表区", "2024年5月", units[:1]) == \
        "Submit the figures of 报表区 for 2024年5月?"


def test_default_file_names_are_chinese(window, dialogs, zh_ui):
    dialogs.save_path = None
    window.save_pdf()
    window.save_district_pdf()
    window.save_csv()
    window.save_xlsx()
    window.review()
    window.submit()
    window.submission.show_submitted.setChecked(True)  # reprint: the submitted figures
    window.save_pdf()
    window.save_district_pdf()  # built from the live data: not marked 已上报
    window.set_period(parse_period("2024-03-01..2024-05-31"))
    window.save_pdf()
    suggested = [c[2] for c in dialogs.calls if c[0] == "save_file"]
    assert suggested == ["示例区_2024年5月_统计表.pdf", "示例区_2024年5月_情况报告.pdf",
                         "示例区_2024年5月_统计表.csv", "示例区_2024年5月_统计表.xlsx",
                         "示例区_2024年5月_统计表_已上报.pdf", "示例区_2024年5月_情况报告.pdf",
                         "示例区_2024-03-01至2024-05-31_统计表.pdf"]


def test_file_names_are_safe_for_windows():
    from mediator_app.domain.file_names import default_file_name, safe_file_name

    assert safe_file_name('A/B\\C:D*E?"<>|F. ') == "A_B_C_D_E_F"
    assert safe_file_name(" . ") == "_"
    assert default_file_name("东湖 街道", MAY, ["统计表", "已上报"], "pdf", "zh") == \
        "东湖街道_2024年5月_统计表_已上报.pdf"
    assert default_file_name("East", parse_period("2024-01-01..2024-02-29"), ["sheet"],
                             "csv", "en") == "East_2024-01-01_to_2024-02-29_sheet.csv"
