"""Shared GUI fixtures: a small migrated database (the shared mini district of
tests/fixtures/district.py and ~50 cases made through the repositories), a synchronous
runner, a fake dialog service, and a private QSettings file."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from sqlite_utils import Database

from mediator_app.domain.enums import AgreementForm, CaseStatus, PartyRole
from mediator_app.domain.idnumber import make_id_number
from mediator_app.domain.model import Case, FollowUp, Party, new_case_id
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_memory
from tests.fixtures import district

# the shared mini district (tests/fixtures/district.py) with two committees added
DISTRICT, EAST, WEST = district.DISTRICT, district.STREET_A, district.STREET_B
VILLAGE1, COMMUNITY2, VILLAGE3 = district.VILLAGE_A, district.COMMUNITY_A, district.VILLAGE_B
GRID1, GRID3 = district.GRID_A1, district.GRID_B1
UNITS = district.UNITS
_SHARED = {c.code: c for c in district.COMMITTEES}
# the committees the cases are spread over, in this order; then the street committee
# C002, which has no cases
CASE_COMMITTEES = [_SHARED["C001"], district.COMMUNITY_COMMITTEE, district.TOWN_COMMITTEE,
                   _SHARED["C003"]]
COMMITTEES = [*CASE_COMMITTEES, _SHARED["C002"]]
# committee -> grid used for half of its cases
GRIDS = {"C001": GRID1, "C004": None, "C005": GRID3, "C003": None}
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰"]
SUMMARIES = ["邻居因排水问题发生争执", "夫妻因抚养费产生矛盾", "租户拖欠房租引发纠纷",
             "工地拖欠农民工工资", "交通事故赔偿数额争议", "宅基地界址不清", "物业费收取争议"]
N_CASES = 50


def _party(rng: random.Random, i: int, born: date) -> Party:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + ("华" if i % 3 else "")
    from mediator_app.domain.enums import Sex

    return Party(name=name, role=PartyRole.APPLICANT if i % 2 == 0 else PartyRole.RESPONDENT,
                 id_number=make_id_number("610114", born, (10 + i) % 1000, Sex.MALE),
                 phone=f"138{rng.randrange(10**8):08d}")


def _status_fields(rng: random.Random, received: date, today: date) -> dict[str, object]:
    status = rng.choice(list(CaseStatus))
    out: dict[str, object] = {"status": status}
    if status == CaseStatus.REGISTERED:
        return out
    accepted = min(received + timedelta(days=rng.randrange(0, 3)), today)
    out["accepted_on"] = accepted
    if status == CaseStatus.REJECTED:
        out.pop("accepted_on")
        out["closed_on"] = accepted
    elif status in (CaseStatus.RESOLVED, CaseStatus.TERMINATED):
        out["closed_on"] = min(accepted + timedelta(days=rng.randrange(1, 40)), today)
        if status == CaseStatus.RESOLVED:
            out["agreement_form"] = rng.choice(list(AgreementForm))
    return out


def make_case(rng: random.Random, n: int, today: date) -> Case:
    committee = CASE_COMMITTEES[n % len(CASE_COMMITTEES)]
    received = today - timedelta(days=rng.randrange(0, 420))
    parties = tuple(_party(rng, n * 3 + k, date(1960 + n % 40, 1 + n % 12, 1 + k))
                    for k in range(2))
    fields = _status_fields(rng, received, today)
    follow = ()
    if fields["status"] == CaseStatus.RESOLVED and n % 2 == 0:
        follow = (FollowUp(visited_on=fields["closed_on"], visitor="回访员"),)  # type: ignore[arg-type]
    return Case(case_id=new_case_id(), committee_code=committee.code, received_on=received,
                dispute_type=rng.choice(["01", "02", "03", "13", "15"]),
                source=rng.choice(["1", "2", "4"]),
                case_no=f"（{received.year}）{committee.short_name}人调字第{n + 1}号",
                grid_code=GRIDS[committee.code] if (n // 4) % 2 else None, parties=parties,
                summary=rng.choice(SUMMARIES) + f"，编号{n}", follow_ups=follow,
                **fields)  # type: ignore[arg-type]


def build_db(db: Database, n_cases: int = N_CASES, today: date | None = None,
             seed: int = 7, first: int = 0) -> list[int]:
    """The district (units, committees) and ``n_cases`` cases numbered from ``first``."""
    today = today or date.today()
    rng = random.Random(seed)
    district.build_mini_district(
        db, extra_committees=[district.COMMUNITY_COMMITTEE, district.TOWN_COMMITTEE])
    cases = CaseRepository(db)
    ids = []
    with db.atomic():
        for n in range(first, first + n_cases):
            case = make_case(rng, n, today)
            location = cases.location_of(case.committee_code, case.grid_code)
            ids.append(cases.insert(case, location or DISTRICT))
    return ids


@dataclass
class FakeDialogs:
    """Records what would have been shown; answers from presets."""

    calls: list[tuple[str, str, str]] = field(default_factory=list)
    confirm_answer: bool = True
    save_answer: str = "save"
    save_path: str | None = None
    choice: str = ""  # the key ``choose`` answers ("" = its cancel key)
    open_paths: list[str] = field(default_factory=list)

    def info(self, title: str, text: str) -> None:
        self.calls.append(("info", title, text))

    def error(self, title: str, text: str) -> None:
        self.calls.append(("error", title, text))

    def confirm(self, title: str, text: str) -> bool:
        self.calls.append(("confirm", title, text))
        return self.confirm_answer

    def ask_save_discard_cancel(self, title: str, text: str) -> str:
        self.calls.append(("ask", title, text))
        return self.save_answer

    def choose(self, title: str, text: str, buttons: list[tuple[str, str]],
               cancel_key: str) -> str:
        self.calls.append(("choose", title, text))
        self.buttons = list(buttons)
        return self.choice or cancel_key

    def open_files(self, title: str, filter: str) -> list[str]:
        self.calls.append(("open", title, filter))
        return list(self.open_paths)

    def save_file(self, title: str, suggested: str, filter: str) -> str | None:
        self.calls.append(("save_file", title, suggested))
        return self.save_path


@pytest.fixture(autouse=True)
def private_qsettings(tmp_path, monkeypatch):
    """UI preferences go to a per-test .ini file, never the user's."""
    monkeypatch.setenv("MEDIATOR_APP_QSETTINGS", str(tmp_path / "prefs.ini"))
    yield


@pytest.fixture
def case_db() -> Database:
    db = open_memory()
    build_db(db)
    return db


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def ctx(case_db, dialogs, qapp):
    from mediator_app.ui.context import AppContext
    from mediator_app.ui.tasks import SyncRunner

    return AppContext(runner=SyncRunner(case_db), read_db=case_db, dialogs=dialogs, lang="zh")
