"""A statistics ``Report`` formatted for output: the printed sheet (labels, numbered
columns, 万元, cross-checks, footnotes), the CSV table (English keys), and the report of
a period and scope as JSON, CSV or PDF bytes (``export_report``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.periods import Period
from mediator_app.domain.rates import rate_formula
from mediator_app.reports import csv_out, json_out
from mediator_app.reports.tables import (
    ROW_DIRECT,
    ROW_SUB,
    ROW_TOTAL,
    ROW_UNIT,
    Column,
    Sheet,
    SheetTable,
)
from mediator_app.services.statistics.report import (
    PREVENTION_KEYS,
    Report,
    SheetCounts,
    build_report,
    figures_to_dict,
    report_to_dict,
    yuan,
)
from mediator_app.storage.settings_repo import SettingsRepository

if TYPE_CHECKING:  # the lean ledger object stands in for it at run time (issue 13)
    from sqlite_utils import Database

FORMATS = ("json", "csv", "pdf")
_ZH = {
    "title": "人民调解矛盾纠纷统计表", "unit": "填报单位", "period": "统计期间",
    "basis": "统计口径", "filed": "填报日期", "no": "序号", "name": "单位名称",
    "direct": "{name}（本级直属）", "total": "合计", "sub_direct": "（村/社区直属，未落网格）",
    "as_of": "案件状态截至 {as_of}", "t1": "一、矛盾纠纷排查调处情况",
    "t2": "二、纠纷类型（件）", "t3": "三、案件来源、当事人及预防成效",
    "headline": "共排查矛盾纠纷{disputes}件，成功化解{resolved}件，化解率为{rate}",
    "ok": "相符", "bad": "不符",
    "check_types": "核对：各类型之和 {sum} 件，排查纠纷数 {disputes} 件（{verdict}）",
    "check_forms": "核对：书面 {written} 件 + 口头 {oral} 件 = {sum} 件，"
                   "调解成功 {resolved} 件（{verdict}）",
    "check_status": "核对：待受理 + 调解中 + 调解成功 + 调解终止 + 不予受理 = {sum} 件，"
                    "排查纠纷数 {disputes} 件（{verdict}）",
    "note_rate": "化解率栏第二行为“分子/分母”。",
    "note_basis": "排查纠纷数：统计期间内登记的纠纷；受理数：统计期间内受理的案件；"
                  "其余各栏为所排查纠纷截至 {as_of} 的情况。",
    "note_amount": "涉及金额单位为万元，四舍五入保留两位小数。",
    "signatures": ("填报人", "审核人", "单位负责人"), "page": "第 {page} 页 共 {pages} 页",
    "colon": "：", "semicolon": "；",
    "pieces": "件", "persons": "人", "wan": "万元", "pct": "%",
    "cols1": ("排查纠纷数", "受理数", "调解成功", "化解率", "调解中", "调解终止", "不予受理",
              "待受理", "书面协议", "口头协议", "司法确认", "已履行", "涉及金额", "涉及人数"),
    "type_total": "合计", "multi": "三方以上当事人", "mass": "群体性纠纷",
}
_EN = {
    **_ZH,
    "title": "People's Mediation Dispute Statistics", "unit": "Reporting unit",
    "period": "Period", "basis": "Basis", "filed": "Filed on", "no": "No.",
    "name": "Unit", "direct": "{name} (own cases)", "total": "Total",
    "sub_direct": "(own cases, no grid)",
    "as_of": "status as of {as_of}", "t1": "1. Disputes found and handled",
    "t2": "2. Dispute types (cases)", "t3": "3. Sources, parties and prevention",
    "headline": "{disputes} disputes found, {resolved} resolved, resolution rate {rate}",
    "ok": "consistent", "bad": "INCONSISTENT",
    "check_types": "Check: sum of types {sum}, disputes {disputes} ({verdict})",
    "check_forms": "Check: written {written} + oral {oral} = {sum}, resolved {resolved} "
                   "({verdict})",
    "check_status": "Check: pending + in progress + resolved + terminated + rejected = "
                    "{sum}, disputes {disputes} ({verdict})",
    "note_rate": "The second line of the rate column is numerator/denominator.",
    "note_basis": "Disputes: registered in the period; accepted: accepted in the period; "
                  "all other columns describe those disputes as of {as_of}.",
    "note_amount": "Amounts in 10,000 yuan, rounded half up to two decimals.",
    "signatures": ("Prepared by", "Reviewed by", "Head of unit"),
    "page": "Page {page} of {pages}", "pieces": "cases", "persons": "persons",
    "colon": ": ", "semicolon": "; ",
    "wan": "10k yuan",
    "cols1": ("Disputes", "Accepted", "Resolved", "Rate", "In progress", "Terminated",
              "Rejected", "Pending", "Written", "Oral", "Judicially confirmed", "Performed",
              "Amount", "People"),
    "type_total": "Total", "multi": "3+ parties", "mass": "Mass disputes",
}
_SCALARS = ("disputes", "accepted", "resolved", "resolution_rate", "rate_numerator",
            "rate_denominator", "pending", "in_progress", "terminated", "rejected",
            "written", "oral", "judicially_confirmed", "performed", "multi_party",
            "mass_disputes", "amount_yuan", "people_involved")


def _labels(lang: str) -> dict[str, Any]:
    return _EN if lang.lower().startswith("en") else _ZH


def wan_yuan(amount_fen: int) -> str:
    """万元 with two decimals, rounded half up: 12,345,678 fen -> ``12.35``."""
    return str((Decimal(amount_fen) / 1_000_000).quantize(Decimal("0.01"), ROUND_HALF_UP))


# ---- rows of the three tables -----------------------------------------------------------

Row = tuple[str, str, str, SheetCounts]  # (序号, name, kind, figures)


def _sub_rows(report: Report, code: str, labels: dict[str, Any]) -> list[Row]:
    """A village/community's grids (indented) and its own direct cases, if any."""
    subs = report.grandchildren.get(code) or []
    if not subs:
        return []
    rows: list[Row] = [("", "└ " + g.unit.name, ROW_SUB, g.figures) for g in subs]
    own = report.child_direct.get(code)
    if own is not None and (own.disputes or own.accepted):
        rows.append(("", "└ " + labels["sub_direct"], ROW_SUB, own))
    return rows


