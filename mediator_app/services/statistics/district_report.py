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

from mediator_app.domain import catalogue
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

_ZH_NUMERALS = "一二三四五六七八九十"  # the Chinese numbers its sections 一、二、…
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


def _t(key: str, lang: str, **params: object) -> str:
    """A word of the report (the catalogue's "district" area)."""
    return catalogue.text("district", key, lang, **params)


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


def _level_word(r: Report, lang: str) -> str:
    """The children's level: 街道, or 街道（乡镇） when streets and towns are mixed."""
    if lang == "en" or not r.children:
        return _t("child_level", lang)
    order = {level.value: n for n, level in enumerate(OrgLevel)}
    levels = sorted({c.unit.level for c in r.children}, key=lambda v: order.get(v, 99))
    return levels[0] if len(levels) == 1 else f"{levels[0]}（{'、'.join(levels[1:])}）"


def _numbered(n: int, title: str, lang: str) -> str:
    return _t("numbered", lang, n=n if lang == "en" else _ZH_NUMERALS[n - 1], title=title)


def _units_table(r: Report, lang: str, title: str) -> DocTable:
    rows = [_unit_row(c.unit.name, c.figures) for c in r.children]
    if r.children:
        rows.append(_unit_row(_t("direct", lang, name=r.scope.name), r.direct))
    rows.append(_unit_row(_t("total", lang), r.totals))
    header = [_t(k, lang) for k in ("unit", "disputes", "accepted", "resolved", "rate",
                                    "in_progress", "terminated", "amount")]
    return DocTable(title, header, rows, [2.6, 1, 1, 1.1, 1.7, 1, 1, 1.2])


def _types(r: Report) -> list[tuple[str, int]]:
    pairs = [(r.type_labels.get(code, code), n) for code, n in r.totals.by_type.items() if n]
    return sorted(pairs, key=lambda p: -p[1])


def _types_table(r: Report, lang: str, title: str) -> DocTable:
    total = r.totals.disputes
    rows = [[label, str(n), _share(n, total)] for label, n in _types(r)]
    rows.append([_t("total", lang), str(sum(n for _l, n in _types(r))),
                 "100.0" if total else "0.0"])
    header = [_t("type", lang), _t("count", lang), _t("share", lang)]
    return DocTable(title, header, rows, [3, 1, 1])


def _months_table(d: DistrictReport, lang: str, title: str) -> DocTable:
    rows = [[m.label, str(f.disputes), str(f.accepted), str(f.resolved), _rate_cell(f)]
            for m, f in d.months]
    r = d.report.totals
    rows.append([_t("total", lang), str(r.disputes), str(r.accepted), str(r.resolved),
                 _rate_cell(r)])
    header = [_t(k, lang) for k in ("month", "disputes", "accepted", "resolved", "rate")]
    return DocTable(title, header, rows, [1.6, 1, 1, 1, 1.6])


def _names(units: list[UnitFigures], lang: str, level: str) -> str:
    """``A`` / ``A、B`` / ``A、B等5个街道（乡镇）``: tied units, the busiest first."""
    ordered = sorted(units, key=lambda c: -c.figures.disputes)
    names = _t("sep", lang).join(c.unit.name for c in ordered[:MAX_NAMED])
    if len(ordered) <= MAX_NAMED:
        return names
    return _t("and_more", lang, names=names, n=len(ordered), rest=len(ordered) - MAX_NAMED,
              level=level)


def _leaders(r: Report, lang: str) -> str | None:
    """The unit(s) with the highest rate and the unit(s) that found the most disputes;
    ties are named together (化解率均为…), never one unit picked among equals."""
    rated = [c for c in r.children if c.figures.rate is not None]
    if not rated:
        return None
    level = _level_word(r, lang)
    top = max(c.figures.rate for c in rated if c.figures.rate is not None)
    best = [c for c in rated if c.figures.rate == top]
    most = max(c.figures.disputes for c in r.children)
    busiest = [c for c in r.children if c.figures.disputes == most]
    key = ("best_one" if len(best) == 1 else
           "best_all" if len(best) == len(r.children) > MAX_NAMED else "best_tied")
    first = _t(key, lang, names=_names(best, lang, level), rate=format_rate(top),
               n=len(best), level=level)
    second = _t("busiest_one" if len(busiest) == 1 else "busiest_tied", lang,
                names=_names(busiest, lang, level), n=most)
    return first + _t("clause_sep", lang) + second + _t("end", lang)


def _paragraphs(d: DistrictReport, lang: str) -> list[str]:
    r, f = d.report, d.report.totals
    label = r.period.text if lang == "en" else r.period.label
    texts = [_t("lead", lang, period=label, scope=r.scope.name, disputes=f.disputes,
                resolved=f.resolved, rate=format_rate(f.rate)),
             _t("detail", lang, accepted=f.accepted, in_progress=f.in_progress,
                terminated=f.terminated, rejected=f.rejected, written=f.written, oral=f.oral,
                wan=_wan(f.amount_fen), people=f.people_involved)]
    top = [_t("type_item", lang, label=lab, n=n, share=_share(n, f.disputes))
           for lab, n in _types(r)[:3]]
    if top:
        texts.append(_t("types", lang, top=_t("sep", lang).join(top)))
    leaders = _leaders(r, lang)
    if leaders:
        texts.append(leaders)
    return texts


def _trend(d: DistrictReport, lang: str, title: str) -> TrendSeries:
    labels = [_t(f"month.{m.start.month}", lang) for m, _f in d.months]
    return TrendSeries(title, labels,
                       [(_t("s_disputes", lang), [f.disputes for _m, f in d.months]),
                        (_t("s_resolved", lang), [f.resolved for _m, f in d.months])])


def has_trend(d: DistrictReport) -> bool:
    """Whether the report shows months: a period of fewer than ``MIN_TREND_MONTHS``
    months has no by-month table and no trend chart (a chart of one or two bars says
    nothing; the monthly sheet is the layout for a month)."""
    return len(d.months) >= MIN_TREND_MONTHS


def district_document(d: DistrictReport, *, lang: str = "zh") -> DistrictDoc:
    lang = catalogue.lang_of(lang)
    r = d.report
    label = r.period.text if lang == "en" else r.period.label
    units_title = _t("t_units", lang, level=_level_word(r, lang))
    tables = [_units_table(r, lang, _numbered(1, units_title, lang)),
              _types_table(r, lang, _numbered(2, _t("t_types", lang), lang))]
    trend = None
    notes = [rate_formula(r.rule, lang), _t("note_accepted", lang), _t("note_amount", lang)]
    if has_trend(d):
        tables.append(_months_table(d, lang, _numbered(3, _t("t_months", lang), lang)))
        trend = _trend(d, lang, _numbered(4, _t("trend", lang), lang))
    else:
        notes.append(_t("note_short", lang, min=MIN_TREND_MONTHS))
    return DistrictDoc(
        title=_t("title", lang, scope=r.scope.name),
        subtitle=_t("subtitle", lang, period=label, start=r.period.start, end=r.period.end,
                    as_of=r.as_of),
        paragraphs=_paragraphs(d, lang), tables=tables, trend=trend, footnotes=notes,
        page_label=catalogue.templates("district", "page", lang)[0],
        latin_headings=lang == "en")


def district_report_pdf(db: Database, *, period: str | Period, scope: str | None = None,
                        as_of: date | None = None, lang: str = "zh") -> bytes:
    data = build_district_report(db, period=period, scope=scope, as_of=as_of)
    return render_district(district_document(data, lang=lang))
