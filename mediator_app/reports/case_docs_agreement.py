"""人民调解协议书 (People's Mediation Law art. 29), one copy per party plus the
committee's archive copy, each starting on a new page and marked at the top."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Table, TableStyle

from mediator_app.reports.case_docs_data import AgreementDoc, CaseDocData, PartyDoc
from mediator_app.reports.case_docs_forms import colon, number_line
from mediator_app.reports.case_docs_labels import labels
from mediator_app.reports.case_docs_style import WIDTH, gap, header, para

BLANK = "_" * 18


def party_details(p: PartyDoc, lang: str) -> str:
    """``张三，男，汉族，1980年1月1日出生，居民身份证号码：…，职业：…，住址：…，联系电话：…``"""
    lab = labels(lang)
    parts = [p.name]
    if p.is_person:
        parts += [v for v in (p.sex, p.ethnicity) if v]
        if p.birth_date:
            parts.append(lab["party.born"].format(birth=p.birth_date))
    if p.id_number:
        parts.append(lab["party.id"].format(id_type=p.id_type, id_number=p.id_number))
    for key, value in (("party.occupation", p.occupation), ("party.address", p.address),
                       ("party.phone", p.phone)):
        if value:
            parts.append(lab[key].format(**{key.split(".")[1]: value}))
    return lab["party.sep"].join(parts)


def _parties(data: CaseDocData) -> list[Flowable]:
    lab = labels(data.lang)
    return [para(lab["party.line"].format(role=p.role, details=party_details(p, data.lang)))
            for p in data.parties]


def _section(title: str, text: str) -> list[Flowable]:
    lines = [line.strip() for line in text.splitlines() if line.strip()] or [" "]
    return [para(title, "heading"), *(para(line, "indent") for line in lines)]


def _facts_text(a: AgreementDoc, lang: str) -> str:
    lab = labels(lang)
    lines = [a.facts]
    if a.disputed_matters:
        lines.append(lab["agr.disputed"] + a.disputed_matters)
    if a.responsibilities:
        lines.append(lab["agr.responsibilities"] + a.responsibilities)
    return "\n".join(line for line in lines if line)


def _performance(a: AgreementDoc, lang: str) -> str:
    lab = labels(lang)
    pairs = ((lab["agr.manner"], a.manner), (lab["agr.place"], a.place),
             (lab["agr.deadline"], a.deadline))
    return "\n".join(k + v for k, v in pairs if v)


def _signatures(data: CaseDocData, a: AgreementDoc) -> Flowable:
    lab = labels(data.lang)
    sep = colon(data.lang)
    names = [f"{p.role} {p.name}{sep}{BLANK}" for p in data.parties]
    rows = [[para(lab["agr.sign_party"], "sign"), ""]]
    rows += [[para(names[i], "sign"), para(names[i + 1], "sign") if i + 1 < len(names) else ""]
             for i in range(0, len(names), 2)]
    rows.append([para(lab["agr.sign_mediator"], "sign"), ""])
    mediators = [f"{m}{sep}{BLANK}" for m in data.mediators] or [BLANK]
    rows += [[para(mediators[i], "sign"),
              para(mediators[i + 1], "sign") if i + 1 < len(mediators) else ""]
             for i in range(0, len(mediators), 2)]
    table = Table(rows, colWidths=[WIDTH / 2, WIDTH / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("TOPPADDING", (0, 0), (-1, -1), 6),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("SPAN", (0, 0), (1, 0))]))
    seal = f"{data.committee_name}{lab['agr.seal'].removeprefix('人民调解委员会')}" \
        if data.committee_name else lab["agr.seal"]
    return KeepTogether([table, gap(8), para(seal, "sign_right"),
                         para(a.signed_on or lab["sign_date"], "sign_right")])


def agreement_copy(data: CaseDocData, mark: str) -> list[Flowable]:
    """One complete copy of the agreement, marked e.g. ``（当事人张三执）``."""
    a = data.agreement
    if a is None:
        return []
    lab = labels(data.lang)
    copies = len(data.parties) + 1
    return [
        *header(data.committee_name, lab["doc.agreement"],
                number_line(data, "number", a.number or data.case_no), mark),
        *_parties(data),
        *_section(lab["agr.facts"], _facts_text(a, data.lang)),
        *_section(lab["agr.terms"], a.terms),
        *_section(lab["agr.performance"], _performance(a, data.lang)),
        para(lab["agr.effective"], "indent"),
        para(lab["agr.copies"].format(n=copies), "indent"),
        gap(6),
        _signatures(data, a),
    ]


def copy_marks(data: CaseDocData) -> list[str]:
    """The marking of each copy: one per party, then the committee's."""
    lab = labels(data.lang)
    return [lab["copy.party"].format(name=p.name) for p in data.parties] + [
        lab["copy.committee"]]


def agreement_copies(data: CaseDocData, *, archive_only: bool = False) -> list[Flowable]:
    marks = copy_marks(data)
    if archive_only:
        marks = marks[-1:]
    out: list[Flowable] = []
    for mark in marks:
        if out:
            out.append(PageBreak())
        out += agreement_copy(data, mark)
    return out


