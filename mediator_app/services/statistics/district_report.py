"""The district report (区矛盾纠纷排查化解情况报告) for a year or any period: a narrative
headline in the district's own style ("共排查矛盾纠纷N件,成功化解M件,化解率为R%"), tables by
street, by dispute type and by month, and the monthly trend (the last two only for a
period of at least three months). Figures come from ``build_report``; the months are the
same report for each month of the period. Tied units are named together (化解率均为…)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlite_utils import Database

from mediator_app.domain.enums import OrgLevel
from mediator_app.domain.periods import Period, months_of, parse_period
from mediator_app.domain.rates import format_rate, rate_formula
from mediator_app.reports.district_pdf import DistrictDoc, DocTable, TrendSeries, render_district
from mediator_app.services.statistics.report import (
    Report,
    SheetCounts,
    UnitFigures,
    build_report,
)

_ZH = {
    "title": "{scope}矛盾纠纷排查化解情况报告",
    "subtitle": "统计期间：{period}（{start} 至 {end}）　统计口径：案件状态截至 {as_of}",
    "lead": "{period}，{scope}共排查矛盾纠纷{disputes}件，成功化解{resolved}件，化解率为{rate}。",
    # 受理 counts acceptances in the period (by acceptance date), not a part of 排查
    "detail": ("同期受理矛盾纠纷{accepted}件。排查的纠纷中，调解中{in_progress}件，调解终止"
               "{terminated}件，不予受理{rejected}件；达成书面协议{written}件、口头协议{oral}件；"
               "涉及金额{wan}万元，涉及人数{people}人。"),
    "types": "从纠纷类型看，以{top}为主。",
    "type_item": "{label}（{n}件，占{share}%）",
    "sep": "、", "clause_sep": "，", "end": "。",
    "best_one": "化解率最高的是{names}（{rate}）",
    "best_tied": "{names}化解率均为{rate}",
    "best_all": "全部{n}个{level}化解率均为{rate}",
    "busiest_one": "排查纠纷最多的是{names}（{n}件）",
    "busiest_tied": "排查纠纷最多的是{names}（各{n}件）",
    "and_more": "{names}等{n}个{level}",
    "numbered": "{zh_n}、{title}",
    "t_units": "各{level}矛盾纠纷排查化解情况",
    "t_types": "矛盾纠纷类型分布",
    "t_months": "各月矛盾纠纷排查化解情况",
    "trend": "各月矛盾纠纷排查化解趋势",
    "unit": "单位", "disputes": "排查纠纷（件）", "accepted": "受理（件）",
    "resolved": "调解成功（件）", "rate": "化解率", "in_progress": "调解中（件）",
    "terminated": "调解终止（件）", "amount": "涉及金额（万元）", "type": "纠纷类型",
    "count": "件数", "share": "占比（%）", "month": "月份", "direct": "{name}本级直属",
    "total": "合计", "s_disputes": "排查纠纷", "s_resolved": "调解成功",
    "note_accepted": ("受理数为统计期间内受理的案件数（按受理日期计），包括此前登记、本期受理"
                      "的案件，因此可能多于排查纠纷数；排查纠纷数按登记日期计。"),
    "note_amount": "涉及金额以万元计，四舍五入保留2位小数。",
    "note_short": "统计期间不足{min}个月，不列各月情况表和趋势图。",
    "page": "第 {page} 页 共 {pages} 页", "child_level": "街道（乡镇）",
}
_EN = {
    "title": "Disputes found and resolved: {scope}",
    "subtitle": "Period: {period} ({start} to {end})   Status as of {as_of}",
    "lead": ("In {period}, {scope} found {disputes} disputes and resolved {resolved}: a "
             "resolution rate of {rate}."),
    "detail": ("In the same period {accepted} cases were accepted. Of the disputes found, "
               "{in_progress} are in mediation, {terminated} were terminated and {rejected} "
               "not accepted; {written} written and {oral} oral agreements; amounts involved "
               "{wan} (10,000 yuan); {people} people involved."),
    "types": "The main dispute types were {top}.",
    "type_item": "{label} ({n}, {share}%)",
    "sep": ", ", "clause_sep": "; ", "end": ".",
    "best_one": "The highest rate was {names} ({rate})",
    "best_tied": "{names} all had the highest rate, {rate}",
    "best_all": "All {n} {level}s had the rate {rate}",
    "busiest_one": "the most disputes were found by {names} ({n})",
    "busiest_tied": "the most disputes were found by {names} ({n} each)",
    "and_more": "{names} and {rest} other {level}s",
    "numbered": "{n}. {title}",
    "t_units": "By {level}",
    "t_types": "By dispute type",
    "t_months": "By month",
    "trend": "Monthly trend",
    "unit": "Unit", "disputes": "Disputes", "accepted": "Accepted", "resolved": "Resolved",
    "rate": "Rate", "in_progress": "In mediation", "terminated": "Terminated",
    "amount": "Amount (10k yuan)", "type": "Dispute type", "count": "Cases",
    "share": "Share (%)", "month": "Month", "direct": "{name} (own cases)", "total": "Total",
    "s_disputes": "Disputes", "s_resolved": "Resolved",
    "note_accepted": ("Accepted counts the cases accepted in the period (by acceptance date), "
                      "including cases registered earlier, so it can exceed the disputes "
                      "found (counted by registration date)."),
    "note_amount": "Amounts in 10,000 yuan, rounded half-up to 2 decimals.",
    "note_short": ("The period is shorter than {min} months: no table by month and no "
                   "trend chart."),
    "page": "Page {page} of {pages}", "child_level": "unit",
}
_ZH_NUMERALS = "一二三四五六七八九十"
MIN_TREND_MONTHS = 3  # a shorter period has no by-month table and no trend chart
MAX_NAMED = 2  # tied units named before "等N个街道（乡镇）"


@dataclass(frozen=True)
class DistrictReport:
    report: Report
    months: list[tuple[Period, SheetCounts]]


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


def _rate_cell(f: SheetCounts) -> str:
    return f"{format_rate(f.rate)}\n{f.rate_numerator}/{f.rate_denominator}"


def _unit_row(name: str, f: SheetCounts) -> list[str]:
    return [name, str(f.disputes), str(f.accepted), str(f.resolved), _rate_cell(f),
            str(f.in_progress), str(f.terminated), _wan(f.amount_fen)]


def _level_word(r: Report, t: dict[str, str]) -> str:
    """The children's level: 街道, or 街道（乡镇） when streets and towns are mixed."""
    if t is _EN or not r.children:
        return t["child_level"]
    order = {level.value: n for n, level in enumerate(OrgLevel)}
    levels = sorted({c.unit.level for c in r.children}, key=lambda v: order.get(v, 99))
    return levels[0] if len(levels) == 1 else f"{levels[0]}（{'、'.join(levels[1:])}）"


