"""The reports window's files: the statistics sheet as PDF or CSV, the narrative
district report, the window's tables as XLSX (rendered on a render thread, each to a
``.part`` file first and then renamed, so a failed write leaves no half file). Only the
district report reads the ledger, through a ``Read`` (services/reading.py)."""

from __future__ import annotations

from sqlite_utils import Database

from mediator_app.reports.xlsx import xlsx_bytes
from mediator_app.services.reading import Read, reader
from mediator_app.services.statistics import sheet as statistics_sheet
from mediator_app.services.statistics.report import Report
from mediator_app.storage.files import write_atomically

#: (sheet name, header, rows) of one XLSX sheet
PlainTable = tuple[str, list[str], list[list[str]]]


def write_pdf(path: str, report: Report, lang: str, signatory: str) -> int:
    data = statistics_sheet.pdf_bytes(report, lang=lang, today=report.as_of,
                                      signatory=signatory)
    return write_atomically(path, data)


def write_district_pdf(path: str, source: Database | Read, report: Report, lang: str) -> int:
    """The narrative district report for the report's period, scope and as-of date:
    its figures read (on the database worker, for the window), then laid out here."""
    # lazy: district_report imports reportlab (~0.3 s); only this file needs it
    from mediator_app.reports.district_pdf import render_district
    from mediator_app.services.statistics.district_report import (
        build_district_report,
        district_document,
    )

    data = reader(source)(lambda db: build_district_report(
        db, period=report.period, scope=report.scope.code, as_of=report.as_of))
    return write_atomically(path, render_district(district_document(data, lang=lang)))


def write_csv(path: str, report: Report) -> int:
    return write_atomically(path, statistics_sheet.csv_bytes(report))


def write_xlsx(path: str, sheets: list[PlainTable]) -> int:
    return write_atomically(path, xlsx_bytes(sheets))
