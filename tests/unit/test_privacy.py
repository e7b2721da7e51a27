"""Views and exports of parties' personal data are written to the audit log."""

from __future__ import annotations

import zipfile
from datetime import date

from mediator_app.domain.model import Case, Party, new_case_id
from mediator_app.services.exchange.package_export import export_package
from mediator_app.services.trust.privacy import (
    EXPORT,
    VIEW,
    personal_data_log,
    record_case_view,
)
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_memory
from tests.fixtures.district import COMMITTEE_STREET, STREET_A, build_mini_district


def _db():  # noqa: ANN202
    db = open_memory()
    build_mini_district(db)
    repo = CaseRepository(db)
    ids = []
    for parties in ((Party("张三", id_number="11010519491231002X"),), (Party("李四"),)):
        case = Case(case_id=new_case_id(), committee_code=COMMITTEE_STREET,
                    received_on=date(2024, 1, 5), dispute_type="02", source="1",
                    parties=parties)
        ids.append(repo.insert(case, STREET_A))
    return db, ids


def test_viewing_a_case_with_personal_data_is_logged() -> None:
    db, (with_id, without) = _db()
    assert record_case_view(db, with_id, user="王调解员")
    assert not record_case_view(db, without, user="王调解员")  # nothing personal to see
    [entry] = personal_data_log(db)
    assert (entry.user, entry.action) == ("王调解员", VIEW)
    assert entry.entity_key == CaseRepository(db).get(with_id).case_id


def test_export_with_personal_data_is_logged_and_plain_export_is_not(tmp_path) -> None:  # noqa: ANN001
    db, _ids = _db()
    export_package(db, tmp_path / "plain.zip")
    assert personal_data_log(db) == []
    export_package(db, tmp_path / "full.zip", with_personal_data=True)
    [entry] = personal_data_log(db)
    assert entry.action == EXPORT and entry.entity_key.endswith("full.zip")
    assert "parties.csv" in zipfile.ZipFile(tmp_path / "full.zip").namelist()


def test_cli_lists_the_personal_data_log(tmp_path, capsys) -> None:  # noqa: ANN001
    from mediator_app.cli.main import main
    from mediator_app.storage.db import open_database

    opened = open_database(tmp_path / "p.db")
    opened.close()
    db = open_database(tmp_path / "p.db").db
    build_mini_district(db)
    db.conn.commit()
    export_package(db, tmp_path / "full.zip", with_personal_data=True)
    db.close()
    assert main(["--db", str(tmp_path / "p.db"), "privacy-log"]) == 0
    out = capsys.readouterr().out
    assert "导出" in out and "full.zip" in out
    assert main(["--lang", "en", "--db", str(tmp_path / "p.db"), "privacy-log"]) == 0
    out = capsys.readouterr().out
    assert "\texported\t" in out and "导出" not in out
