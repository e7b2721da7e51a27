"""The claim sheets (以案定补申报表) of a claim: one section per committee with each
mediator's cases and signature lines, the summary of the scope by committee, and the
refused cases; rendered by reports/subsidy_pdf.py."""

from __future__ import annotations

from mediator_app.domain import catalogue
from mediator_app.domain import subsidy as s
from mediator_app.domain.subsidy_texts import t
from mediator_app.reports.subsidy_pdf import NORMAL, SUBTOTAL, TOTAL, Section, render_claim
from mediator_app.services.subsidy.claim import Claim, reasons_text, yuan_text


def _meta(claim: Claim, lang: str) -> list[str]:
    p = claim.period
    applied = claim.result.rule_sets or claim.rule_sets[-1:]
    lines = [t("period", lang, period=p.label, start=p.start.isoformat(),
               end=p.end.isoformat())]
    for rs in applied:
        lines.append(t("rules", lang, payee=t(f"payee.{rs.payee}", lang),
                       complete=t("rules.complete" if rs.require_complete else "rules.any_file",
                                  lang),
                       performed=t("rules.performed", lang) if rs.performed_only else ""))
    return lines


def _committee_section(claim: Claim, code: str, mediators: list[s.MediatorClaim],
                       lang: str) -> Section:
    rows: list[list[str]] = []
    kinds: list[str] = []
    n = 0
    for m in mediators:
        for line in m.lines:
            n += 1
            case = line.case
            rows.append([str(n), m.mediator.name, case.case_no, case.closed_on,
                         claim.class_labels.get(case.difficulty, case.difficulty),
                         case.agreement_form or "",
                         "" if line.share_of == 1 else f"1/{line.share_of}",
                         yuan_text(line.amount_fen)])
            kinds.append(NORMAL)
        rows.append(["", f"{m.mediator.name} {t('row.subtotal', lang)}",
                     t("row.cases", lang, n=len(m.lines)), "", "", "", "",
                     yuan_text(m.amount_fen)])
        kinds.append(SUBTOTAL)
    cases = len({ln.case.case_id for m in mediators for ln in m.lines})
    rows.append(["", t("row.total", lang), t("row.cases", lang, n=cases), "", "", "", "",
                 yuan_text(sum(m.amount_fen for m in mediators))])
    kinds.append(TOTAL)
    name = claim.committee_names.get(code, code)
    header = [t(k, lang) for k in ("col.no", "col.mediator", "col.case_no", "col.closed_on",
                                   "col.class", "col.form", "col.share", "col.amount")]
    return Section(t("title.committee", lang, committee=name), _meta(claim, lang), header,
                   rows, kinds, [0.6, 1.2, 2.5, 1.2, 0.8, 0.9, 0.6, 1.1], right={7},
                   signatures=[*(t("sign.mediator_named", lang, name=m.mediator.name)
                                 for m in mediators),
                               t("sign.director", lang), t("sign.office", lang),
                               t("sign.date", lang)])


def _summary_section(claim: Claim, by_committee: dict[str, list[s.MediatorClaim]],
                     lang: str) -> Section:
    rows: list[list[str]] = []
    kinds: list[str] = []
    for code, mediators in by_committee.items():
        cases = len({ln.case.case_id for m in mediators for ln in m.lines})
        rows.append([claim.committee_names.get(code, code),
                     "、".join(m.mediator.name for m in mediators), str(cases),
                     yuan_text(sum(m.amount_fen for m in mediators))])
        kinds.append(NORMAL)
    result = claim.result
    rows.append([t("row.total", lang), "", str(result.eligible_cases),
                 yuan_text(result.amount_fen)])
    kinds.append(TOTAL)
    header = [t(k, lang) for k in ("col.committee", "col.mediators", "col.cases",
                                   "col.amount")]
    note = t("summary.line", lang, cases=result.eligible_cases,
             amount=yuan_text(result.amount_fen), refused=len(result.refused))
    return Section(t("title.summary", lang, scope=claim.scope.name), _meta(claim, lang),
                   header, rows, kinds, [2.6, 3.2, 0.8, 1.2], right={2, 3},
                   signatures=[t("sign.office", lang), t("sign.date", lang)], note=note)


def _refused_section(claim: Claim, lang: str) -> Section:
    sep = "; " if lang == "en" else "；"
    rows = [[claim.committee_names.get(r.case.committee_code, r.case.committee_code),
             r.case.case_no, r.case.closed_on,
             sep.join(reasons_text(r, claim.class_labels, lang))]
            for r in claim.result.refused]
    if not rows:
        rows = [[t("empty", lang), "", "", ""]]
    header = [t(k, lang) for k in ("col.committee", "col.case_no", "col.closed_on",
                                   "col.reasons")]
    return Section(t("title.refused", lang), _meta(claim, lang), header, rows,
                   [NORMAL] * len(rows), [2.0, 2.4, 1.1, 3.5])


def claim_sections(claim: Claim, lang: str = "zh") -> list[Section]:
    by_committee: dict[str, list[s.MediatorClaim]] = {}
    for m in claim.result.mediators:
        by_committee.setdefault(m.mediator.committee_code, []).append(m)
    sections = [_committee_section(claim, code, mediators, lang)
                for code, mediators in by_committee.items()]
    return [*sections, _summary_section(claim, by_committee, lang),
            _refused_section(claim, lang)]


def claim_pdf(claim: Claim, lang: str = "zh") -> bytes:
    return render_claim(claim_sections(claim, lang),
                        title=t("title.summary", lang, scope=claim.scope.name),
                        page_label=catalogue.templates("subsidy", "page", lang)[0])
