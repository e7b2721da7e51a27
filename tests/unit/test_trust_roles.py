"""Issue 9, part 2: each role does what it should and is refused (exit 5, a message
naming what the role allows, nothing written) what it should not — through the CLI and
through the services the GUI calls."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from exchange_fixtures import case_row, write_cases
from trust_fixtures import (
    ADMIN,
    ADMIN_PW,
    ORG,
    as_user,
    cheap_kdf,  # noqa: F401 - autouse fixture
    file_state,
    init_ledger,
)

from mediator_app.cli.main import main
from mediator_app.domain.access import AccessDenied, Action, Principal, Role
from mediator_app.services import permissions, settings
from mediator_app.services.cases import edit as cases
from mediator_app.services.exchange import case_exchange
from mediator_app.services.trust import accounts, privacy
from mediator_app.storage import crypto
from mediator_app.storage.case_repo import CaseRepository
from tests.fixtures.district import FIXTURES

USERS = {  # name: (role, scope, extra args)
    "街管": ("管理员", "610114001", []),
    "区管": ("管理员", "610114", ["--personal-data"]),
    "王调解": ("调解员", "C001", []),
    "小查": ("查看", "610114001", []),
}
PW = "user-password-1"
CASES = str(FIXTURES / "cases.csv")


@pytest.fixture
def ledger(tmp_path, monkeypatch, capsys) -> Path:
    path = tmp_path / "ledger.db"
    init_ledger(path, monkeypatch, capsys)
    assert main(["--db", str(path), "cases", "import", CASES]) == 0
    for name, (role, scope, extra) in USERS.items():
        as_user(monkeypatch, ADMIN, ADMIN_PW, PW)
        assert main(["--db", str(path), "users", "add", name, "--role", role, "--scope", scope,
                     *extra]) == 0
    capsys.readouterr()
    return path


def _refused(path: Path, monkeypatch, capsys, user: str, args: list[str],
             allows: str = "该角色可以") -> str:
    as_user(monkeypatch, user, ADMIN_PW if user == ADMIN else PW, "new-password-9")
    before = file_state(path)
    keys_before = crypto.key_file_path(path).read_bytes()
    assert main(["--db", str(path), *args]) == 5, args
    err = capsys.readouterr().err
    assert allows in err, err
    assert file_state(path) == before, args  # nothing written
    assert crypto.key_file_path(path).read_bytes() == keys_before
    return err


def _ok(path: Path, monkeypatch, capsys, user: str, args: list[str]) -> str:
    as_user(monkeypatch, user, ADMIN_PW if user == ADMIN else PW, "new-password-9")
    assert main(["--db", str(path), *args]) == 0, (args, capsys.readouterr().err)
    return capsys.readouterr().out


def _report(scope: str) -> list[str]:
    return ["report", "--period", "2023", "--scope", scope, "--format", "json"]


def test_viewer_reports_for_its_scope_and_nothing_else(ledger, monkeypatch, capsys, tmp_path):
    assert '"610114001"' in _ok(ledger, monkeypatch, capsys, "小查", _report("610114001"))
    err = _refused(ledger, monkeypatch, capsys, "小查", _report("610114002"))
    assert "610114002" in err and "范围" in err
    _refused(ledger, monkeypatch, capsys, "小查", _report("610114"))  # the parent: outside
    out = tmp_path / "x.csv"
    for args in (["cases", "export", "--out", str(out)],
                 ["cases", "import", CASES],
                 ["org", "import", *ORG],
                 ["users", "add", "x", "--role", "查看"],
                 ["users", "list"],
                 ["backup", "--out", str(tmp_path / "b.db")],
                 ["audit"]):
        _refused(ledger, monkeypatch, capsys, "小查", args)
    assert not out.exists()


def test_mediator_reports_for_its_committee_and_may_not_import(ledger, monkeypatch, capsys):
    _ok(ledger, monkeypatch, capsys, "王调解", _report("C001"))
    _ok(ledger, monkeypatch, capsys, "王调解", _report("610114001001"))  # the committee's unit
    _refused(ledger, monkeypatch, capsys, "王调解", _report("610114001"))
    _refused(ledger, monkeypatch, capsys, "王调解", ["cases", "import", CASES])
    _refused(ledger, monkeypatch, capsys, "王调解", ["users", "passwd", "小查"])
    _ok(ledger, monkeypatch, capsys, "王调解", ["users", "passwd", "王调解"])  # own password


def test_street_admin_exports_only_its_scope(ledger, monkeypatch, capsys, tmp_path):
    out = tmp_path / "street.csv"
    _ok(ledger, monkeypatch, capsys, "街管", ["cases", "export", "--out", str(out)])
    text = out.read_text(encoding="utf-8-sig")
    assert text.count("\n") == 3  # header + the two cases under the street, not C003's
    assert "000000000003" not in text
    _refused(ledger, monkeypatch, capsys, "街管",
             ["cases", "export", "--out", str(tmp_path / "w.csv"), "--scope", "610114002"])
    _refused(ledger, monkeypatch, capsys, "街管",
             ["cases", "export", "--package", str(tmp_path / "p.zip"), "--with-personal-data"])
    assert not (tmp_path / "p.zip").exists()
    _refused(ledger, monkeypatch, capsys, "街管", ["org", "import", *ORG])
    _refused(ledger, monkeypatch, capsys, "街管", ["users", "disable", "小查"])


def test_street_admin_import_outside_its_scope_is_refused_whole(ledger, monkeypatch, capsys,
                                                                 tmp_path):
    inside = write_cases(tmp_path / "in.csv", [case_row(11, committee_code="C002", grid_code="")])
    _ok(ledger, monkeypatch, capsys, "街管", ["cases", "import", str(inside)])
    mixed = write_cases(tmp_path / "mixed.csv", [
        case_row(12, committee_code="C002", grid_code=""),
        case_row(13, committee_code="C003", grid_code="")])  # the district's committee
    _refused(ledger, monkeypatch, capsys, "街管", ["cases", "import", str(mixed)])


def test_granted_admin_exports_personal_data_and_it_is_audited(ledger, monkeypatch, capsys,
                                                               tmp_path):
    monkeypatch.setenv("MEDIATOR_APP_PACKAGE_PASSWORD", "package-pw-1")
    package = tmp_path / "p.zip"
    _ok(ledger, monkeypatch, capsys, "区管",
        ["cases", "export", "--package", str(package), "--with-personal-data"])
    assert package.exists()
    out = _ok(ledger, monkeypatch, capsys, ADMIN, ["audit", "--action", "export_personal"])
    assert "区管" in out and "p.zip" in out


def test_sysadmin_manages_users_and_role_changes_are_audited(ledger, monkeypatch, capsys):
    _ok(ledger, monkeypatch, capsys, ADMIN, ["users", "set", "小查", "--role", "管理员"])
    _ok(ledger, monkeypatch, capsys, ADMIN, ["users", "disable", "王调解"])
    listing = _ok(ledger, monkeypatch, capsys, ADMIN, ["users", "list"])
    assert "王调解\t调解员\tC001\t是\t停用" in listing
    as_user(monkeypatch, "王调解", PW)
    assert main(["--db", str(ledger), "check"]) == 4  # a leaver's password opens nothing
    audit = _ok(ledger, monkeypatch, capsys, ADMIN, ["audit"])
    assert "role_change\trole\t查看\t管理员" in audit
    assert "user_disable" in audit and "login_failed" in audit
    as_user(monkeypatch, ADMIN, ADMIN_PW)
    assert main(["--db", str(ledger), "users", "disable", ADMIN]) == 1  # the last sysadmin


# ---- the services the GUI calls --------------------------------------------------------


def _session(path: Path, user: str) -> accounts.Session:
    crypto._registry.clear()
    return accounts.open_ledger(path, user, ADMIN_PW if user == ADMIN else PW)


def test_services_refuse_by_role_and_scope(ledger):
    s = _session(ledger, "小查")
    try:
        case = CaseRepository(s.db).get(1)
        with pytest.raises(AccessDenied) as err:
            cases.save_case(s.db, dataclasses.replace(case, summary="改"))
        assert err.value.action is Action.EDIT_CASE
        with pytest.raises(AccessDenied):
            privacy.record_case_view(s.db, 1)
        with pytest.raises(AccessDenied):
            settings.save_settings(s.db, {})
        with pytest.raises(AccessDenied):  # the import history: files and counts
            case_exchange.list_imports(s.db)
        assert not permissions.sees_personal_data(s.db)
    finally:
        s.close()
    s = _session(ledger, "王调解")
    try:
        repo = CaseRepository(s.db)
        mine = next(c for c in (repo.get(i) for i in (1, 2, 3)) if c.committee_code == "C001")
        other = next(c for c in (repo.get(i) for i in (1, 2, 3)) if c.committee_code == "C003")
        cases.save_case(s.db, dataclasses.replace(mine, summary="邻里因排水沟发生争执（续）"),
                        today=date(2024, 1, 1))
        with pytest.raises(AccessDenied):
            cases.save_case(s.db, dataclasses.replace(other, summary="改"))
        with pytest.raises(AccessDenied):  # moving a case out of the scope
            cases.save_case(s.db, dataclasses.replace(mine, committee_code="C003",
                                                      grid_code=None))
        assert permissions.sees_personal_data(s.db)
    finally:
        s.close()


def test_a_scoped_user_is_never_bound_without_the_storage_guard(ledger):
    """Binding a user limited to one street inside an open transaction used to skip the
    scope guard silently (its TEMP triggers would roll back with the transaction); it
    is refused instead, and the connection keeps the user it had."""
    s = _session(ledger, ADMIN)
    try:
        street = Principal("街管", Role.ADMIN, scope="610114001")
        s.db.execute("BEGIN")
        with pytest.raises(RuntimeError, match="outside any transaction"):
            permissions.bind(s.db, street)
        assert permissions.principal_of(s.db).name == ADMIN  # unchanged
        s.db.execute("ROLLBACK")
        permissions.bind(s.db, street)  # outside a transaction: guarded
        case = next(c for c in (CaseRepository(s.db).get(i) for i in (1, 2, 3))
                    if c.committee_code == "C003")
        with pytest.raises(AccessDenied):
            cases.save_case(s.db, dataclasses.replace(case, summary="改"))
    finally:
        s.close()


def test_admin_sees_personal_data_only_when_granted():
    street = Principal("a", Role.ADMIN, "1")
    granted = Principal("b", Role.ADMIN, "1", personal_data=True)
    assert not street.may(Action.VIEW_PERSONAL) and not street.may(Action.EXPORT_PERSONAL)
    assert granted.may(Action.VIEW_PERSONAL) and granted.may(Action.EXPORT_PERSONAL)
    assert not Principal("c", Role.VIEWER).may(Action.EXPORT)
    assert Principal("d", Role.SYSADMIN, "1").may(Action.MANAGE_USERS)
    text = AccessDenied(street, Action.EXPORT_PERSONAL).text("en")
    assert "The role allows" in text and "personal data only when granted" in text


def test_an_encrypted_connection_without_a_login_is_refused_everything(ledger):
    s = _session(ledger, ADMIN)
    try:
        permissions.bind(s.db, None)
        with pytest.raises(AccessDenied):
            permissions.require(s.db, Action.REPORT)
    finally:
        s.close()


def test_a_scoped_admin_sees_audit_entries_of_cases_in_scope_only(ledger, monkeypatch, capsys):
    from mediator_app.services.trust import audit

    s = _session(ledger, ADMIN)
    try:
        repo = CaseRepository(s.db)
        for rowid in (1, 2, 3):
            case = repo.get(rowid)
            cases.save_case(s.db, dataclasses.replace(case, summary=case.summary + "。"),
                            today=date(2024, 1, 1))
        everything = {e.entity_key for e in audit.search(s.db, audit.AuditFilter())
                      if e.entity == "case"}
    finally:
        s.close()
    s = _session(ledger, "街管")
    try:
        mine = {e.entity_key for e in audit.search(s.db, audit.AuditFilter())
                if e.entity == "case"}
        assert any(e.entity == "account" for e in audit.search(s.db, audit.AuditFilter()))
    finally:
        s.close()
    assert mine and mine < everything
    assert all(not key.endswith("000000000003") for key in mine)  # C003: the district's


def test_privacy_log_is_part_of_the_audit_log(ledger, monkeypatch, capsys):
    """review2: ``privacy-log`` listed every view and export of personal data, across
    scopes, to any role (a 查看 user too); now it needs the audit right and is scoped."""
    from mediator_app.storage.audit_repo import AuditRepository

    s = _session(ledger, ADMIN)
    try:
        repo = CaseRepository(s.db)
        ids = [repo.get(rowid).case_id for rowid in (1, 2, 3)]
        with s.db.atomic():
            for case_id in ids:
                AuditRepository(s.db, ADMIN).record("case", case_id, privacy.VIEW)
        assert len(privacy.personal_data_log(s.db)) == 3
    finally:
        s.close()
    for user in ("小查", "王调解"):
        _refused(ledger, monkeypatch, capsys, user, ["privacy-log"])
    out = _ok(ledger, monkeypatch, capsys, "街管", ["privacy-log"])
    assert ids[0] in out and ids[1] in out and ids[2] not in out  # C003: the district's
    s = _session(ledger, "小查")
    try:
        with pytest.raises(AccessDenied):
            privacy.personal_data_log(s.db)
    finally:
        s.close()


def test_dashboard_counts_of_a_scoped_user_stay_in_its_scope(ledger):
    """review2: the overview's monthly and dispute-type counts came from the monthly
    counts table (issue 13), which knows nothing of users: a street administrator saw the
    whole ledger's figures, or any other unit's."""
    from mediator_app.storage import case_query as cq

    first, last = date(2023, 1, 1), date(2023, 12, 31)

    def totals(user: str) -> list[int]:
        s = _session(ledger, user)
        try:
            out = []
            for scope in (cq.Scope("all", ""), cq.Scope("org", "610114")):
                months = cq.monthly_by_status(s.db, scope, first, last)
                types = cq.type_breakdown(s.db, scope, first, last)
                assert sum(n for _, n in types) == sum(sum(m.values()) for m in months.values())
                out.append(sum(n for _, n in types))
            return out
        finally:
            s.close()

    assert totals(ADMIN) == [3, 3]
    assert totals("街管") == [2, 2]  # C001 and C002; C003 is the district's own
