"""A statistics ``Report`` formatted for output: the printed sheet (labels, numbered
columns, 万元, cross-checks, footnotes), the CSV table (English keys), and the report of
a period and scope as JSON, CSV or PDF bytes (``export_report``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from mediator_app.domain import catalogue
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
# table 1's columns (the catalogue's "sheet" area: col.<key>) and the signature lines
_MAIN_COLUMNS = ("disputes", "accepted", "resolved", "rate", "in_progress", "terminated",
                 "rejected", "pending", "written", "oral", "judicially_confirmed",
                 "performed", "amount", "people")
_SIGNATURES = ("prepared", "reviewed", "head")
_SCALARS = ("disputes", "accepted", "resolved", "resolution_rate", "rate_numerator",
            "rate_denominator", "pending", "in_progress", "terminated", "rejected",
            "written", "oral", "judicially_confirmed", "performed", "multi_party",
            "mass_disputes", "amount_yuan", "people_involved")


def _t(key: str, lang: str, **params: object) -> str:
    """A word of the sheet (the catalogue's "sheet" area)."""
    return catalogue.text("sheet", key, lang, **params)


def wan_yuan(amount_fen: int) -> str:
    """万元 with two decimals, rounded half up: 12,345,678 fen -> ``12.35``."""
    return str((Decimal(amount_fen) / 1_000_000).quantize(Decimal("0.01"), ROUND_HALF_UP))


# ---- rows of the three tables -----------------------------------------------------------

Row = tuple[str, str, str, SheetCounts]  # (序号, name, kind, figures)


def _sub_rows(report: Report, code: str, lang: str) -> list[Row]:
    """A village/community's grids (indented) and its own direct cases, if any."""
    subs = report.grandchildren.get(code) or []
    if not subs:
        return []
    rows: list[Row] = [("", "└ " + g.unit.name, ROW_SUB, g.figures) for g in subs]
    own = report.child_direct.get(code)
    if own is not None and (own.disputes or own.accepted):
        rows.append(("", "└ " + _t("sub_direct", lang), ROW_SUB, own))
    return rows


def _rows(report: Report, lang: str, *, sub_rows: bool = False) -> list[Row]:
    rows: list[Row] = []
    for i, c in enumerate(report.children, start=1):
        rows.append((str(i), c.unit.name, ROW_UNIT, c.figures))
        if sub_rows:
            rows += _sub_rows(report, c.unit.code, lang)
    direct_name = (report.scope.name if not report.children
                   else _t("direct", lang, name=report.scope.name))
    rows.append(("", direct_name, ROW_DIRECT, report.direct))
    rows.append(("", _t("total", lang), ROW_TOTAL, report.totals))
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
           cells: Callable[[SheetCounts], list[str]], lang: str) -> SheetTable:
    columns = [Column(_t("no", lang), weight=0.6), Column(_t("name", lang), weight=3.2),
               *data_columns]
    body = [[no, name, *cells(fig)] for no, name, _kind, fig in rows]
    return SheetTable(title, columns, body, [kind for _n, _m, kind, _f in rows])


def _tables(report: Report, lang: str, *, sub_rows: bool = False) -> list[SheetTable]:
    rows = _rows(report, lang, sub_rows=sub_rows)
    pc, ps = _t("pieces", lang), _t("persons", lang)
    units1 = [pc, pc, pc, "%", pc, pc, pc, pc, pc, pc, pc, pc, _t("wan", lang), ps]
    names1 = [_t(f"col.{key}", lang) for key in _MAIN_COLUMNS]
    cols1 = _numbered(list(zip(names1, units1, strict=True)), 1)
    n = len(cols1) + 1
    cols2 = _numbered([(lab, pc) for lab in report.type_labels.values()]
                      + [(_t("type_total", lang), pc)], n)
    n += len(cols2)
    specs3 = [(g, pc) for g in report.source_groups]
    specs3 += [(_t("multi", lang), pc), (_t("mass", lang), pc)]
    for label in PREVENTION_KEYS:
        specs3 += [(label, pc), (label, ps)]
    cols3 = _numbered(specs3, n)
    return [_table(_t("t1", lang), cols1, rows, _main_cells, lang),
            _table(_t("t2", lang), cols2, rows, _type_cells(report), lang),
            _table(_t("t3", lang), cols3, rows, _other_cells(report), lang)]


def _checks(t: SheetCounts, lang: str) -> list[str]:
    def verdict(ok: bool) -> str:
        return _t("ok" if ok else "bad", lang)

    types = sum(t.by_type.values())
    forms = t.written + t.oral
    status = t.pending + t.in_progress + t.resolved + t.terminated + t.rejected
    return [
        _t("check_types", lang, sum=types, disputes=t.disputes,
           verdict=verdict(types == t.disputes)),
        _t("check_forms", lang, written=t.written, oral=t.oral, sum=forms, resolved=t.resolved,
           verdict=verdict(forms == t.resolved)),
        _t("check_status", lang, sum=status, disputes=t.disputes,
           verdict=verdict(status == t.disputes)),
    ]


def build_sheet(report: Report, *, lang: str = "zh", today: date | None = None,
                signatory: str = "", sub_rows: bool = False) -> Sheet:
    """The printed sheet. ``sub_rows``: under each village/community of a street sheet,
    its grids (indented) — the on-screen preview keeps one row per child."""
    lang = catalogue.lang_of(lang)
    as_of = report.as_of.isoformat()
    name = report.period.text if lang == "en" else report.period.label
    period = _t("period_span", lang, name=name, start=report.period.start,
                end=report.period.end)
    formula = rate_formula(report.rule, lang)
    basis = _t("as_of", lang, as_of=as_of) + _t("semicolon", lang) + formula
    t = report.totals
    return Sheet(
        title=_t("title", lang),
        meta=[(_t("unit", lang), report.scope.name), (_t("period", lang), period),
              (_t("basis", lang), basis),
              (_t("filed", lang), (today or date.today()).isoformat())],
        headline=_t("headline", lang, disputes=t.disputes, resolved=t.resolved,
                    rate=t.rate_text),
        tables=_tables(report, lang, sub_rows=sub_rows),
        checks=_checks(t, lang),
        footnotes=[_t("note_formula", lang, formula=formula), _t("note_rate", lang),
                   _t("note_basis", lang, as_of=as_of), _t("note_amount", lang)],
        signatures=[(_t(f"sign.{role}", lang), signatory if i == 0 else "")
                    for i, role in enumerate(_SIGNATURES)],
        page_label=catalogue.templates("sheet", "page", lang)[0],
        colon=_t("colon", lang),
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
