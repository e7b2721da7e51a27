"""Case documents: turn a stored case into ``CaseDocData`` (display strings) and print
it as PDF. These are the legal documents, so party data is printed in full; every print
is written to the audit log (who printed which document of which case).

Choices where the database has no field of its own (documented in docs/documents.md):
- 当事人申请事项 (what the parties ask for) prints the agreement's disputed matters when
  there is an agreement, else it is left blank to be written by hand;
- 登记人 and 立卷人 print the first mediator assigned to the case;
- 立卷日期 is the closing date (files are made up when a case is closed);
- 保管期限 is 长期 for cases with a written agreement, a judicial confirmation or a mass
  dispute, else 短期.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlite_utils import Database

from mediator_app.domain import catalogue
from mediator_app.domain.access import Action
from mediator_app.domain.enums import AgreementForm, CaseStatus, PartyRole
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.model import Agreement, Case, FollowUp, Party
from mediator_app.reports import case_docs
from mediator_app.reports.case_docs import (
    KINDS,
    AgreementDoc,
    CaseDocData,
    FollowUpDoc,
    PartyDoc,
    RecordDoc,
)
from mediator_app.reports.case_docs_labels import labels
from mediator_app.services import permissions
from mediator_app.services.reading import Read, reader
from mediator_app.storage import document_repo
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.case_repo import CaseNotFound, CaseRepository
from mediator_app.storage.org_repo import OrgRepository

ENTITY = "case"
PRINT_ACTION = "print"

# ---- finding the case ----------------------------------------------------------------


def find_case(db: Database, key: str) -> int:
    """The row id of the live case whose case number or UUID is ``key``."""
    key = key.strip()
    refs = document_repo.find_cases(db, key)
    if not refs:
        raise DomainError(Problem("case", "case.not_found", {"value": key}))
    exact = [r for r in refs if r.case_id == key]
    if exact or len(refs) == 1:
        return (exact or refs)[0].rowid
    committees = "、".join(f"{r.committee_name or r.committee_code} {r.year}" for r in refs)
    raise DomainError(Problem("case", "case.ambiguous", {"value": key, "committees": committees}))


# ---- formatting ----------------------------------------------------------------------


def _t(key: str, lang: str, **params: object) -> str:
    """A word of the printed documents (the catalogue's "document" area)."""
    return catalogue.text("document", key, lang, **params)


def fmt_date(value: date | None, lang: str = "zh") -> str:
    if value is None:
        return ""
    return _t("value.date", lang, year=value.year, month=value.month, day=value.day)


def fmt_datetime(value: datetime | None, lang: str = "zh") -> str:
    if value is None:
        return ""
    day = fmt_date(value.date(), lang)
    return f"{day} {value:%H:%M}" if (value.hour, value.minute) != (0, 0) else day


def fmt_amount(fen: int, lang: str = "zh") -> str:
    if not fen:
        return ""
    yuan = f"{fen // 100}.{fen % 100:02d}"
    return _t("value.amount", lang, yuan=yuan)


def age_on(birth: date | None, on: date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _party(p: Party, on: date, lang: str) -> PartyDoc:
    age = age_on(p.birth_date, on)
    age_text = "" if age is None else _t("value.age", lang, age=age)
    return PartyDoc(
        role=p.role.value, name=p.name, kind=p.kind.value, sex=p.sex.value if p.sex else "",
        ethnicity=p.ethnicity, birth_date=fmt_date(p.birth_date, lang), age=age_text,
        id_type=p.id_type.value, id_number=p.id_number, occupation=p.occupation,
        address=p.address, phone=p.phone,
    )


def _agreement(a: Agreement | None, lang: str) -> AgreementDoc | None:
    if a is None:
        return None
    return AgreementDoc(
        form=a.form.value, number=a.agreement_no, signed_on=fmt_date(a.signed_on, lang),
        facts=a.facts, disputed_matters=a.disputed_matters,
        responsibilities=a.responsibilities, terms=a.terms, manner=a.performance_manner,
        place=a.performance_place, deadline=fmt_date(a.performance_deadline, lang),
    )


def _follow_up(f: FollowUp, lang: str) -> FollowUpDoc:
    return FollowUpDoc(
        visited_on=fmt_date(f.visited_on, lang), party_visited=f.party_visited,
        agreement_no=f.agreement_no, performance=f.performance.value if f.performance else "",
        satisfaction=f.satisfaction, remaining_risk=f.remaining_risk, visitor=f.visitor,
        note=f.note,
    )


def _records(case: Case, lang: str) -> tuple[tuple[RecordDoc, ...], tuple[RecordDoc, ...]]:
    inv = tuple(RecordDoc(held_at=fmt_datetime(r.held_at, lang),
                          on=fmt_date(r.held_at.date() if r.held_at else None, lang),
                          place=r.place, people=r.investigator, interviewee=r.interviewee,
                          content=r.content) for r in case.investigations)
    ses = tuple(RecordDoc(held_at=fmt_datetime(r.held_at, lang),
                          on=fmt_date(r.held_at.date() if r.held_at else None, lang),
                          place=r.place, people=r.participants, content=r.content,
                          result=r.result) for r in case.sessions)
    return inv, ses


def file_title(case: Case, dispute_type: str, lang: str = "zh") -> str:
    """卷名: ``张三与李四邻里纠纷`` (applicants with respondents, then the dispute type)."""
    first = [p.name for p in case.parties if p.role != PartyRole.RESPONDENT]
    second = [p.name for p in case.parties if p.role == PartyRole.RESPONDENT]
    if not first:
        first, second = second, []
    sep = _t("title.sep", lang)
    names = sep.join(first) + (_t("title.versus", lang) + sep.join(second) if second else "")
    return _t("title.names", lang, names=names, dispute_type=dispute_type) if names \
        else dispute_type


def retention(case: Case) -> str:
    long_term = (case.agreement_form == AgreementForm.WRITTEN or case.judicial_confirmed
                 or case.mass_dispute)
    return "长期" if long_term else "短期"


def _opinion(case: Case, lang: str) -> str:
    lab = labels(lang)
    if case.status == CaseStatus.REJECTED:
        reason = lab["opinion.reason"].format(reason=case.outcome_note) \
            if case.outcome_note else ""
        return lab["opinion.rejected"] + reason
    return lab["opinion.accepted"] if case.accepted_on else ""


# ---- the data --------------------------------------------------------------------------


def _load(db: Database, rowid: int) -> Case:
    try:
        case = CaseRepository(db).get(rowid)
    except CaseNotFound:
        raise DomainError(Problem("case", "case.not_found", {"value": rowid})) from None
    if case.deleted:
        raise DomainError(Problem("case", "case.not_found", {"value": case.case_no or rowid}))
    return case


def data_for(db: Database, case: Case, lang: str = "zh") -> CaseDocData:
    committee = OrgRepository(db).committee(case.committee_code)
    dispute_type = document_repo.code_label(db, "dispute_type", case.dispute_type)
    mediators = tuple(document_repo.mediator_names(db, case.id or 0))
    first_mediator = mediators[0] if mediators else ""
    investigations, sessions = _records(case, lang)
    return CaseDocData(
        committee_name=committee.name if committee else case.committee_code,
        case_no=case.case_no, case_id=case.case_id, lang=lang,
        received_on=fmt_date(case.received_on, lang),
        source=document_repo.code_label(db, "source", case.source),
        dispute_type=dispute_type, status=case.status.value,
        accepted_on=fmt_date(case.accepted_on, lang), closed_on=fmt_date(case.closed_on, lang),
        summary=case.summary,
        application_matters=case.agreement.disputed_matters if case.agreement else "",
        acceptance_opinion=_opinion(case, lang), registrar=first_mediator,
        registered_on=fmt_date(case.accepted_on or case.received_on, lang),
        amount=fmt_amount(case.amount_fen, lang),
        parties=tuple(_party(p, case.received_on, lang) for p in case.parties),
        mediators=mediators, agreement=_agreement(case.agreement, lang),
        follow_ups=tuple(_follow_up(f, lang) for f in case.follow_ups),
        investigations=investigations, sessions=sessions,
        file_title=file_title(case, dispute_type, lang), filed_on=fmt_date(case.closed_on, lang),
        filed_by=first_mediator, retention=retention(case), year=str(case.year),
    )


def case_document_data(db: Database, rowid: int, *, lang: str = "zh") -> CaseDocData:
    """Everything the documents of case ``rowid`` print, as display strings."""
    permissions.require_stored_case(db, Action.VIEW_PERSONAL, rowid)  # issue 9
    return data_for(db, _load(db, rowid), lang)


def applicable_kinds(db: Database, rowid: int) -> list[str]:
    """The document kinds that can be printed for the case (for menus)."""
    return case_docs.applicable_kinds(case_document_data(db, rowid))


def check_kind(data: CaseDocData, kind: str) -> None:
    """Raise ``DomainError`` when ``kind`` does not apply to the case."""
    code = case_docs.missing(data, kind)
    if code is None:
        return
    title = case_docs.document_title(kind, data.lang) if kind in KINDS else kind
    raise DomainError(Problem("kind", code, {
        "value": kind, "allowed": ", ".join(KINDS), "case_no": data.case_no,
        "document": title}))


def render_case_document(source: Database | Read, rowid: int, kind: str, *,
                         lang: str = "zh", user: str = "") -> bytes:
    """The PDF of one document of a case (kinds: ``case_docs.KINDS``), logged as printed.
    ``source``: the database, or a ``Read`` of it (the window lays the PDF out on a
    render thread; the case is read and the print logged on its database worker).

    Raises ``DomainError`` when the case is unknown or the document does not apply."""
    read = reader(source)
    data = read(lambda db: case_document_data(db, rowid, lang=lang))
    check_kind(data, kind)
    pdf = case_docs.render(data, kind)
    read(lambda db: _log_print(db, data.case_id, kind, user))
    return pdf


def _log_print(db: Database, case_id: str, kind: str, user: str) -> None:
    with db.atomic():
        AuditRepository(db, user or None).record(ENTITY, case_id, PRINT_ACTION, field=kind)
