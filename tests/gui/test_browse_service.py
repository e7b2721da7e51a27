"""The screens' reads through services (issue 11): the case list's rows, the overview's
lists of due cases and the cases behind a report figure, each within the user's role and
scope (issue 9), and the list's overdue colour following the overdue filter's rule."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from conftest import EAST, UNITS, WEST, build_db

from mediator_app.domain.access import AccessDenied
from mediator_app.domain.case_filter import CaseFilter, Scope, is_overdue
from mediator_app.services.cases import browse
from mediator_app.services.organisation import lookups
from mediator_app.services.statistics.dashboard import load_dashboard
from mediator_app.services.trust import accounts
from mediator_app.storage import case_query as cq
from mediator_app.storage import crypto

ADMIN, PW = "张管理", "admin-secret-1"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    monkeypatch.setattr(crypto, "KDF_N", 2**10)
    yield
    crypto._registry.clear()


@pytest.fixture
def ledger(tmp_path) -> Path:
    path = tmp_path / "ledger.db"
    accounts.create_ledger(path, ADMIN, PW)
    s = accounts.open_ledger(path, ADMIN, PW)
    try:
        build_db(s.db, n_cases=40)
        accounts.add_user(s.db, path, "小查", "查看", UNITS[1].code, "viewer-pw-1")
        accounts.add_user(s.db, path, "街管", "管理员", UNITS[1].code, "street-pw-1")
    finally:
        s.close()
    crypto._registry.clear()
    return path


@pytest.fixture
def session(ledger):
    opened: list[accounts.Session] = []

    def open_as(user: str, password: str) -> accounts.Session:
        opened.append(accounts.open_ledger(ledger, user, password))
        return opened[-1]

    yield open_as
    for s in opened:
        s.close()


def test_the_overviews_due_cases_hide_party_names_from_a_viewer(session):
    """查看 sees no names in the case list; the overview's list of overdue cases showed
    them in full."""
    later = date(date.today().year + 3, 1, 1)  # every case in mediation is overdue by then
    full = {c.id: c.party_names for c in
            load_dashboard(session(ADMIN, PW).db, Scope(), later).overdue}
    seen = load_dashboard(session("小查", "viewer-pw-1").db, Scope(), later).overdue
    assert seen and {c.id for c in seen} <= set(full)
    for case in seen:
        real = full[case.id]
        assert case.party_names != real and "*" in case.party_names
        assert case.party_names[:1] == real[:1]


def test_the_overviews_due_cases_keep_names_for_roles_that_see_them(session):
    later = date(date.today().year + 3, 1, 1)
    admin = load_dashboard(session(ADMIN, PW).db, Scope(), later).overdue
    street = load_dashboard(session("街管", "street-pw-1").db, Scope(), later).overdue
    names = {c.id: c.party_names for c in admin}
    assert street and all(c.party_names == names[c.id] for c in street)


def test_list_rows_never_carry_full_id_numbers_or_phones(session):
    db = session(ADMIN, PW).db  # 系统管理员: sees personal data in the form, not in the list
    rows = browse.fetch_rows(db, browse.case_ids(db, CaseFilter()))
    raw = cq.fetch_rows(db, list(rows))
    with_id = [i for i in rows if raw[i].id_number]
    with_phone = [i for i in rows if raw[i].phone]
    assert with_id and with_phone
    for i in with_id:
        assert rows[i].id_number != raw[i].id_number and "*" in rows[i].id_number
    for i in with_phone:
        assert rows[i].phone != raw[i].phone and "*" in rows[i].phone
    assert all(rows[i].party_names == raw[i].party_names for i in rows)


def test_a_viewer_lists_party_names_masked(session):
    db = session("小查", "viewer-pw-1").db
    rows = browse.fetch_rows(db, browse.case_ids(db, CaseFilter()))
    raw = cq.fetch_rows(db, list(rows))
    assert rows and all(rows[i].party_names != raw[i].party_names for i in rows)


def test_cases_behind_a_figure_stay_within_the_users_scope(session):
    db = session("街管", "street-pw-1").db
    today = date.today()
    first = date(today.year - 2, 1, 1)
    count, lines = lookups.cases_behind(db, "org", EAST, first, today, today, "disputes",
                                        limit=1000)
    assert count == len(lines) > 0
    with pytest.raises(AccessDenied):  # the street next door
        lookups.cases_behind(db, "org", WEST, first, today, today, "disputes", limit=1000)


def test_the_overdue_colour_follows_the_overdue_filter(session):
    """The list colours a status red by ``domain.is_overdue``; the 超期 filter counts by
    the SQL of ``storage.case_query``: both say the same for every case."""
    db = session(ADMIN, PW).db
    today = date.today()
    every = browse.fetch_rows(db, browse.case_ids(db, CaseFilter()))
    waited = sorted({(today - date.fromisoformat(r.accepted_on)).days for r in every.values()
                     if r.status == "调解中" and r.accepted_on})
    assert waited
    split = False  # some limit leaves cases on both sides
    for days in (0, 30, *waited):  # exactly on the limit too: not overdue yet
        f = CaseFilter(today=today.isoformat(), overdue_days=days)
        rows = browse.fetch_rows(db, browse.case_ids(db, f))
        coloured = {i for i, r in rows.items()
                    if is_overdue(r.status, r.accepted_on, today, days)}
        filtered = set(browse.case_ids(db, dataclasses.replace(f, overdue=True)))
        assert coloured == filtered
        assert browse.view_counts(db, f).overdue == len(filtered)
        split = split or bool(coloured and coloured != set(rows))
    assert split