def _rows(report: Report, labels: dict[str, Any], *, sub_rows: bool = False) -> list[Row]:
    rows: list[Row] = []
    for i, c in enumerate(report.children, start=1):
        rows.append((str(i), c.unit.name, ROW_UNIT, c.figures))
        if sub_rows:
            rows += _sub_rows(report, c.unit.code, labels)
    direct_name = (report.scope.name if not report.children
                   else labels["direct"].format(name=report.scope.name))
    rows.append(("", direct_name, ROW_DIRECT, report.direct))
    rows.append(("", labels["total"], ROW_TOTAL, report.totals))
    return rows


def _main_cells(f: SheetCounts) -> list[str]:
    rate = f.rate_text.rstrip("%") + f"\n{f.rate_numerator}/{f.rate_denominator}"
    values = [f.disputes, f.accepted, f.resolved, rate, f.in_progress, f.terminated,
              f.rejected, f.pending, f.written, f.oral, f.judicially_confirmed, f.performed,
              wan_yuan(f.amount_fen), f.people_involved]
    return [str(v) for v in values]


def _type_cells(report: Report) -> Callable[[SheetCounts], list[str]]:
    def cells(f: SheetCounts) -> list[str]:
        counts = [f.by_type.get(code, 0) for code in report.type_labels]
        return [str(n) for n in [*counts, sum(counts)]]
    return cells


def _other_cells(report: Report) -> Callable[[SheetCounts], list[str]]:
    def cells(f: SheetCounts) -> list[str]:
        values = [f.by_source.get(g, 0) for g in report.source_groups]
        values += [f.multi_party, f.mass_disputes]
        for label in PREVENTION_KEYS:
            values += [f.prevention_cases.get(label, 0), f.prevention_persons.get(label, 0)]
        return [str(v) for v in values]
    return cells


def _numbered(specs: list[tuple[str, str]], start: int, weight: float = 1.0) -> list[Column]:
    return [Column(label, unit, f"({start + i})", weight) for i, (label, unit) in
            enumerate(specs)]


def _table(title: str, data_columns: list[Column], rows: list[Row],
           cells: Callable[[SheetCounts], list[str]], labels: dict[str, Any]) -> SheetTable:
    columns = [Column(labels["no"], weight=0.6), Column(labels["name"], weight=3.2),
               *data_columns]
    body = [[no, name, *cells(fig)] for no, name, _kind, fig in rows]
    return SheetTable(title, columns, body, [kind for _n, _m, kind, _f in rows])


def _tables(report: Report, labels: dict[str, Any], *,
            sub_rows: bool = False) -> list[SheetTable]:
    rows = _rows(report, labels, sub_rows=sub_rows)
    pc, ps = labels["pieces"], labels["persons"]
    units1 = [pc, pc, pc, labels["pct"], pc, pc, pc, pc, pc, pc, pc, pc, labels["wan"], ps]
    cols1 = _numbered(list(zip(labels["cols1"], units1, strict=True)), 1)
    n = len(cols1) + 1
    cols2 = _numbered([(lab, pc) for lab in report.type_labels.values()]
                      + [(labels["type_total"], pc)], n)
    n += len(cols2)
    specs3 = [(g, pc) for g in report.source_groups]
    specs3 += [(labels["multi"], pc), (labels["mass"], pc)]
    for label in PREVENTION_KEYS:
        specs3 += [(label, pc), (label, ps)]
    cols3 = _numbered(specs3, n)
    return [_table(labels["t1"], cols1, rows, _main_cells, labels),
            _table(labels["t2"], cols2, rows, _type_cells(report), labels),
            _table(labels["t3"], cols3, rows, _other_cells(report), labels)]


