"""A street's printed sheet lists each village/community with its grids beneath it."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from mediator_app.domain.enums import AgreementForm, CaseStatus
from mediator_app.domain.model import Case, new_case_id
from mediator_app.reports.tables import ROW_SUB, ROW_UNIT
from mediator_app.services.statistics.report import SheetCounts, build_report
from mediator_app.services.statistics.sheet import build_sheet, pdf_bytes
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_memory
from tests.fixtures import district

# the shared district's first street: 东村 with two grids, 东社区 with one (and its
# committee added)
S, V1, V2 = district.STREET_A, district.VILLAGE_A, district.COMMUNITY_A
G11, G12, G21 = district.GRID_A1, district.GRID_A2, district.GRID_C1
C1, C2 = district.COMMITTEE_VILLAGE, district.COMMUNITY_COMMITTEE.code


def _db():  # noqa: ANN202
    db = open_memory()
    district.build_mini_district(db, extra_committees=[district.COMMUNITY_COMMITTEE])
    repo = CaseRepository(db)
    day = date(2025, 3, 3)
    placed = [(C1, G11), (C1, G11), (C1, G12), (C1, None), (C2, G21)]
    for committee, grid in placed:
        case = Case(case_id=new_case_id(), committee_code=committee, grid_code=grid,
                    received_on=day, accepted_on=day, closed_on=day,
                    status=CaseStatus.RESOLVED, agreement_form=AgreementForm.ORAL,
                    dispute_type="02", source="1")
        repo.insert(case, repo.location_of(committee, grid) or "")
    return db


def _disputes(figures: list[SheetCounts]) -> int:
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
    first_village = names.index("东村")
    assert kinds[first_village] == ROW_UNIT
    assert names[first_village + 1].endswith("东村一网格")
    assert kinds[first_village + 1] == ROW_SUB
    assert any("直属" in n for n in names[first_village + 1:names.index("东社区")])
    # the on-screen preview keeps one row per child
    preview = build_sheet(report).tables[0]
    assert ROW_SUB not in preview.kinds
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes(report))).pages)
    assert "东村二网格" in text and "东社区一网格" in text


def test_district_sheet_has_no_grid_rows() -> None:
    report = build_report(_db(), period="2025-03", scope=district.DISTRICT, as_of=date(2025, 4, 1))
    assert report.grandchildren == {}
    assert ROW_SUB not in build_sheet(report, sub_rows=True).tables[0].kinds