def _numbered(n: int, title: str, t: dict[str, str]) -> str:
    return t["numbered"].format(n=n, zh_n=_ZH_NUMERALS[n - 1], title=title)


def _units_table(r: Report, t: dict[str, str], title: str) -> DocTable:
    rows = [_unit_row(c.unit.name, c.figures) for c in r.children]
    if r.children:
        rows.append(_unit_row(t["direct"].format(name=r.scope.name), r.direct))
    rows.append(_unit_row(t["total"], r.totals))
    header = [t[k] for k in ("unit", "disputes", "accepted", "resolved", "rate",
                             "in_progress", "terminated", "amount")]
    return DocTable(title, header, rows, [2.6, 1, 1, 1.1, 1.7, 1, 1, 1.2])


def _types(r: Report) -> list[tuple[str, int]]:
    pairs = [(r.type_labels.get(code, code), n) for code, n in r.totals.by_type.items() if n]
    return sorted(pairs, key=lambda p: -p[1])


def _types_table(r: Report, t: dict[str, str], title: str) -> DocTable:
    total = r.totals.disputes
    rows = [[label, str(n), _share(n, total)] for label, n in _types(r)]
    rows.append([t["total"], str(sum(n for _l, n in _types(r))), "100.0" if total else "0.0"])
    return DocTable(title, [t["type"], t["count"], t["share"]], rows, [3, 1, 1])


