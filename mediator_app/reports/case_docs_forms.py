"""The ruled forms of a case file: 受理登记表, 口头协议登记表, 回访记录, 调查记录, 调解记录.

Each builder returns the flowables of one document (starting on a fresh page is the
caller's job). Forms are stacked tables of equal width, like the printed MoJ forms."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from mediator_app.reports.case_docs_data import CaseDocData, FollowUpDoc, PartyDoc, RecordDoc
from mediator_app.reports.case_docs_labels import labels
from mediator_app.reports.case_docs_style import (
    form_table,
    gap,
    header,
    label,
    para,
    text_box,
)

SPAN_VALUE = [("SPAN", (1, 0), (3, 0))]
FOUR = (32, 50, 32, 51)  # label | value | label | value
# Forms with the parties grid align their columns with it.
FACTS = (40, 57, 19, 49)
WIDE = (40, 125)
PARTY_GRID = (14, 26, 44, 13, 19, 19, 30)  # boundaries at 40, 97 and 116 as above


def colon(lang: str) -> str:
    return labels(lang)["colon"]


def number_line(data: CaseDocData, key: str, value: str) -> str:
    return f"{labels(data.lang)[key]}{colon(data.lang)}{value}" if value else ""


def birth_text(p: PartyDoc) -> str:
    if p.birth_date and p.age:
        return f"{p.birth_date}（{p.age}）"
    return p.birth_date or p.age


# ---- parties -----------------------------------------------------------------------


def _role_text(role: str) -> str:
    """被申请人 breaks 2 + 2 in the narrow role column rather than 3 + 1."""
    return f"{role[:2]}\n{role[2:]}" if len(role) == 4 else role


def _party_block(p: PartyDoc, lab: dict[str, str]) -> list[list[object]]:
    return [
        [label(_role_text(p.role)), label(lab["name"]), p.name, label(lab["sex"]), p.sex,
         label(lab["ethnicity"]), p.ethnicity],
        ["", label(lab["birth"]), birth_text(p), label(lab["occupation"]), p.occupation, "", ""],
        ["", label(lab["id_number"]), p.id_number, "", "", label(lab["phone"]), p.phone],
        ["", label(lab["address"]), p.address, "", "", "", ""],
    ]


def _party_spans(top: int) -> list[tuple[object, ...]]:
    return [
        ("SPAN", (0, top), (0, top + 3)),
        ("SPAN", (4, top + 1), (6, top + 1)),
        ("SPAN", (2, top + 2), (4, top + 2)),
        ("SPAN", (2, top + 3), (6, top + 3)),
    ]


def parties_table(parties: tuple[PartyDoc, ...], lang: str) -> Flowable:
    """Four ruled rows per party: name/sex/ethnicity, birth/occupation, ID/phone, address."""
    lab = labels(lang)
    rows: list[list[object]] = []
    spans: list[tuple[object, ...]] = []
    for party in parties or (PartyDoc(role="", name=""),):
        spans += _party_spans(len(rows))
        rows += _party_block(party, lab)
    return form_table(rows, PARTY_GRID, spans)


# ---- 人民调解受理登记表 ------------------------------------------------------------------


def _register_facts(data: CaseDocData, lab: dict[str, str]) -> Flowable:
    rows = [
        [label(lab["case_no"]), data.case_no, label(lab["received_on"]), data.received_on],
        [label(lab["source"]), data.source, label(lab["dispute_type"]), data.dispute_type],
        [label(lab["accepted_on"]), data.accepted_on, label(lab["amount"]), data.amount],
    ]
    return form_table(rows, FACTS)


def _opinion(data: CaseDocData, lab: dict[str, str]) -> list[Flowable]:
    sep = colon(data.lang)
    sign = (f"{lab['registrar']}{sep}{data.registrar or '　' * 6}　　"
            f"{lab['date']}{sep}{data.registered_on or lab['sign_date']}")
    return [*text_box(data.acceptance_opinion, 14), para(sign, "sign_right")]


PARTY_BLOCK_MM = 28  # height of one party's four rows


def _writing_room(parties: int) -> tuple[float, float]:
    """Room left for handwriting in 纠纷简要情况 and 当事人申请事项: the form fits one page
    with up to three parties; the boxes shrink as parties are added."""
    squeeze = max(0, parties - 2) * PARTY_BLOCK_MM
    summary = max(12.0, 45 - squeeze)
    application = max(8.0, 25 - max(0, squeeze - (45 - summary)))
    return summary, application


def register(data: CaseDocData) -> list[Flowable]:
    lab = labels(data.lang)
    summary_room, application_room = _writing_room(len(data.parties))
    body = form_table([
        [label(lab["summary"]), text_box(data.summary, summary_room)],
        [label(lab["application"]), text_box(data.application_matters, application_room)],
        [label(lab["opinion"]), _opinion(data, lab)],
        [label(lab["mediators"]), data.mediator_text],
    ], WIDE)
    return [
        *header(data.committee_name, lab["doc.register"]),
        _register_facts(data, lab),
        parties_table(data.parties, data.lang),
        body,
    ]


# ---- 口头协议登记表 -----------------------------------------------------------------------


def _performance_text(data: CaseDocData) -> str:
    a = data.agreement
    if a is None:
        return ""
    lab = labels(data.lang)
    parts = [(lab["agr.manner"], a.manner), (lab["agr.place"], a.place),
             (lab["agr.deadline"], a.deadline)]
    return "\n".join(f"{k}{v}" for k, v in parts if v)


def oral_agreement(data: CaseDocData) -> list[Flowable]:
    lab = labels(data.lang)
    a = data.agreement
    number = a.number if a else ""
    facts = form_table([
        [label(lab["case_no"]), data.case_no, label(lab["oral.agreed_on"]),
         a.signed_on if a else ""],
        [label(lab["dispute_type"]), data.dispute_type, label(lab["source"]), data.source],
    ], FACTS)
    sep = colon(data.lang)
    sign = [para(lab["oral.note"], "cell"), gap(2),
            para(f"{lab['oral.sign']}", "cell"), gap(10),
            para(f"{lab['mediators']}{sep}{data.mediator_text}　　"
                 f"{lab['date']}{sep}{(a.signed_on if a else '') or lab['sign_date']}",
                 "sign_right")]
    summary_room, terms_room = _writing_room(len(data.parties))
    body = form_table([
        [label(lab["summary"]), text_box(data.summary, summary_room - 20)],
        [label(lab["oral.content"]), text_box(a.terms if a else "", terms_room + 5)],
        [label(lab["oral.performance"]), text_box(_performance_text(data), 5)],
        [sign, ""],
    ], WIDE, [("SPAN", (0, 3), (1, 3))])
    return [
        *header(data.committee_name, lab["doc.oral_agreement"],
                number_line(data, "number", number)),
        facts,
        parties_table(data.parties, data.lang),
        body,
    ]


# ---- 回访记录 -----------------------------------------------------------------------------


def follow_up(data: CaseDocData, visit: FollowUpDoc, index: int) -> list[Flowable]:
    lab = labels(data.lang)
    rows = [
        [label(lab["case_no"]), data.case_no, label(lab["fu.agreement_no"]),
         visit.agreement_no],
        [label(lab["fu.visited_on"]), visit.visited_on, label(lab["fu.party"]),
         visit.party_visited],
        [label(lab["dispute_type"]), data.dispute_type, label(lab["mediators"]),
         data.mediator_text],
        [label(lab["fu.performance"]), visit.performance, "", ""],
        [label(lab["fu.satisfaction"]), visit.satisfaction, "", ""],
        [label(lab["fu.risk"]), text_box(visit.remaining_risk, 35), "", ""],
        [label(lab["fu.note"]), text_box(visit.note, 55), "", ""],
        [label(lab["fu.visitor"]), visit.visitor, label(lab["date"]), visit.visited_on],
    ]
    spans = [("SPAN", (1, r), (3, r)) for r in (3, 4, 5, 6)]
    return [
        *header(data.committee_name, lab["doc.follow_up"],
                lab["fu.count"].format(n=index)),
        form_table(rows, FOUR, spans),
    ]


def follow_ups(data: CaseDocData) -> list[Flowable]:
    out: list[Flowable] = []
    for i, visit in enumerate(data.follow_ups, start=1):
        if out:
            out.append(PageBreak())
        out += follow_up(data, visit, i)
    return out


# ---- 调查记录, 调解记录 --------------------------------------------------------------------


def investigation(data: CaseDocData, rec: RecordDoc) -> list[Flowable]:
    lab = labels(data.lang)
    rows = [
        [label(lab["rec.held_at"]), rec.held_at, label(lab["rec.place"]), rec.place],
        [label(lab["rec.investigator"]), rec.people, label(lab["rec.interviewee"]),
         rec.interviewee],
        [label(lab["rec.content"]), text_box(rec.content, 120), "", ""],
    ]
    return [
        *header(data.committee_name, lab["doc.investigation"],
                number_line(data, "case_no", data.case_no)),
        form_table(rows, FOUR, [("SPAN", (1, 2), (3, 2))]),
    ]


def session(data: CaseDocData, rec: RecordDoc) -> list[Flowable]:
    lab = labels(data.lang)
    rows = [
        [label(lab["rec.held_at"]), rec.held_at, label(lab["rec.place"]), rec.place],
        [label(lab["rec.participants"]), rec.people, "", ""],
        [label(lab["rec.content"]), text_box(rec.content, 100), "", ""],
        [label(lab["rec.result"]), text_box(rec.result, 15), "", ""],
    ]
    spans = [("SPAN", (1, r), (3, r)) for r in (1, 2, 3)]
    return [
        *header(data.committee_name, lab["doc.session"],
                number_line(data, "case_no", data.case_no)),
        form_table(rows, FOUR, spans),
    ]
