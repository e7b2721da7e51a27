"""A small ledger for the 以案定补 tests: a district with two streets, three committees,
mediators, and helpers to record complete (or deliberately incomplete) resolved cases."""

from __future__ import annotations

from datetime import date, datetime

from mediator_app.domain.enums import (
    AgreementForm,
    CaseStatus,
    CommitteeKind,
    OrgLevel,
    Performance,
    PersonRole,
)
from mediator_app.domain.model import (
    Agreement,
    Case,
    Committee,
    FollowUp,
    InvestigationRecord,
    OrgUnit,
    Party,
    Person,
    SessionRecord,
    new_case_id,
)
from mediator_app.services.cases.edit import save_case
from mediator_app.storage.db import open_memory
from mediator_app.storage.org_repo import OrgRepository

DISTRICT, S1, S2 = "610114", "610114001", "610114002"
V1 = "610114001001"
C1, C2, C3 = "C1", "C2", "C3"  # C1, C3 in street 1 (C3 at a village), C2 in street 2
TODAY = date(2026, 11, 30)


def make_ledger():
    """(db, mediator ids by name)."""
    db = open_memory()
    org = OrgRepository(db)
    with db.atomic():
        org.upsert_units([
            OrgUnit(DISTRICT, "示例区", OrgLevel.DISTRICT),
            OrgUnit(S1, "幸福街道", OrgLevel.STREET, DISTRICT),
            OrgUnit(S2, "和平街道", OrgLevel.STREET, DISTRICT),
            OrgUnit(V1, "东村", OrgLevel.VILLAGE, S1),
        ])
        org.rebuild_closure()
        for code, name, kind, at in ((C1, "幸福街道人民调解委员会", CommitteeKind.STREET, S1),
                                     (C2, "和平街道人民调解委员会", CommitteeKind.STREET, S2),
                                     (C3, "东村人民调解委员会", CommitteeKind.VILLAGE, V1)):
            org.upsert_committee(Committee(code, name, name[:2], kind, at))
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
