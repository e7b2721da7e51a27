"""The district report (区矛盾纠纷排查化解情况报告) for a year or any period: a narrative
headline in the district's own style ("共排查矛盾纠纷N件,成功化解M件,化解率为R%"), tables by
street, by dispute type and by month, and the monthly trend. Figures come from
``build_report``; the months are the same report for each month of the period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlite_utils import Database

from mediator_app.domain.periods import Period, months_of, parse_period
from mediator_app.domain.rates import format_rate, rate_formula
from mediator_app.reports.district_pdf import DistrictDoc, DocTable, TrendSeries, render_district
from mediator_app.services.statistics import Figures, Report, build_report

_ZH = {
    "title": "{scope}矛盾纠纷排查化解情况报告",
    "subtitle": "统计期间：{period}（{start} 至 {end}）　统计口径：案件状态截至 {as_of}",
    "lead": "{period}，{scope}共排查矛盾纠纷{disputes}件，成功化解{resolved}件，化解率为{rate}。",
    "detail": ("其中受理{accepted}件，调解中{in_progress}件，调解终止{terminated}件，不予受理"
               "{rejected}件；达成书面协议{written}件、口头协议{oral}件；涉及金额{wan}万元，"
               "涉及人数{people}人。"),
    "types": "从纠纷类型看，以{top}为主。",
    "type_item": "{label}（{n}件，占{share}%）",
    "sep": "、",
    "best": "化解率最高的是{name}（{rate}），排查纠纷最多的是{busiest}（{n}件）。",
    "t_units": "一、各{level}矛盾纠纷排查化解情况",
    "t_types": "二、矛盾纠纷类型分布",
    "t_months": "三、各月矛盾纠纷排查化解情况",
    "unit": "单位", "disputes": "排查纠纷（件）", "accepted": "受理（件）",
    "resolved": "调解成功（件）", "rate": "化解率", "in_progress": "调解中（件）",
    "terminated": "调解终止（件）", "amount": "涉及金额（万元）", "type": "纠纷类型",
    "count": "件数", "share": "占比（%）", "month": "月份", "direct": "{name}本级直属",
    "total": "合计", "trend": "四、各月矛盾纠纷排查化解趋势", "s_disputes": "排查纠纷",
    "s_resolved": "调解成功", "note_amount": "涉及金额以万元计，四舍五入保留2位小数。",
    "page": "第 {page} 页 共 {pages} 页", "child_level": "街道（乡镇）",
}
_EN = {
    "title": "Disputes found and resolved: {scope}",
    "subtitle": "Period: {period} ({start} to {end})   Status as of {as_of}",
    "lead": ("In {period}, {scope} found {disputes} disputes and resolved {resolved}: a "
             "resolution rate of {rate}."),
    "detail": ("{accepted} were accepted, {in_progress} are in mediation, {terminated} were "
               "terminated and {rejected} not accepted; {written} written and {oral} oral "
               "agreements; amounts involved {wan} (10,000 yuan); {people} people involved."),
    "types": "The main dispute types were {top}.",
    "type_item": "{label} ({n}, {share}%)",
    "sep": ", ",
    "best": "The highest rate was {name} ({rate}); the most disputes were found by "
            "{busiest} ({n}).",
    "t_units": "1. By {level}",
    "t_types": "2. By dispute type",
    "t_months": "3. By month",
    "unit": "Unit", "disputes": "Disputes", "accepted": "Accepted", "resolved": "Resolved",
    "rate": "Rate", "in_progress": "In mediation", "terminated": "Terminated",
    "amount": "Amount (10k yuan)", "type": "Dispute type", "count": "Cases",
    "share": "Share (%)", "month": "Month", "direct": "{name} (own cases)", "total": "Total",
    "trend": "4. Monthly trend", "s_disputes": "Disputes", "s_resolved": "Resolved",
    "note_amount": "Amounts in 10,000 yuan, rounded half-up to 2 decimals.",
    "page": "Page {page} of {pages}", "child_level": "unit",
}


@dataclass(frozen=True)
class DistrictReport:
    report: Report
    months: list[tuple[Period, Figures]]


def build_district_report(db: Database, *, period: str | Period, scope: str | None = None,
                          as_of: date | None = None) -> DistrictReport:
    span = parse_period(period) if isinstance(period, str) else period
    report = build_report(db, period=span, scope=scope, as_of=as_of)
    months = [(m, build_report(db, period=m, scope=report.scope.code,
                               as_of=report.as_of).totals) for m in months_of(span)]
    return DistrictReport(report, months)


def _wan(fen: int) -> str:
    return str((Decimal(fen) / Decimal(1_000_000)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _share(n: int, total: int) -> str:
    if not total:
        return "0.0"
    return str((Decimal(100 * n) / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _rate_cell(f: Figures) -> str:
    return f"{format_rate(f.rate)}\n{f.rate_numerator}/{f.rate_denominator}"


def _unit_row(name: str, f: Figures) -> list[str]:
    return [name, str(f.disputes), str(f.accepted), str(f.resolved), _rate_cell(f),
            str(f.in_progress), str(f.terminated), _wan(f.amount_fen)]


def _units_table(r: Report, t: dict[str, str]) -> DocTable:
    rows = [_unit_row(c.unit.name, c.figures) for c in r.children]
    if r.children:
        rows.append(_unit_row(t["direct"].format(name=r.scope.name), r.direct))
    rows.append(_unit_row(t["total"], r.totals))
    header = [t[k] for k in ("unit", "disputes", "accepted", "resolved", "rate",
                             "in_progress", "terminated", "amount")]
    level = r.children[0].unit.level if r.children else t["child_level"]
    return DocTable(t["t_units"].format(level=level), header, rows,
                    [2.6, 1, 1, 1.1, 1.7, 1, 1, 1.2])


def _types(r: Report) -> list[tuple[str, int]]:
    pairs = [(r.type_labels.get(code, code), n) for code, n in r.totals.by_type.items() if n]
    return sorted(pairs, key=lambda p: -p[1])


def _types_table(r: Report, t: dict[str, str]) -> DocTable:
    total = r.totals.disputes
    rows = [[label, str(n), _share(n, total)] for label, n in _types(r)]
    rows.append([t["total"], str(sum(n for _l, n in _types(r))), "100.0" if total else "0.0"])
    return DocTable(t["t_types"], [t["type"], t["count"], t["share"]], rows, [3, 1, 1])


def _months_table(d: DistrictReport, t: dict[str, str]) -> DocTable:
    rows = [[m.label, str(f.disputes), str(f.accepted), str(f.resolved), _rate_cell(f)]
            for m, f in d.months]
    r = d.report.totals
    rows.append([t["total"], str(r.disputes), str(r.accepted), str(r.resolved), _rate_cell(r)])
    header = [t["month"], t["disputes"], t["accepted"], t["resolved"], t["rate"]]
    return DocTable(t["t_months"], header, rows, [1.6, 1, 1, 1, 1.6])


def _paragraphs(d: DistrictReport, t: dict[str, str]) -> list[str]:
    r, f = d.report, d.report.totals
    label = r.period.text if t is _EN else r.period.label
    texts = [t["lead"].format(period=label, scope=r.scope.name, disputes=f.disputes,
                              resolved=f.resolved, rate=format_rate(f.rate)),
             t["detail"].format(accepted=f.accepted, in_progress=f.in_progress,
                                terminated=f.terminated, rejected=f.rejected,
                                written=f.written, oral=f.oral, wan=_wan(f.amount_fen),
                                people=f.people_involved)]
    top = [t["type_item"].format(label=lab, n=n, share=_share(n, f.disputes))
           for lab, n in _types(r)[:3]]
    if top:
        texts.append(t["types"].format(top=t["sep"].join(top)))
    rated = [c for c in r.children if c.figures.rate is not None]
    if rated:
        best = max(rated, key=lambda c: (c.figures.rate, c.figures.disputes))
        busiest = max(r.children, key=lambda c: c.figures.disputes)
        texts.append(t["best"].format(name=best.unit.name, rate=format_rate(best.figures.rate),
                                      busiest=busiest.unit.name, n=busiest.figures.disputes))
    return texts


def district_document(d: DistrictReport, *, lang: str = "zh") -> DistrictDoc:
    t = _EN if lang.lower().startswith("en") else _ZH
    r = d.report
    label = r.period.text if t is _EN else r.period.label
    month_labels = [f"{m.start.month}月" if t is _ZH else m.start.strftime("%b")
                    for m, _f in d.months]
    trend = TrendSeries(t["trend"], month_labels,
                        [(t["s_disputes"], [f.disputes for _m, f in d.months]),
                         (t["s_resolved"], [f.resolved for _m, f in d.months])])
    formula = rate_formula(r.rule, "en" if t is _EN else "zh")
    return DistrictDoc(
        title=t["title"].format(scope=r.scope.name),
        subtitle=t["subtitle"].format(period=label, start=r.period.start, end=r.period.end,
                                      as_of=r.as_of),
        paragraphs=_paragraphs(d, t),
        tables=[_units_table(r, t), _types_table(r, t), _months_table(d, t)],
        trend=trend, footnotes=[formula, t["note_amount"]], page_label=t["page"])


def district_report_pdf(db: Database, *, period: str | Period, scope: str | None = None,
                        as_of: date | None = None, lang: str = "zh") -> bytes:
    data = build_district_report(db, period=period, scope=scope, as_of=as_of)
    return render_district(district_document(data, lang=lang))
