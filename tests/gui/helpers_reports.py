"""A small statistics database for the reports window and the drill-down tests (no Qt
here, so the unit tests use it too): the shared mini district with a street without cases
and a committee in 西镇, and cases of 2024 of four committees (one at the district itself)
with every status, agreement form, flag and prevention result, some closed or accepted
late and some deleted."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from mediator_app.domain.enums import (
    AgreementForm,
    CaseStatus,
    Performance,
)
from mediator_app.domain.model import Case, new_case_id
from mediator_app.storage.case_repo import CaseRepository
from tests.fixtures import district

# the shared mini district (tests/fixtures/district.py) with its usual extras: a committee
# in 西镇 and a street without cases (南岭街道: 零报告)
DISTRICT, EAST, WEST = district.DISTRICT, district.STREET_A, district.STREET_B
EMPTY = district.EMPTY_STREET.code
VILLAGE1, VILLAGE2 = district.VILLAGE_A, district.VILLAGE_B
GRID1 = district.GRID_A1
_SHARED = {c.code: c for c in district.COMMITTEES}
# the committees the cases are spread over: at 东村, in 西镇, at 东街道, at the district
COMMITTEES = [_SHARED["C001"], district.TOWN_COMMITTEE, _SHARED["C002"], _SHARED["C003"]]
TYPES = ["01", "02", "03", "06", "13", "99"]  # 99: not in the code table
SOURCES = ["1", "2", "3", "4", "5", "6", "9"]  # 9: no source group
FIRST_DAY = date(2024, 3, 1)
MONTH = "2024-05"


@dataclass
class Built:
    ids: list[int] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)


def _closing(rng: random.Random, status: CaseStatus, received: date) -> dict[str, object]:
    out: dict[str, object] = {"status": status}
    if status == CaseStatus.REGISTERED:
        return out
    if status == CaseStatus.REJECTED:
        out["closed_on"] = received + timedelta(days=rng.randrange(0, 5))
        return out
    out["accepted_on"] = received + timedelta(days=rng.randrange(0, 8))
    if status in (CaseStatus.RESOLVED, CaseStatus.TERMINATED):
        out["closed_on"] = out["accepted_on"] + timedelta(days=rng.randrange(1, 45))  # type: ignore[operator]
    if status == CaseStatus.RESOLVED:
        out["agreement_form"] = rng.choice(list(AgreementForm))
        out["performance"] = rng.choice(list(Performance))
        if rng.random() < 0.3:
            out["judicial_confirmed"] = True
            out["judicial_confirmed_on"] = out["closed_on"] + timedelta(days=rng.randrange(0, 20))  # type: ignore[operator]
    return out


def make_case(rng: random.Random, n: int) -> Case:
    committee = COMMITTEES[n % len(COMMITTEES)]
    received = FIRST_DAY + timedelta(days=rng.randrange(0, 120))
    fields = _closing(rng, rng.choice(list(CaseStatus)), received)
    prevent = {name: rng.choice([0, 0, 0, 2]) for name in
               ("prevent_criminal", "prevent_petition", "prevent_fight", "prevent_suicide")}
    return Case(
        case_id=new_case_id(), committee_code=committee.code, received_on=received,
        dispute_type=rng.choice(TYPES), source=rng.choice(SOURCES),
        case_no=f"（{received.year}）{committee.short_name}人调字第{n + 1}号",
        grid_code=GRID1 if committee.code == "C001" and n % 3 == 0 else None,
        amount_fen=rng.choice([0, 0, 123456, 5_000_000]),
        people_involved=rng.choice([0, 2, 5]), mass_dispute=rng.random() < 0.15,
        extra={"party_count": str(rng.choice([2, 2, 3, 4]))},
        summary=f"测试纠纷{n}", **prevent, **fields)  # type: ignore[arg-type]


def build_report_db(db: Database, n_cases: int = 90, seed: int = 11) -> Built:
    """The district and ``n_cases`` cases received from March to June 2024; every
    tenth case is deleted (the sheet must not count it)."""
    rng = random.Random(seed)
    district.build_mini_district(db, extra_units=[district.EMPTY_STREET],
                                 extra_committees=[district.TOWN_COMMITTEE])
    repo, built = CaseRepository(db), Built()
    with db.atomic():
        for n in range(n_cases):
            case = make_case(rng, n)
            rowid = repo.insert(case, repo.location_of(case.committee_code, case.grid_code)
                                or DISTRICT)
            built.ids.append(rowid)
            if n % 10 == 9:
                repo.mark_deleted(rowid)
                built.deleted.append(rowid)
    return built
