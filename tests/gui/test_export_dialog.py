"""The export dialog writes a package / cases.csv / cases.xlsx for a unit and a date range;
personal data only on request. Also: every exchange UI string has a Chinese translation."""

from __future__ import annotations

import ast
import csv
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from mediator_app.domain.messages import field_label
from mediator_app.storage.exchange_repo import EXPORT_HEADER
from mediator_app.ui.exchange import ExportDialog
from mediator_app.ui.exchange.export_dialog import FORMATS
from tests.gui.helpers_i18n import zh_translations
from tests.xlsx_read import read_xlsx_text

EAST = "610114001"
UNDER_EAST = ("SELECT count(*) FROM cases c JOIN org_closure oc ON oc.descendant = c.org_code "
              "WHERE oc.ancestor = ?")


@pytest.fixture
def dialog(ctx, qtbot):
    d = ExportDialog(ctx, scope_code=EAST)
    qtbot.addWidget(d)
    return d


def _choose(dialog: ExportDialog, fmt: str) -> None:
    dialog.format.setCurrentIndex(FORMATS.index(fmt))


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_csv_export_of_a_unit(dialog, dialogs, case_db, tmp_path):
    _choose(dialog, "csv")
    target = tmp_path / "east.csv"
    dialogs.save_path = str(target)
    dialog.export_button.click()
    assert dialogs.calls[-1][0] == "save_file"
    assert dialogs.calls[-1][2].startswith(f"cases-{EAST}-") and dialogs.calls[-1][2].endswith(
        ".csv")
    rows = _csv_rows(target)
    expected = case_db.execute(UNDER_EAST, [EAST]).fetchone()[0]
    total = case_db.execute("SELECT count(*) FROM cases").fetchone()[0]
    assert rows[0] == list(EXPORT_HEADER)
    assert len(rows) - 1 == expected and 0 < expected < total
    assert str(target) in dialog.result_label.text() and str(expected) in dialog.result_label.text()
    assert dialog.open_folder.isVisibleTo(dialog)
    assert not dialog.personal.isEnabled() and not dialog.personal.isChecked()


@pytest.mark.parametrize("fmt", ["package", "csv", "xlsx"])
def test_a_typed_name_without_extension_gets_the_formats(dialog, tmp_path, fmt):
    """A name typed into the field (not chosen in the file dialog) without .zip/.csv/.xlsx
    would make a file Windows cannot open: the format's extension is added."""
    _choose(dialog, fmt)
    dialog.path.setText(str(tmp_path / "东街道"))
    dialog.export_button.click()
    suffix = {"package": ".zip", "csv": ".csv", "xlsx": ".xlsx"}[fmt]
    assert (tmp_path / f"东街道{suffix}").is_file()
    assert not (tmp_path / "东街道").exists()
    assert dialog.path.text() == str(tmp_path / f"东街道{suffix}")


def test_date_range_limits_the_export(dialog, dialogs, case_db, tmp_path):
    _choose(dialog, "csv")
    dialog.scope.set_key("")
    dialog.use_dates.setChecked(True)
    first, last = date(date.today().year - 1, 7, 1), date(date.today().year - 1, 12, 31)
    dialog.date_from.setDate(QDate(first.year, first.month, first.day))
    dialog.date_to.setDate(QDate(last.year, last.month, last.day))
    target = tmp_path / "range.csv"
    dialog.path.setText(str(target))
    dialog.export()
    rows = _csv_rows(target)[1:]
    expected = case_db.execute("SELECT count(*) FROM cases WHERE received_on BETWEEN ? AND ?",
                               [first.isoformat(), last.isoformat()]).fetchone()[0]
    assert len(rows) == expected > 0
    received = EXPORT_HEADER.index("received_on")
    assert all(first.isoformat() <= r[received] <= last.isoformat() for r in rows)


