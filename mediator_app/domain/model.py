"""Plain domain records. Dates are ``datetime.date``; money is integer fen (分)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from mediator_app.domain.enums import (
    AgreementForm,
    CaseStatus,
    CommitteeKind,
    Employment,
    IdType,
    OrgLevel,
    PartyKind,
    PartyRole,
    Performance,
    PersonRole,
    Sex,
)


def new_case_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class OrgUnit:
    code: str
    name: str
    level: OrgLevel
    parent_code: str | None = None
    active: bool = True


@dataclass(frozen=True)
class Committee:
    code: str
    name: str
    short_name: str
    kind: CommitteeKind
    org_code: str
    active: bool = True
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class Person:
    name: str
    role: PersonRole
    committee_code: str | None = None
    grid_code: str | None = None
    phone: str = ""
    sex: Sex | None = None
    employment: Employment | None = None
    position: str = ""
    active: bool = True
    id: int | None = None


@dataclass(frozen=True)
class CodeItem:
    """An entry of an editable code table (dispute types, sources)."""

    kind: str  # "dispute_type" | "source"
    code: str
    label: str
    group_label: str = ""
    sort_order: int = 0
    active: bool = True
    version: int = 1


@dataclass(frozen=True)
class Party:
    name: str
    role: PartyRole = PartyRole.PARTY
    kind: PartyKind = PartyKind.NATURAL
    sex: Sex | None = None
    ethnicity: str = ""
    birth_date: date | None = None
    id_type: IdType = IdType.RESIDENT_ID
    id_number: str = ""
    phone: str = ""
    address: str = ""
    occupation: str = ""
    id: int | None = None


@dataclass(frozen=True)
class InvestigationRecord:
    """调查记录."""

    held_at: datetime | None = None
    place: str = ""
    investigator: str = ""
    interviewee: str = ""
    content: str = ""
    id: int | None = None


@dataclass(frozen=True)
class SessionRecord:
    """调解记录."""

    held_at: datetime | None = None
    place: str = ""
    participants: str = ""
    content: str = ""
    result: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Agreement:
    """调解协议 (written 协议书 or oral 口头协议登记), law art. 29."""

    form: AgreementForm
    agreement_no: str = ""
    signed_on: date | None = None
    facts: str = ""
    disputed_matters: str = ""
    responsibilities: str = ""
    terms: str = ""
    performance_manner: str = ""
    performance_place: str = ""
    performance_deadline: date | None = None


@dataclass(frozen=True)
class FollowUp:
    """回访记录."""

    visited_on: date
    party_visited: str = ""
    agreement_no: str = ""
    performance: Performance | None = None
    satisfaction: str = ""
    remaining_risk: str = ""
    visitor: str = ""
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Case:
    """A dispute case (矛盾纠纷 / 调解案件). ``case_id`` (UUID) is the identity that
    travels between databases; ``id`` is the local row id."""

    case_id: str
    committee_code: str
    received_on: date
    dispute_type: str  # code-table code
    source: str  # code-table code
    status: CaseStatus = CaseStatus.REGISTERED
    case_no: str = ""
    grid_code: str | None = None
    accepted_on: date | None = None
    closed_on: date | None = None
    agreement_form: AgreementForm | None = None
    performance: Performance | None = None
    judicial_confirmed: bool = False
    judicial_confirmed_on: date | None = None
    archived: bool = False
    amount_fen: int = 0
    people_involved: int = 0
    mass_dispute: bool = False
    prevent_criminal: int = 0  # 防止民转刑: persons (0 = not applicable)
    prevent_petition: int = 0  # 防止群体性上访: persons
    prevent_fight: int = 0  # 防止群体性械斗: persons
    prevent_suicide: int = 0  # 防止自杀: persons
    summary: str = ""
    outcome_note: str = ""  # 终止/不予受理 reason, or result
    difficulty: str | None = None  # 难易程度: code of the table "difficulty" (None: default)
    updated_at: str = ""  # ISO 8601 with offset
    deleted: bool = False
    parties: tuple[Party, ...] = ()
    mediator_ids: tuple[int, ...] = ()
    investigations: tuple[InvestigationRecord, ...] = ()
    sessions: tuple[SessionRecord, ...] = ()
    agreement: Agreement | None = None
    follow_ups: tuple[FollowUp, ...] = ()
    id: int | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def year(self) -> int:
        return self.received_on.year

    @property
    def party_count(self) -> int:
        return len(self.parties)