def _checks(t: SheetCounts, labels: dict[str, Any]) -> list[str]:
    def verdict(ok: bool) -> str:
        return str(labels["ok"] if ok else labels["bad"])

    types = sum(t.by_type.values())
    forms = t.written + t.oral
    status = t.pending + t.in_progress + t.resolved + t.terminated + t.rejected
    return [
        labels["check_types"].format(sum=types, disputes=t.disputes,
                                     verdict=verdict(types == t.disputes)),
        labels["check_forms"].format(written=t.written, oral=t.oral, sum=forms,
                                     resolved=t.resolved, verdict=verdict(forms == t.resolved)),
        labels["check_status"].format(sum=status, disputes=t.disputes,
                                      verdict=verdict(status == t.disputes)),
    ]


def build_sheet(report: Report, *, lang: str = "zh", today: date | None = None,
                signatory: str = "", sub_rows: bool = False) -> Sheet:
    """The printed sheet. ``sub_rows``: under each village/community of a street sheet,
    its grids (indented) — the on-screen preview keeps one row per child."""
    labels = _labels(lang)
    as_of = report.as_of.isoformat()
    name = report.period.text if labels is _EN else report.period.label
    period = f"{name}（{report.period.start} — {report.period.end}）"
    formula = rate_formula(report.rule, "en" if labels is _EN else "zh")
    basis = labels["as_of"].format(as_of=as_of) + labels["semicolon"] + formula
    t = report.totals
    return Sheet(
        title=labels["title"],
        meta=[(labels["unit"], report.scope.name), (labels["period"], period),
              (labels["basis"], basis), (labels["filed"], (today or date.today()).isoformat())],
        headline=labels["headline"].format(disputes=t.disputes, resolved=t.resolved,
                                           rate=t.rate_text),
        tables=_tables(report, labels, sub_rows=sub_rows),
        checks=_checks(t, labels),
        footnotes=[formula + "。", labels["note_rate"],
                   labels["note_basis"].format(as_of=as_of), labels["note_amount"]],
        signatures=[(s, signatory if i == 0 else "")
                    for i, s in enumerate(labels["signatures"])],
        page_label=labels["page"],
        colon=labels["colon"],
    )


# ---- CSV and JSON ----------------------------------------------------------------------

def csv_table(report: Report) -> tuple[list[str], list[list[object]]]:
    """English-key header and one row per child, then ``direct`` and ``total``."""
    sample = figures_to_dict(report.totals, report)
    header = ["period", "as_of", "row_type", "code", "name", "level", *_SCALARS]
    header += [f"source:{g}" for g in sample["by_source"]]
    header += [f"type:{label}" for label in sample["by_type"]]
    header += [f"prevention:{label}:{k}" for label in sample["prevention"]
               for k in ("cases", "persons")]
    units = [(ROW_UNIT, c.unit.code, c.unit.name, c.unit.level, c.figures)
             for c in report.children]
    units.append((ROW_DIRECT, report.scope.code, report.scope.name, report.scope.level,
                  report.direct))
    units.append((ROW_TOTAL, report.scope.code, report.scope.name, report.scope.level,
                  report.totals))
    rows = [[report.period.text, report.as_of.isoformat(), kind, code, name, level,
             *_csv_values(fig, report)] for kind, code, name, level, fig in units]
    return header, rows


def _csv_values(fig: SheetCounts, report: Report) -> list[object]:
    d = figures_to_dict(fig, report)
    d["resolution_rate"] = fig.rate  # Decimal: printed as 99.89, never 99.89000001
    d["amount_yuan"] = yuan(fig.amount_fen)  # Decimal with two decimals
    values: list[object] = [d[k] for k in _SCALARS]
    values += list(d["by_source"].values()) + list(d["by_type"].values())
    for entry in d["prevention"].values():
        values += [entry["cases"], entry["persons"]]
    return values


def json_bytes(report: Report) -> bytes:
    return json_out.json_bytes(report_to_dict(report))


def csv_bytes(report: Report) -> bytes:
    header, rows = csv_table(report)
    return csv_out.csv_bytes(header, rows)


def pdf_bytes(report: Report, *, lang: str = "zh", today: date | None = None,
              signatory: str = "") -> bytes:
    # lazy: reportlab (about 0.3 s) loads only when a PDF is made
    from mediator_app.reports import sheet_pdf  # reportlab: only when a PDF is made

    return sheet_pdf.render_sheet(build_sheet(report, lang=lang, today=today,
                                              signatory=signatory, sub_rows=True))


def export_report(db: Database, *, period: str | Period, scope: str | None, fmt: str,
                  as_of: date | None = None, lang: str = "zh") -> bytes:
    """The report as JSON, CSV (UTF-8 with BOM) or PDF bytes."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise DomainError(Problem("format", "enum.invalid",
                                  {"value": fmt, "allowed": ", ".join(FORMATS)}))
    report = build_report(db, period=period, scope=scope, as_of=as_of)
    if fmt == "json":
        return json_bytes(report)
    if fmt == "csv":
        return csv_bytes(report)
    return pdf_bytes(report, lang=lang, signatory=SettingsRepository(db).get(
        "sheet_signatory"))