def test_xlsx_export_has_labels_and_the_same_rows(dialog, dialogs, tmp_path):
    _choose(dialog, "csv")
    dialog.path.setText(str(tmp_path / "same.csv"))
    dialog.export()
    _choose(dialog, "xlsx")
    assert dialog.path.text().endswith("same.xlsx")  # the suffix follows the format
    dialog.export()
    sheet = read_xlsx_text((tmp_path / "same.xlsx").read_bytes())["cases"]
    assert sheet[0] == [field_label(k, "zh") for k in EXPORT_HEADER]
    assert sheet[1:] == _csv_rows(tmp_path / "same.csv")[1:]
    assert not list(tmp_path.glob("*.part")) and len(list(tmp_path.iterdir())) == 2


def test_unknown_unit_is_refused(dialog, dialogs, tmp_path):
    _choose(dialog, "csv")
    dialog.scope.setEditText("没有这个单位")
    dialogs.save_path = str(tmp_path / "x.csv")
    dialog.export()
    assert "没有这个单位" in dialog.result_label.text()
    assert not (tmp_path / "x.csv").exists()
    assert not [c for c in dialogs.calls if c[0] == "save_file"]


def test_package_without_personal_data_by_default(dialog, dialogs, case_db, tmp_path):
    _choose(dialog, "package")
    assert dialog.personal.isEnabled() and not dialog.personal.isChecked()
    assert "15" in dialog.warning.text()
    target = tmp_path / "east.zip"
    dialog.path.setText(str(target))
    dialog.export()
    assert zipfile.is_zipfile(target), dialog.result_label.text()
    names = zipfile.ZipFile(target).namelist()
    assert any(n.endswith(".csv") for n in names)
    assert not [c for c in dialogs.calls if c[0] == "confirm"]
    assert str(target) in dialog.result_label.text()


def test_personal_data_needs_confirmation(dialog, dialogs, tmp_path):
    _choose(dialog, "package")
    dialog.personal.setChecked(True)
    assert "15" in dialog.warning.text()
    dialogs.confirm_answer = False
    target = tmp_path / "with-people.zip"
    dialog.path.setText(str(target))
    dialog.export()
    assert dialogs.calls[-1][0] == "confirm" and not target.exists()
    dialogs.confirm_answer = True
    dialog.export()
    assert zipfile.is_zipfile(target)
    _choose(dialog, "csv")
    assert not dialog.personal.isChecked()


# ---- translations ---------------------------------------------------------------------

UI = Path(__file__).resolve().parents[2] / "mediator_app" / "ui" / "exchange"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def _tr_strings() -> set[str]:
    found = set()
    for path in UI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "tr" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    return found


def test_every_exchange_string_has_chinese():
    zh = zh_translations()
    strings = _tr_strings()
    assert len(strings) > 50
    assert sorted(strings - zh.keys()) == []
    bad = [s for s in strings if sorted(PLACEHOLDER.findall(s))
           != sorted(PLACEHOLDER.findall(zh[s]))]
    assert bad == []


def test_the_dialog_says_what_travels_and_what_stays(dialog):
    """Issue 8 item 7 and issue 12 item 2: before exporting, the user reads exactly
    what goes into the file and what stays in this ledger."""
    _choose(dialog, "package")
    dialog.personal.setChecked(False)
    text = dialog.contents.text()
    travels, stays = text.split("<br>")
    assert "agreements without their contents" in travels
    assert "follow-ups without their contents" in travels
    assert "mediators' phones" not in travels.replace("&#x27;", "'")
    assert "mediators&#x27; phones" in stays and "ID numbers" in stays
    assert "notes of follow-ups" in stays
    dialog.personal.setChecked(True)
    travels, stays = dialog.contents.text().split("<br>")
    assert "ID numbers" in travels and "mediators&#x27; phones" in travels
    assert "ID numbers" not in stays
    for fmt in ("csv", "xlsx"):
        _choose(dialog, fmt)
        travels, stays = dialog.contents.text().split("<br>")
        assert "summary" in travels and "agreements" not in travels
        assert "agreements, follow-ups" in stays


def test_every_what_travels_text_is_translated(dialog):
    zh = zh_translations()
    source = Path(__file__).resolve().parents[2] / "mediator_app/ui/exchange/export_dialog.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "tr":
            arg = node.args[0]
            if isinstance(arg, ast.Constant):
                texts.append(arg.value)
    assert any("Stays in this ledger" in t for t in texts)
    assert [t for t in texts if t not in zh] == []
