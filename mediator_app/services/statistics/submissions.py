"""审核上报: a unit's monthly figures are reviewed, then submitted to the level above.

Each review and each submission stores a new version with a snapshot of the report
(``statistics.report_to_dict``); nothing is overwritten, the highest version is the
current one and reprints of a submitted month show its snapshot.

Workflow decisions (docs/documents.md):
- 审核上报 means review, then submit: a month can only be submitted while it has a
  *current* review — the latest version is a review (not yet submitted) and its
  snapshot has exactly the figures being submitted. Otherwise ``submit_month`` refuses
  (``submission.not_reviewed``, ``submission.review_outdated``,
  ``submission.already_submitted``); ``submit_refusal`` tells beforehand (the GUI
  disables 上报 with that reason). The reviewer recorded with a submission is always the
  one who reviewed. ``review_and_submit`` does both in one transaction, for a user who
  explicitly reviews and submits at once (CLI ``submit --review-and-submit``).
- ``changes_since_submission`` rebuilds the report *as of the snapshot's as-of date* and
  with the snapshot's rate rule, so that only edits of the data show (late entries,
  corrections, deletions), not the normal progress of cases after the submission.
- a 零报告 (zero report) is a submission whose totals have no disputes and no accepted
  cases; it counts as submitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from mediator_app.domain import catalogue
from mediator_app.domain.access import Action
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.periods import Period, parse_period
from mediator_app.domain.rates import (
    SETTING_DECIMALS,
    SETTING_DENOMINATOR,
    SETTING_ROUNDING,
    RateRule,
)
from mediator_app.services import permissions
from mediator_app.services.statistics import report as statistics
from mediator_app.storage.audit_repo import current_user
from mediator_app.storage.convert import now_iso
from mediator_app.storage.org_repo import OrgRepository
from mediator_app.storage.submission_repo import (
    REVIEWED,
    SUBMITTED,
    Submission,
    SubmissionRepository,
)

__all__ = [
    "Diff",
    "Submission",
    "UnitStatus",
    "changes_since_submission",
    "completeness",
    "history",
    "not_submitted",
    "review_and_submit",
    "review_month",
    "submission_for",
    "submitted_and_latest",
    "submit_month",
    "submit_refusal",
]

STATE_SUBMITTED = "submitted"
STATE_REVIEWED = "reviewed"
STATE_MISSING = "missing"


def state_word(key: str, lang: str = "zh", **params: object) -> str:
    """A state of the completeness view (the catalogue's "submission_state" area)."""
    return catalogue.text("submission_state", key, lang, **params)


@dataclass(frozen=True)
class UnitStatus:
    """One line of the completeness view of a month."""

    code: str
    name: str
    level: str
    state: str  # "submitted" | "reviewed" | "missing"
    zero_report: bool = False
    disputes: int = 0  # current 排查纠纷数 of the unit in the month
    version: int = 0
    by: str = ""  # who submitted (or reviewed, when only reviewed)
    at: str = ""
    revision_pending: bool = False  # reviewed again after the last submission
    is_parent: bool = False

    def label(self, lang: str = "zh") -> str:
        details = [state_word(key, lang) for key, on in (
            ("zero", self.zero_report), ("revision", self.revision_pending)) if on]
        if not details:
            return state_word(self.state, lang)
        return state_word("details", lang, state=state_word(self.state, lang),
                          details=state_word("details_sep", lang).join(details))


# ---- comparing figures -------------------------------------------------------------------

_NOT_FIGURES = {"code", "name", "level", "resolution_rate", "amount_fen"}


@dataclass(frozen=True)
class Diff:
    """A figure of a unit whose submitted value differs from the current one."""

    unit_code: str
    unit_name: str
    part: str  # "totals" | "direct" | "child"
    figure: str  # key path: "resolved", "by_type.邻里纠纷", "prevention.防止自杀.persons"
    label: str  # figure_label in the language asked for
    submitted: Any
    current: Any


def figure_label(path: str, lang: str = "zh") -> str:
    """The name of a figure (the catalogue's "figure" area): ``resolved`` → 调解成功数,
    ``by_type.邻里纠纷`` → 纠纷类型：邻里纠纷; a figure it does not know shows its path."""
    head, _, rest = path.partition(".")
    if head in ("by_type", "by_source"):
        return catalogue.text("figure", head, lang, label=rest)
    if head == "prevention":
        what, _, unit = rest.rpartition(".")
        key = "prevention.persons" if unit == "persons" else "prevention.cases"
        return catalogue.text("figure", key, lang, label=what)
    return catalogue.text("figure", path, lang) if catalogue.has("figure", path) else path


def _flatten(figures: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in figures.items():
        if not prefix and key in _NOT_FIGURES:
            continue
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _units_of(report: dict[str, Any],
              lang: str) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
    scope = report.get("scope", {})
    code, name = scope.get("code", ""), scope.get("name", "")
    units = {(part, code): (catalogue.text("figure", f"unit.{part}", lang, name=name),
                            _flatten(report.get(part, {}))) for part in ("totals", "direct")}
    for child in report.get("children", []):
        units[("child", child["code"])] = (child["name"], _flatten(child))
    return units


def diff_reports(submitted: dict[str, Any], current: dict[str, Any],
                 lang: str = "zh") -> list[Diff]:
    """Every figure whose value differs, unit by unit (a unit or figure missing on one
    side compares as None); names and labels in ``lang``."""
    old, new = _units_of(submitted, lang), _units_of(current, lang)
    diffs: list[Diff] = []
    for key in [*old, *(k for k in new if k not in old)]:
        name, before = old.get(key, new.get(key, ("", {})))
        after = new.get(key, (name, {}))[1]
        for path in [*before, *(p for p in after if p not in before)]:
            if before.get(path) != after.get(path):
                diffs.append(Diff(key[1], name, key[0], path, figure_label(path, lang),
                                  before.get(path), after.get(path)))
    return diffs


# ---- periods and reports ---------------------------------------------------------------


def month_of(period: str | Period, *, today: date | None = None) -> Period:
    span = period if isinstance(period, Period) else parse_period(period)
    if span.kind != "month":
        raise DomainError(Problem("period", "submission.month_required",
                                  {"value": getattr(period, "text", period)}))
    if span.start > (today or date.today()):
        raise DomainError(Problem("period", "submission.future_period", {"value": span.text}))
    return span


def _fresh(db: Database, scope: str, span: Period, as_of: date | None = None,
           rule: RateRule | None = None) -> dict[str, Any]:
    report = statistics.build_report(db, period=span, scope=scope, as_of=as_of, rule=rule)
    return statistics.report_to_dict(report)


def is_zero(snapshot: dict[str, Any]) -> bool:
    totals = snapshot.get("totals", {})
    return not totals.get("disputes") and not totals.get("accepted")


def _user(user: str) -> str:
    return user or current_user()


# ---- review and submit ---------------------------------------------------------------


def _add_review(db: Database, span: Period, snapshot: dict[str, Any], user: str) -> Submission:
    stamp = now_iso()
    with db.atomic():
        return SubmissionRepository(db).add(Submission(
            scope=snapshot["scope"]["code"], period=span.text, status=REVIEWED,
            snapshot=snapshot, reviewed_by=_user(user), reviewed_at=stamp,
            zero_report=is_zero(snapshot)))


def review_month(db: Database, scope: str, period: str | Period, *, user: str = "",
                 today: date | None = None) -> Submission:
    """Record that ``user`` checked the month's figures of ``scope`` (a new version)."""
    permissions.scope_for(db, Action.SUBMIT, scope)  # issue 9
    span = month_of(period, today=today)
    return _add_review(db, span, _fresh(db, scope, span), user)


def _refusal(repo: SubmissionRepository, snapshot: dict[str, Any],
             period: str) -> tuple[Problem | None, Submission | None]:
    """(why the figures of ``snapshot`` cannot be submitted, or None; the current review)."""
    scope = snapshot["scope"]
    params: dict[str, Any] = {"scope": scope.get("name") or scope["code"], "value": period}
    latest = repo.latest(scope["code"], period)
    if latest is None:
        return Problem("period", "submission.not_reviewed", params), None
    params["version"] = latest.version
    if latest.status != REVIEWED:
        return Problem("period", "submission.already_submitted", params), None
    diffs = diff_reports(latest.snapshot, snapshot)
    if diffs:
        return Problem("period", "submission.review_outdated", {**params, "n": len(diffs)}), None
    return None, latest


def submit_refusal(db: Database, scope: str, period: str | Period, *,
                   current: dict[str, Any] | None = None,
                   today: date | None = None) -> Problem | None:
    """Why the month of ``scope`` cannot be submitted now, None when it can: it was not
    reviewed, it was submitted since its last review, or its figures changed after the
    review. ``current``: the figures to compare (``report_to_dict``; default: now)."""
    span = month_of(period, today=today)
    snapshot = current if current is not None else _fresh(db, scope, span)
    return _refusal(SubmissionRepository(db), snapshot, span.text)[0]


def submit_month(db: Database, scope: str, period: str | Period, *, user: str = "",
                 today: date | None = None) -> Submission:
    """Submit the month's figures of ``scope``: a new version holding the snapshot, with
    the reviewer of the current review. Refused (``DomainError``) without a current
    review of the same figures. Re-submitting keeps the earlier versions; the latest
    one wins."""
    permissions.scope_for(db, Action.SUBMIT, scope)  # issue 9
    span = month_of(period, today=today)
    return _add_submission(db, span, _fresh(db, scope, span), user)


def _add_submission(db: Database, span: Period, snapshot: dict[str, Any],
                    user: str) -> Submission:
    """Store ``snapshot`` as submitted, refused without a current review of it."""
    code, who, stamp = snapshot["scope"]["code"], _user(user), now_iso()
    with db.atomic():
        repo = SubmissionRepository(db)
        problem, review = _refusal(repo, snapshot, span.text)
        if problem is not None:
            raise DomainError(problem)
        assert review is not None
        return repo.add(Submission(
            scope=code, period=span.text, status=SUBMITTED, snapshot=snapshot,
            reviewed_by=review.reviewed_by, reviewed_at=review.reviewed_at,
            submitted_by=who, submitted_at=stamp, zero_report=is_zero(snapshot)))


def review_and_submit(db: Database, scope: str, period: str | Period, *, user: str = "",
                      today: date | None = None) -> Submission:
    """Review and submit in one transaction, both under ``user`` (who explicitly asked
    for it) and with the same snapshot (built once); returns the submission."""
    permissions.scope_for(db, Action.SUBMIT, scope)  # issue 9
    span = month_of(period, today=today)
    snapshot = _fresh(db, scope, span)
    with db.atomic():
        _add_review(db, span, snapshot, user)
        return _add_submission(db, span, snapshot, user)


def submission_for(db: Database, scope: str, period: str | Period, *,
                   status: str | None = SUBMITTED) -> Submission | None:
    """The current submitted version (``status=None``: the latest of any status)."""
    span = month_of(period, today=date.max)
    return SubmissionRepository(db).latest(scope, span.text, status=status)


def submitted_and_latest(db: Database, scope: str, period: str | Period
                         ) -> tuple[Submission | None, Submission | None]:
    """(the current submitted version, the latest version of any status), read at once."""
    span = month_of(period, today=date.max)
    versions = SubmissionRepository(db).latest_by_scope([scope], span.text).get(scope, {})
    latest = max(versions.values(), key=lambda sub: sub.version, default=None)
    return versions.get(SUBMITTED), latest


def history(db: Database, scope: str, period: str | Period) -> list[Submission]:
    """All versions of a unit's month, oldest first."""
    span = month_of(period, today=date.max)
    return SubmissionRepository(db).history(scope, span.text)


# ---- changes since submission ----------------------------------------------------------


def _rule_of(snapshot: dict[str, Any]) -> RateRule | None:
    """The rule the snapshot was made with (None when it has none: the settings' rule)."""
    raw = snapshot.get("rate_rule")
    if not isinstance(raw, dict) or not raw:
        return None
    return RateRule.from_settings({
        SETTING_DENOMINATOR: str(raw.get("denominator", "")),
        SETTING_ROUNDING: str(raw.get("rounding", "")),
        SETTING_DECIMALS: str(raw.get("decimals", "")),
    })


def changes_since_submission(db: Database, scope: str, period: str | Period, *,
                             submitted: Submission | None = None,
                             lang: str = "zh") -> list[Diff]:
    """The figures that differ between the submitted snapshot and the data now (same
    as-of date and rate rule as the snapshot). [] when nothing changed. ``submitted``:
    the current submission when the caller has already read it; ``lang``: of the units'
    and figures' labels (the reports window shows them)."""
    span = month_of(period, today=date.max)
    if submitted is None:
        submitted = SubmissionRepository(db).latest(scope, span.text, status=SUBMITTED)
    if submitted is None:
        raise DomainError(Problem("period", "submission.not_submitted",
                                  {"value": span.text, "scope": scope}))
    snap = submitted.snapshot
    as_of = date.fromisoformat(snap["as_of"]) if snap.get("as_of") else None
    return diff_reports(snap, _fresh(db, scope, span, as_of, _rule_of(snap)), lang)


# ---- completeness ------------------------------------------------------------------------


def _units(db: Database, parent: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """(code, name, level, is_parent): the parent, its child units, the committees
    located at the parent itself (e.g. a district's professional committees)."""
    rows = [(parent["code"], parent["name"], parent["level"], True)]
    rows += [(c["code"], c["name"], c["level"], False) for c in parent["children"]]
    if parent["level"] != statistics.COMMITTEE_LEVEL:
        org = OrgRepository(db)
        rows += [(c.code, c.name, statistics.COMMITTEE_LEVEL, False)
                 for c in org.committees(under=parent["code"]) if c.org_code == parent["code"]]
    return rows


def _status(code: str, name: str, level: str, is_parent: bool, disputes: int,
            versions: dict[str, Submission]) -> UnitStatus:
    sub, rev = versions.get(SUBMITTED), versions.get(REVIEWED)
    base: dict[str, Any] = {"code": code, "name": name, "level": level,
                            "disputes": disputes, "is_parent": is_parent}
    if sub is not None:
        return UnitStatus(**base, state=STATE_SUBMITTED, zero_report=sub.zero_report,
                          version=sub.version, by=sub.submitted_by, at=sub.submitted_at or "",
                          revision_pending=rev is not None and rev.version > sub.version)
    if rev is not None:
        return UnitStatus(**base, state=STATE_REVIEWED, zero_report=rev.zero_report,
                          version=rev.version, by=rev.reviewed_by, at=rev.reviewed_at or "")
    return UnitStatus(**base, state=STATE_MISSING)


def _matches(report: dict[str, Any] | None, scope: str, span: Period) -> bool:
    return (report is not None and report.get("period") == span.text
            and report.get("scope", {}).get("code") == scope)


def completeness(db: Database, parent_scope: str, period: str | Period, *,
                 current: dict[str, Any] | None = None) -> list[UnitStatus]:
    """For a month: the parent itself, then each child unit and each committee located at
    the parent, with whether it submitted (zero reports flagged), only reviewed, or not.

    ``current``: the parent's report already shown (``report_to_dict``, same scope and
    month), whose figures and as-of date are used; default: the report as of today."""
    span = month_of(period, today=date.max)
    report = current if _matches(current, parent_scope, span) else None
    report = report or _fresh(db, parent_scope, span)
    as_of = date.fromisoformat(report["as_of"]) if report.get("as_of") else None
    parent = {**report["scope"], "children": report["children"]}
    units = _units(db, parent)
    disputes = {c["code"]: c["disputes"] for c in report["children"]}
    disputes[parent["code"]] = report["totals"]["disputes"]
    for code, _name, level, is_parent in units:
        if level == statistics.COMMITTEE_LEVEL and not is_parent:
            disputes[code] = _fresh(db, code, span, as_of)["totals"]["disputes"]
    found = SubmissionRepository(db).latest_by_scope([u[0] for u in units], span.text)
    return [_status(code, name, level, is_parent, disputes.get(code, 0), found.get(code, {}))
            for code, name, level, is_parent in units]


def not_submitted(units: list[UnitStatus]) -> list[UnitStatus]:
    """The units below the parent (child units and committees at the parent) that have
    not submitted the month — missing or only reviewed — in the order of ``units``."""
    return [u for u in units if not u.is_parent and u.state != STATE_SUBMITTED]
