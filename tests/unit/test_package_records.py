"""Agreements and follow-ups travel without personal data (issue 12 item 2), mediators'
phones stay home without it (issue 8 item 7), and format-1 packages still import."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, timedelta

import pytest

from mediator_app.services.demo.district import build_demo
from mediator_app.services.exchange.case_exchange import import_cases
from mediator_app.services.exchange.package_export import export_package
from mediator_app.services.statistics.dashboard import load_dashboard
from mediator_app.storage import case_query as cq
from mediator_app.storage.db import open_memory

TODAY = date(2024, 6, 30)
AGREEMENTS = ("SELECT c.case_id, a.form, a.agreement_no, a.signed_on, a.performance_deadline "
              "FROM agreements a JOIN cases c ON c.id = a.case_rowid ORDER BY 1")
FOLLOW_UPS = ("SELECT c.case_id, f.visited_on, f.agreement_no, f.performance, f.satisfaction "
              "FROM follow_ups f JOIN cases c ON c.id = f.case_rowid ORDER BY 1, 2, f.id")


@pytest.fixture(scope="module")
def street():
    db = open_memory()
    build_demo(db, cases=1500, seed=5, today=TODAY)
    return db


def _import(db, *paths):
    return import_cases(db, [str(p) for p in paths], today=TODAY)


def _lists(db, today: date) -> dict[str, object]:
    """What the dashboard lists, without the party names (personal data)."""
    data = load_dashboard(db, cq.Scope(), today)
    return {"followup_total": data.followup_total,
            "followups": [(d.case_no, d.day) for d in data.followups],
            "overdue_total": data.overdue_total,
            "overdue": [(d.case_no, d.day) for d in data.overdue]}


def _member(pkg, name: str) -> list[list[str]]:
    with zipfile.ZipFile(pkg) as zf:
        return list(csv.reader(io.StringIO(zf.read(name).decode("utf-8-sig"), newline="")))


def test_dashboard_lists_equal_after_a_package_without_personal_data(street, tmp_path):
    assert street.execute("SELECT count(*) FROM follow_ups").fetchone()[0] > 50
    assert street.execute("SELECT count(*) FROM agreements").fetchone()[0] > 50
    pkg = tmp_path / "street.zip"
    export_package(street, pkg)
    district = open_memory()
    _import(district, pkg)
    # a day on which follow-ups are due in the demo data, and today
    closed = street.execute("SELECT max(closed_on) FROM cases WHERE status = '调解成功'"
                            ).fetchone()[0]
    for day in (TODAY, date.fromisoformat(closed) + timedelta(days=3)):
        mine, theirs = _lists(street, day), _lists(district, day)
        assert theirs == mine
    assert _lists(district, TODAY)["followup_total"] > 0
    assert district.execute(AGREEMENTS).fetchall() == street.execute(AGREEMENTS).fetchall()
    assert district.execute(FOLLOW_UPS).fetchall() == street.execute(FOLLOW_UPS).fetchall()
    # the contents stayed home
    assert district.execute("SELECT count(*) FROM agreements WHERE facts <> '' OR terms <> '' "
                            "OR responsibilities <> ''").fetchone()[0] == 0
    assert district.execute("SELECT count(*) FROM follow_ups WHERE party_visited <> '' OR "
                            "visitor <> '' OR note <> '' OR remaining_risk <> ''"
                            ).fetchone()[0] == 0
    with zipfile.ZipFile(pkg) as zf:
        names = set(zf.namelist())
    assert {"agreement_stats.csv", "follow_up_stats.csv"} <= names
    assert not names & {"agreements.csv", "follow_ups.csv", "parties.csv"}
    assert _member(pkg, "agreement_stats.csv")[0] == [
        "case_id", "form", "agreement_no", "signed_on", "performance_deadline"]
    assert _member(pkg, "follow_up_stats.csv")[0] == [
        "case_id", "visited_on", "agreement_no", "performance", "satisfaction"]


def test_a_later_package_without_personal_data_keeps_the_contents(street, tmp_path):
    full, district = tmp_path / "full.zip", open_memory()
    export_package(street, full, with_personal_data=True)
    _import(district, full)
    contents = ("SELECT c.case_id, a.facts, a.terms FROM agreements a JOIN cases c "
                "ON c.id = a.case_rowid ORDER BY 1")
    notes = ("SELECT c.case_id, f.visited_on, f.party_visited, f.note FROM follow_ups f "
             "JOIN cases c ON c.id = f.case_rowid ORDER BY 1, 2, f.id")
    before_contents, before_notes = (district.execute(contents).fetchall(),
                                     district.execute(notes).fetchall())
    # the street records a new follow-up result on one case and changes a deadline
    sender = open_memory()
    _import(sender, full)
    case_rowid, case_id = sender.execute(
        "SELECT c.id, c.case_id FROM follow_ups f JOIN cases c ON c.id = f.case_rowid "
        "ORDER BY f.id LIMIT 1").fetchone()
    agreement_rowid = sender.execute("SELECT case_rowid FROM agreements ORDER BY 1 LIMIT 1"
                                     ).fetchone()[0]
    sender.execute("INSERT INTO follow_ups(case_rowid, visited_on, performance, satisfaction, "
                   "note) VALUES (?, '2024-06-29', '已履行', '满意', '私人备注')", [case_rowid])
    sender.execute("UPDATE agreements SET performance_deadline = '2024-12-31' "
                   "WHERE case_rowid = ?", [agreement_rowid])
    sender.execute("UPDATE cases SET updated_at = '2024-06-29T10:00:00+08:00' WHERE id IN "
                   "(?, ?)", [case_rowid, agreement_rowid])
    update = tmp_path / "update.zip"
    export_package(sender, update)
    _import(district, update)
    assert district.execute(AGREEMENTS).fetchall() == sender.execute(AGREEMENTS).fetchall()
    assert district.execute(FOLLOW_UPS).fetchall() == sender.execute(FOLLOW_UPS).fetchall()
    assert district.execute(contents).fetchall() == before_contents  # contents kept
    after = district.execute(notes).fetchall()
    assert [r for r in after if r[0] != case_id or r[1] != "2024-06-29"] == before_notes
    assert (case_id, "2024-06-29", "", "") in after  # the note did not travel


def test_people_phones_travel_only_with_personal_data(street, tmp_path):
    assert street.execute("SELECT count(*) FROM people WHERE phone <> ''").fetchone()[0] > 0
    plain, full = tmp_path / "plain.zip", tmp_path / "full.zip"
    export_package(street, plain)
    export_package(street, full, with_personal_data=True)
    rows = _member(plain, "people.csv")
    phone = rows[0].index("phone")
    assert len(rows) > 5 and all(r[phone] == "" for r in rows[1:])
    assert all(r[0] for r in rows[1:])  # names still travel: org import needs them
    assert any(r[phone] for r in _member(full, "people.csv")[1:])


def test_format_1_packages_still_import(street, tmp_path):
    pkg, old = tmp_path / "new.zip", tmp_path / "old.zip"
    export_package(street, pkg)
    with zipfile.ZipFile(pkg) as src, zipfile.ZipFile(old, "w") as dst:
        manifest = json.loads(src.read("manifest.json"))
        manifest["format_version"] = 1
        for name in ("agreement_stats.csv", "follow_up_stats.csv",
                     "case_files.csv", "case_mediators.csv"):  # the files of version 2
            del manifest["files"][name]
        dst.writestr("manifest.json", json.dumps(manifest))
        for name in manifest["files"]:
            dst.writestr(name, src.read(name))
    district = open_memory()
    result = _import(district, old)
    assert result.files[0].new == street.execute("SELECT count(*) FROM cases").fetchone()[0]
    assert district.execute("SELECT count(*) FROM agreements").fetchone()[0] == 0
