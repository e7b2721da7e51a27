"""A claim (services.subsidy.claim.Claim) as JSON, CSV, XLSX and PDF bytes.

JSON (the contract of ``mediator-app subsidy``, docs/cli.md): amounts as ``amount_yuan``
(a number with at most two decimals) and ``amount_fen`` (the exact integer); totals are
the sums over the mediators; a case shared by several mediators appears under each with
that mediator's share."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from mediator_app.domain import subsidy as s
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.subsidy_texts import t
from mediator_app.reports import csv_out, json_out
from mediator_app.reports.xlsx import xlsx_bytes
from mediator_app.services.subsidy.claim import (
    Claim,
    claim_to_dict,
    gc_paused,
    incomplete_files,
    reasons_text,
    yuan_text,
)
from mediator_app.storage.files import write_atomically

FORMATS = ("json", "csv", "pdf", "xlsx")


# ---- tables (CSV, XLSX, GUI) -------------------------------------------------------------


def case_header(lang: str) -> list[str]:
    return [t(k, lang) for k in ("col.committee_code", "col.committee", "col.mediator",
                                 "col.case_no", "col.case_id", "col.closed_on", "col.class",
                                 "col.form", "col.share", "col.amount")]


def case_rows(claim: Claim) -> Iterator[list[Any]]:
    for m in claim.result.mediators:
        for line in m.lines:
            case = line.case
            yield [m.mediator.committee_code,
                   claim.committee_names.get(m.mediator.committee_code, ""),
                   m.mediator.name, case.case_no, case.case_id, case.closed_on,
                   claim.class_labels.get(case.difficulty, case.difficulty),
                   case.agreement_form or "", f"1/{line.share_of}",
                   yuan_text(line.amount_fen)]


def summary_header(lang: str) -> list[str]:
    return [t(k, lang) for k in ("col.committee_code", "col.committee", "col.mediator",
                                 "col.cases", "col.amount")]


def summary_rows(claim: Claim, lang: str) -> Iterator[list[Any]]:
    for m in claim.result.mediators:
        yield [m.mediator.committee_code,
               claim.committee_names.get(m.mediator.committee_code, ""), m.mediator.name,
               len(m.lines), yuan_text(m.amount_fen)]
    yield ["", t("row.total", lang), "", claim.result.eligible_cases,
           yuan_text(claim.result.amount_fen)]


def refused_header(lang: str) -> list[str]:
    return [t(k, lang) for k in ("col.committee_code", "col.case_no", "col.case_id",
                                 "col.closed_on", "col.class", "col.reasons")]


def refused_rows(claim: Claim, lang: str) -> Iterator[list[Any]]:
    sep = "; " if lang == "en" else "；"
    for r in claim.result.refused:
        yield [r.case.committee_code, r.case.case_no, r.case.case_id,
               r.case.closed_on,
               claim.class_labels.get(r.case.difficulty, r.case.difficulty),
               sep.join(reasons_text(r, claim.class_labels, lang))]


def csv_bytes(claim: Claim, lang: str = "zh") -> bytes:
    """One row per mediator and case (the paid cases), as in the claim sheets."""
    return csv_out.csv_bytes(case_header(lang), case_rows(claim))


def workbook_bytes(claim: Claim, lang: str = "zh") -> bytes:
    return xlsx_bytes([
        (t("sheet.summary", lang), summary_header(lang), summary_rows(claim, lang)),
        (t("sheet.cases", lang), case_header(lang), case_rows(claim)),
        (t("sheet.refused", lang), refused_header(lang), refused_rows(claim, lang)),
    ])


def export_claim(claim: Claim, fmt: str, lang: str = "zh") -> bytes:
    if fmt.lower() in ("json", "csv"):  # a yearly claim is a few hundred thousand rows
        with gc_paused():  # (not the PDF: reportlab's objects do form cycles)
            return _export_claim(claim, fmt, lang)
    return _export_claim(claim, fmt, lang)


def _export_claim(claim: Claim, fmt: str, lang: str) -> bytes:
    fmt = fmt.lower()
    if fmt == "json":  # compact: json's C encoder (indent would use the Python one)
        return (json.dumps(claim_to_dict(claim, lang), ensure_ascii=False,
                           separators=(",", ":")) + "\n").encode("utf-8")
    if fmt == "csv":
        return csv_bytes(claim, lang)
    if fmt == "xlsx":
        return workbook_bytes(claim, lang)
    if fmt == "pdf":
        # lazy: reportlab (about 0.3 s) loads only when a PDF is made
        from mediator_app.services.subsidy.sheets import claim_pdf

        return claim_pdf(claim, lang)
    raise DomainError(Problem("format", "enum.invalid",
                              {"value": fmt, "allowed": ", ".join(FORMATS)}))


# ---- the incomplete files, and writing a file --------------------------------------------


def incomplete_files_bytes(db: Any, *, period: str, scope: str, fmt: str = "csv",
                           lang: str = "zh") -> bytes:
    """The closed cases whose file lacks a required item (per committee, with the
    mediators and the missing items) as CSV or JSON."""
    files = incomplete_files(db, period=period, scope=scope)
    if fmt == "json":
        return json_out.json_bytes({"period": period, "scope": scope, "files": [
            {"case_id": f.case_id, "case_no": f.case_no, "committee_code": f.committee_code,
             "committee_name": f.committee_name, "status": f.status, "closed_on": f.closed_on,
             "mediators": f.mediators, "missing_items": list(f.missing)} for f in files]})
    if fmt != "csv":
        raise DomainError(Problem("format", "enum.invalid",
                                  {"value": fmt, "allowed": "json, csv"}))
    sep = ", " if lang == "en" else "、"
    header = [t(k, lang) for k in ("col.committee_code", "col.committee", "col.mediators",
                                   "col.case_no", "col.status", "col.closed_on",
                                   "col.missing")]
    return csv_out.csv_bytes(header, ([f.committee_code, f.committee_name, f.mediators,
                                       f.case_no, f.status, f.closed_on,
                                       sep.join(s.item_label(i, lang) for i in f.missing)]
                                      for f in files))


def write_file(path: str, data: bytes) -> int:
    """Write ``data`` next to ``path`` and rename it into place (nothing half-written)."""
    return write_atomically(path, data)
