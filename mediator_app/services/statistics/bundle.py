"""What the reports window shows, computed in one job on the DB worker:
the report and its printed sheet, the month-by-month breakdown, and — for a month — the
submission state, the changes since submission and the completeness of the month.

Every cell that can be drilled into carries a ``DrillTarget``: the scope of its row
(a child unit's subtree, the scope's own cases, a committee), the dates of its row and
the figure key of its column (``services.organisation.lookups.cases_behind``). The report itself is
checked by ``statistics.build_report`` (``Action.REPORT`` within the user's scope)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message
from mediator_app.domain.periods import Period, months_of
from mediator_app.domain.progress import Cancelled, Progress
from mediator_app.reports.tables import ROW_DIRECT, ROW_TOTAL, ROW_UNIT, Sheet
from mediator_app.services.statistics import report as statistics
from mediator_app.services.statistics import submissions
from mediator_app.services.statistics.report import PREVENTION_KEYS, Report, SheetCounts
from mediator_app.services.statistics.sheet import build_sheet
from mediator_app.services.statistics.submissions import Diff, Submission, UnitStatus
from mediator_app.storage.settings_repo import SettingsRepository

# SheetCounts whose drill-down lists exactly as many cases as the figure counts.
MAIN_KEYS = ("disputes", "accepted", "resolved", "resolved", "in_progress", "terminated",
             "rejected", "pending", "written", "oral", "judicially_confirmed", "performed",
             "amount", "people_involved")
NOT_COUNTS = {"amount", "people_involved"}  # sums: the cases with a value are listed
MONTH_KEYS = ("disputes", "accepted", "resolved", "rate", "in_progress", "terminated",
              "rejected", "pending", "written", "oral")


@dataclass(frozen=True)
class DrillTarget:
    scope_kind: str  # "org" | "direct" | "committee"
    scope_code: str
    row_label: str
    first: date
    last: date
    as_of: date
    figure: str
    column_label: str = ""


@dataclass(frozen=True)
class RowScope:
    kind: str
    code: str
    label: str


@dataclass
class SubmissionState:
    """The month's submission data (``applicable`` False for other periods)."""

    applicable: bool = False
    reason: str = ""
    submitted: Submission | None = None
    latest: Submission | None = None
    diffs: list[Diff] = field(default_factory=list)
    units: list[UnitStatus] = field(default_factory=list)
    refusal: str = ""  # why 上报 is not possible now ("" = it is: a current review exists)


@dataclass
class Bundle:
    report: Report
    sheet: Sheet
    months: list[tuple[Period, SheetCounts]]
    submission: SubmissionState
    signatory: str = ""
    generation: int = 0


# ---- keys of the columns and scopes of the rows ---------------------------------------

def table_keys(report: Report) -> list[list[str]]:
    """The figure key of every data column of the sheet's three tables."""
    types = [f"type:{code}" for code in report.type_labels] + ["disputes"]
    other = [f"source:{g}" for g in report.source_groups] + ["multi_party", "mass_disputes"]
    for label in PREVENTION_KEYS:
        other += [f"prevention:{label}", f"prevention:{label}"]
    return [list(MAIN_KEYS), types, other]


def is_committee(report: Report) -> bool:
    return report.scope.level == statistics.COMMITTEE_LEVEL


def row_scopes(report: Report, sheet: Sheet) -> list[RowScope]:
    """Scope of each sheet row: children, then 直属, then 合计."""
    names = [row[1] for row in sheet.tables[0].rows]
    whole = "committee" if is_committee(report) else "org"
    scopes = []
    for name, kind, child in zip(names, sheet.tables[0].kinds,
                                 [*report.children, None, None], strict=True):
        if kind == ROW_UNIT and child is not None:
            scopes.append(RowScope("org", child.unit.code, name))
        elif kind == ROW_DIRECT:
            scopes.append(RowScope("committee" if whole == "committee" else "direct",
                                   report.scope.code, name))
        else:
            scopes.append(RowScope(whole, report.scope.code, f"{report.scope.name} · {name}"))
    assert sheet.tables[0].kinds[-1] == ROW_TOTAL
    return scopes


# ---- building ----------------------------------------------------------------------------



def _months(db: Database, report: Report, progress: Progress | None,
            cancel: Callable[[], bool] | None) -> list[tuple[Period, SheetCounts]]:
    months = months_of(report.period)
    out = []
    for i, month in enumerate(months, start=1):
        if cancel is not None and cancel():
            raise Cancelled()
        if month.start > report.as_of:
            break
        out.append((month, _month_totals(db, report, month)))
        if progress is not None:
            progress(i + 1, len(months) + 2)
    return out


def _month_totals(db: Database, report: Report, month: Period) -> SheetCounts:
    """The totals of one month of the report (the report's own when it is that month)."""
    if (month.start, month.end) == (report.period.start, report.period.end):
        return report.totals
    part = statistics.build_report(db, period=month, scope=report.scope.code,
                                   as_of=report.as_of, rule=report.rule)
    return part.totals


def submission_state(db: Database, scope: str, period: Period, today: date,
                     lang: str, current: Report | None = None) -> SubmissionState:
    """The month's submission data; ``current``: the report shown (its completeness
    figures are the sheet's; compared with the latest review to tell whether 上报 is
    possible when it is as of today; built anew when not given)."""
    try:
        submissions.month_of(period, today=today)
    except DomainError as exc:
        return SubmissionState(False, message(exc.first, lang))
    sub, latest = submissions.submitted_and_latest(db, scope, period)
    diffs = (submissions.changes_since_submission(db, scope, period, submitted=sub, lang=lang)
             if sub else [])
    shown = statistics.report_to_dict(current) if current is not None else None
    units = submissions.completeness(db, scope, period, current=shown)
    figures = shown if current is not None and current.as_of == date.today() else None
    problem = submissions.submit_refusal(db, scope, period, current=figures, today=today)
    refusal = message(problem, lang) if problem is not None else ""
    return SubmissionState(True, "", sub, latest, diffs, units, refusal)


def load_bundle(db: Database, *, scope: str, period: Period, as_of: date, lang: str,
                progress: Progress | None = None,
                cancel: Callable[[], bool] | None = None) -> Bundle:
    """Everything the window shows for ``scope`` and ``period`` (runs on the worker)."""
    report = statistics.build_report(db, period=period, scope=scope, as_of=as_of)
    if progress is not None:
        progress(1, len(months_of(period)) + 2)
    signatory = SettingsRepository(db).get("sheet_signatory")
    sheet = build_sheet(report, lang=lang, today=as_of, signatory=signatory)
    months = _months(db, report, progress, cancel)
    state = submission_state(db, report.scope.code, period, as_of, lang, report)
    return Bundle(report, sheet, months, state, signatory)

