"""A small ledger for the 以案定补 tests: the shared mini district with a committee in each
street and one at a village, mediators, and helpers to record complete (or deliberately
incomplete) resolved cases."""

from __future__ import annotations

from datetime import date, datetime

from mediator_app.domain.enums import (
    AgreementForm,
    CaseStatus,
    Performance,
    PersonRole,
)
from mediator_app.domain.model import (
    Agreement,
    Case,
    FollowUp,
    InvestigationRecord,
    Party,
    Person,
    SessionRecord,
    new_case_id,
)
from mediator_app.services.cases.edit import save_case
from mediator_app.storage.db import open_memory
from mediator_app.storage.org_repo import OrgRepository
from tests.fixtures import district

# the shared district (tests/fixtures/district.py), with a committee for its second street
DISTRICT, S1, S2, V1 = district.DISTRICT, district.STREET_A, district.STREET_B, district.VILLAGE_A
C1, C2, C3 = (district.COMMITTEE_STREET, district.TOWN_COMMITTEE.code,
              district.COMMITTEE_VILLAGE)  # at S1, at S2, at V1 (in S1)
TODAY = date(2026, 11, 30)


def make_ledger():
    """(db, mediator ids by name)."""
    db = open_memory()
    district.build_mini_district(db, extra_committees=[district.TOWN_COMMITTEE])
    org = OrgRepository(db)
    with db.atomic():
        ids = {}
        for name, committee in (("张伟", C1), ("李娜", C1), ("王芳", C2), ("赵强", C3)):
            ids[name] = org.upsert_person(Person(name, PersonRole.MEDIATOR, committee))
    return db, ids


def resolved_case(committee: str, closed: date, mediators: tuple[int, ...], *,
                  form: AgreementForm = AgreementForm.WRITTEN, dispute_type: str = "01",
                  difficulty: str | None = None, investigation: bool = True,
                  session: bool = True, signed: bool = True, deadline: date | None = None,
                  follow_up: bool = False, performance: Performance | None = None,
                  amount_fen: int = 0, people: int = 2) -> Case:
    """A 调解成功 case whose file is complete unless told otherwise."""
    accepted = date(closed.year, closed.month, 1)
    at = datetime(accepted.year, accepted.month, accepted.day, 9, 0)
    return Case(
        case_id=new_case_id(), committee_code=committee, received_on=accepted,
        dispute_type=dispute_type, source="2", status=CaseStatus.RESOLVED,
        accepted_on=accepted, closed_on=closed, agreement_form=form,
        performance=performance, difficulty=difficulty, amount_fen=amount_fen,
        people_involved=people, parties=(Party("甲某"), Party("乙某")),
        mediator_ids=mediators,
        investigations=(InvestigationRecord(held_at=at, content="调查"),) if investigation else (),
        sessions=(SessionRecord(held_at=at, content="调解"),) if session else (),
        agreement=Agreement(form=form, signed_on=closed if signed else None,
                            performance_deadline=deadline),
        follow_ups=(FollowUp(visited_on=closed, performance=performance),) if follow_up else (),
    )


def store(db, case: Case) -> Case:
    return save_case(db, case, today=TODAY)