def _months_table(d: DistrictReport, t: dict[str, str], title: str) -> DocTable:
    rows = [[m.label, str(f.disputes), str(f.accepted), str(f.resolved), _rate_cell(f)]
            for m, f in d.months]
    r = d.report.totals
    rows.append([t["total"], str(r.disputes), str(r.accepted), str(r.resolved), _rate_cell(r)])
    header = [t["month"], t["disputes"], t["accepted"], t["resolved"], t["rate"]]
    return DocTable(title, header, rows, [1.6, 1, 1, 1, 1.6])


def _names(units: list[UnitFigures], t: dict[str, str], level: str) -> str:
    """``A`` / ``A、B`` / ``A、B等5个街道（乡镇）``: tied units, the busiest first."""
    ordered = sorted(units, key=lambda c: -c.figures.disputes)
    names = t["sep"].join(c.unit.name for c in ordered[:MAX_NAMED])
    if len(ordered) <= MAX_NAMED:
        return names
    return t["and_more"].format(names=names, n=len(ordered), rest=len(ordered) - MAX_NAMED,
                                level=level)


def _leaders(r: Report, t: dict[str, str]) -> str | None:
    """The unit(s) with the highest rate and the unit(s) that found the most disputes;
    ties are named together (化解率均为…), never one unit picked among equals."""
    rated = [c for c in r.children if c.figures.rate is not None]
    if not rated:
        return None
    level = _level_word(r, t)
    top = max(c.figures.rate for c in rated if c.figures.rate is not None)
    best = [c for c in rated if c.figures.rate == top]
    most = max(c.figures.disputes for c in r.children)
    busiest = [c for c in r.children if c.figures.disputes == most]
    key = ("best_one" if len(best) == 1 else
           "best_all" if len(best) == len(r.children) > MAX_NAMED else "best_tied")
    first = t[key].format(names=_names(best, t, level), rate=format_rate(top),
                          n=len(best), level=level)
    second = t["busiest_one" if len(busiest) == 1 else "busiest_tied"].format(
        names=_names(busiest, t, level), n=most)
    return first + t["clause_sep"] + second + t["end"]


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
    leaders = _leaders(r, t)
    if leaders:
        texts.append(leaders)
    return texts


def _trend(d: DistrictReport, t: dict[str, str], title: str) -> TrendSeries:
    labels = [f"{m.start.month}月" if t is _ZH else m.start.strftime("%b") for m, _f in d.months]
    return TrendSeries(title, labels, [(t["s_disputes"], [f.disputes for _m, f in d.months]),
                                       (t["s_resolved"], [f.resolved for _m, f in d.months])])


def has_trend(d: DistrictReport) -> bool:
    """Whether the report shows months: a period of fewer than ``MIN_TREND_MONTHS``
    months has no by-month table and no trend chart (a chart of one or two bars says
    nothing; the monthly sheet is the layout for a month)."""
    return len(d.months) >= MIN_TREND_MONTHS


def district_document(d: DistrictReport, *, lang: str = "zh") -> DistrictDoc:
    t = _EN if lang.lower().startswith("en") else _ZH
    r = d.report
    label = r.period.text if t is _EN else r.period.label
    tables = [_units_table(r, t, _numbered(1, t["t_units"].format(level=_level_word(r, t)), t)),
              _types_table(r, t, _numbered(2, t["t_types"], t))]
    trend = None
    notes = [rate_formula(r.rule, "en" if t is _EN else "zh"), t["note_accepted"],
             t["note_amount"]]
    if has_trend(d):
        tables.append(_months_table(d, t, _numbered(3, t["t_months"], t)))
        trend = _trend(d, t, _numbered(4, t["trend"], t))
    else:
        notes.append(t["note_short"].format(min=MIN_TREND_MONTHS))
    return DistrictDoc(
        title=t["title"].format(scope=r.scope.name),
        subtitle=t["subtitle"].format(period=label, start=r.period.start, end=r.period.end,
                                      as_of=r.as_of),
        paragraphs=_paragraphs(d, t), tables=tables, trend=trend, footnotes=notes,
        page_label=t["page"], latin_headings=t is _EN)


def district_report_pdf(db: Database, *, period: str | Period, scope: str | None = None,
                        as_of: date | None = None, lang: str = "zh") -> bytes:
    data = build_district_report(db, period=period, scope=scope, as_of=as_of)
    return render_district(district_document(data, lang=lang))
