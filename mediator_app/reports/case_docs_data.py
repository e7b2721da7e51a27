"""Plain data the case documents are printed from. Every value is a display string,
already formatted by the caller (services/cases/documents.py); the renderer never looks
anything up."""

from __future__ import annotations

from dataclasses import dataclass, field

# The documents one can print for a case ("all" = the whole case file, 卷宗).
KINDS = ("register", "agreement", "oral_agreement", "follow_up", "file_cover", "all")


@dataclass(frozen=True)
class PartyDoc:
    role: str  # 申请人 / 被申请人 / 当事人
    name: str
    kind: str = "自然人"  # 自然人 / 法人 / 其他组织
    sex: str = ""
    ethnicity: str = ""
    birth_date: str = ""
    age: str = ""
    id_type: str = ""
    id_number: str = ""
    occupation: str = ""
    address: str = ""
    phone: str = ""

    @property
    def is_person(self) -> bool:
        return self.kind in ("自然人", "natural person")


@dataclass(frozen=True)
class AgreementDoc:
    form: str  # 书面 / 口头
    number: str = ""
    signed_on: str = ""
    facts: str = ""
    disputed_matters: str = ""
    responsibilities: str = ""
    terms: str = ""
    manner: str = ""
    place: str = ""
    deadline: str = ""


@dataclass(frozen=True)
class FollowUpDoc:
    visited_on: str
    party_visited: str = ""
    agreement_no: str = ""
    performance: str = ""
    satisfaction: str = ""
    remaining_risk: str = ""
    visitor: str = ""
    note: str = ""


@dataclass(frozen=True)
class RecordDoc:
    """An investigation (调查记录) or a mediation session (调解记录)."""

    held_at: str = ""
    on: str = ""  # the date alone, for the contents
    place: str = ""
    people: str = ""  # investigator / participants
    interviewee: str = ""  # investigations only
    content: str = ""
    result: str = ""  # sessions only


@dataclass(frozen=True)
class CaseDocData:
    """Everything printed on a case's documents, as display strings."""

    committee_name: str
    case_no: str
    received_on: str
    source: str
    dispute_type: str
    status: str
    lang: str = "zh"
    case_id: str = ""
    accepted_on: str = ""
    closed_on: str = ""
    summary: str = ""
    application_matters: str = ""
    acceptance_opinion: str = ""
    registrar: str = ""
    registered_on: str = ""
    amount: str = ""
    parties: tuple[PartyDoc, ...] = ()
    mediators: tuple[str, ...] = ()
    agreement: AgreementDoc | None = None
    follow_ups: tuple[FollowUpDoc, ...] = ()
    investigations: tuple[RecordDoc, ...] = ()
    sessions: tuple[RecordDoc, ...] = ()
    file_title: str = ""  # 卷名
    filed_on: str = ""  # 立卷日期
    filed_by: str = ""  # 立卷人
    retention: str = ""  # 保管期限
    year: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def has_written_agreement(self) -> bool:
        return self.agreement is not None and self.agreement.form in ("书面", "written")

    @property
    def has_oral_agreement(self) -> bool:
        return self.agreement is not None and self.agreement.form in ("口头", "oral")

    @property
    def mediator_text(self) -> str:
        return "、".join(self.mediators) if self.lang == "zh" else ", ".join(self.mediators)
