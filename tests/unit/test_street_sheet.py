"""A street's printed sheet lists each village/community with its grids beneath it."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from mediator_app.domain.enums import AgreementForm, CaseStatus, CommitteeKind, OrgLevel
from mediator_app.domain.model import Case, Committee, OrgUnit, new_case_id
from mediator_app.reports.tables import ROW_SUB, ROW_UNIT
from mediator_app.services.statistics.report import Figures, build_report
from mediator_app.services.statistics.sheet import build_sheet, pdf_bytes
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_memory
from mediator_app.storage.org_repo import OrgRepository

S, V1, V2 = "610114001", "610114001001", "610114001002"
G11, G12, G21 = V1 + "001", V1 + "002", V2 + "001"
UNITS = [
    OrgUnit("610114", "示范区", OrgLevel.DISTRICT),
    OrgUnit(S, "东街道", OrgLevel.STREET, "610114"),
    OrgUnit(V1, "一村", OrgLevel.VILLAGE, S),
    OrgUnit(V2, "二社区", OrgLevel.COMMUNITY, S),
    OrgUnit(G11, "一村第一网格", OrgLevel.GRID, V1),
    OrgUnit(G12, "一村第二网格", OrgLevel.GRID, V1),
    OrgUnit(G21, "二社区第一网格", OrgLevel.GRID, V2),
]


def _db():  # noqa: ANN202
    db = open_memory()
    org = OrgRepository(db)
    org.upsert_units(UNITS)
    org.upsert_committee(Committee("C1", "一村调委会", "一村", CommitteeKind.VILLAGE, V1))
    org.upsert_committee(Committee("C2", "二社区调委会", "二社区", CommitteeKind.VILLAGE, V2))
    repo = CaseRepository(db)
    day = date(2025, 3, 3)
    placed = [("C1", G11), ("C1", G11), ("C1", G12), ("C1", None), ("C2", G21)]
    for committee, grid in placed:
        case = Case(case_id=new_case_id(), committee_code=committee, grid_code=grid,
                    received_on=day, accepted_on=day, closed_on=day,
                    status=CaseStatus.RESOLVED, agreement_form=AgreementForm.ORAL,
                    dispute_type="02", source="1")
        repo.insert(case, repo.location_of(committee, grid) or "")
    return db


def _disputes(figures: list[Figures]) -> int:
    return sum(f.disputes for f in figures)


def test_grids_and_own_cases_add_up_to_each_village() -> None:
    report = build_report(_db(), period="2025-03", scope=S, as_of=date(2025, 4, 1))
    by_code = {c.unit.code: c for c in report.children}
    grids = {g.unit.code: g.figures.disputes for g in report.grandchildren[V1]}
    assert grids == {G11: 2, G12: 1}
    assert report.child_direct[V1].disputes == 1  # the case without a grid
    assert by_code[V1].figures.disputes == _disputes(
        [g.figures for g in report.grandchildren[V1]]) + report.child_direct[V1].disputes
    assert [g.unit.code for g in report.grandchildren[V2]] == [G21]


def test_printed_street_sheet_has_grid_rows_under_their_village() -> None:
    report = build_report(_db(), period="2025-03", scope=S, as_of=date(2025, 4, 1))
    table = build_sheet(report, sub_rows=True).tables[0]
    names = [row[1] for row in table.rows]
    kinds = table.kinds
    first_village = names.index("一村")
    assert kinds[first_village] == ROW_UNIT
    assert names[first_village + 1].endswith("一村第一网格")
    assert kinds[first_village + 1] == ROW_SUB
    assert any("直属" in n for n in names[first_village + 1:names.index("二社区")])
    # the on-screen preview keeps one row per child
    preview = build_sheet(report).tables[0]
    assert ROW_SUB not in preview.kinds
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes(report))).pages)
    assert "一村第二网格" in text and "二社区第一网格" in text


def test_district_sheet_has_no_grid_rows() -> None:
    report = build_report(_db(), period="2025-03", scope="610114", as_of=date(2025, 4, 1))
    assert report.grandchildren == {}
    assert ROW_SUB not in build_sheet(report, sub_rows=True).tables[0].kinds
