"""审核上报: snapshots, changes since submission, completeness with zero reports,
resubmission history, and no submission without a current review."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from mediator_app.domain.enums import AgreementForm, CaseStatus
from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message
from mediator_app.domain.model import Case, new_case_id
from mediator_app.domain.periods import parse_period
from mediator_app.services.statistics import bundle, submissions
from mediator_app.services.statistics import report as statistics
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_memory
from tests.fixtures import district

MAY = "2023-05"


# the shared district, with a committee for 西镇 and a street (S3) without one
DISTRICT, S1, S2 = district.DISTRICT, district.STREET_A, district.STREET_B
S3 = district.EMPTY_STREET.code
C1, C2, CP = (district.COMMITTEE_STREET, district.TOWN_COMMITTEE.code,
              district.COMMITTEE_DISTRICT)  # at S1, at S2, at the district


@pytest.fixture
def db():
    db = open_memory()
    district.build_mini_district(
        db, extra_units=[district.EMPTY_STREET],
        extra_committees=[district.TOWN_COMMITTEE])
    return db


def _case(committee: str, received: date, status: CaseStatus, **more) -> Case:
    return Case(case_id=new_case_id(), committee_code=committee, received_on=received,
                dispute_type="02", source="1", status=status, **more)


def _store(db, case: Case) -> int:
    repo = CaseRepository(db)
    with db.atomic():
        return repo.insert(case, repo.location_of(case.committee_code, case.grid_code) or "")


@pytest.fixture
def cases(db) -> dict[str, int]:
    return {
        "resolved": _store(db, _case(C1, date(2023, 5, 3), CaseStatus.RESOLVED,
                                     accepted_on=date(2023, 5, 3), closed_on=date(2023, 5, 9),
                                     agreement_form=AgreementForm.WRITTEN)),
        "open": _store(db, _case(C1, date(2023, 5, 10), CaseStatus.IN_MEDIATION,
                                 accepted_on=date(2023, 5, 11))),
        "april": _store(db, _case(C2, date(2023, 4, 28), CaseStatus.REGISTERED)),
    }


def _resolve(db, rowid: int) -> None:
    repo = CaseRepository(db)
    case = repo.get(rowid)
    changed = dataclasses.replace(case, status=CaseStatus.RESOLVED, closed_on=date(2023, 5, 20),
                                  agreement_form=AgreementForm.ORAL)
    with db.atomic():
        repo.update(rowid, changed, repo.location_of(case.committee_code, None) or "")


def _submit(db, scope: str, user: str, reviewer: str = "reviewer") -> submissions.Submission:
    """Review (by ``reviewer``), then submit (by ``user``)."""
    submissions.review_month(db, scope, MAY, user=reviewer)
    return submissions.submit_month(db, scope, MAY, user=user)


def test_submission_keeps_the_snapshot(db, cases):
    sub = _submit(db, S1, "alice", reviewer="rita")
    fresh = statistics.report_to_dict(statistics.build_report(db, period=MAY, scope=S1))
    assert sub.snapshot == fresh
    assert (sub.status, sub.version, sub.submitted_by, sub.reviewed_by) == (
        "submitted", 2, "alice", "rita")
    assert sub.snapshot["totals"]["disputes"] == 2 and not sub.zero_report
    _resolve(db, cases["open"])
    again = submissions.submission_for(db, S1, MAY)
    assert again is not None and again.snapshot == fresh
    assert again.snapshot["totals"]["resolved"] == 1


def test_changes_since_submission_lists_exactly_the_changed_figures(db, cases):
    _submit(db, S1, "alice")
    _submit(db, DISTRICT, "district")
    assert submissions.changes_since_submission(db, S1, MAY) == []
    _resolve(db, cases["open"])
    diffs = submissions.changes_since_submission(db, S1, MAY)
    changed = {"in_progress": (1, 0), "resolved": (1, 2), "oral": (0, 1),
               "rate_numerator": (1, 2), "resolution_rate_text": ("50.00%", "100.00%")}
    got = {(d.part, d.figure): (d.submitted, d.current) for d in diffs}
    assert got == {(part, f): v for part in ("totals", "direct") for f, v in changed.items()}
    assert {d.unit_code for d in diffs} == {S1}
    assert next(d for d in diffs if d.figure == "resolved").label == "调解成功数"
    # the district sees the same change on its own totals and on the street's row
    district = submissions.changes_since_submission(db, DISTRICT, MAY)
    assert {(d.part, d.unit_code) for d in district} == {("totals", DISTRICT), ("child", S1)}
    assert {d.figure for d in district} == set(changed)


def test_the_changes_speak_the_language_of_the_reports_window(db, cases):
    """The reports window (English) showed the changed figures in Chinese: 调解成功数."""
    _submit(db, S1, "alice")
    _resolve(db, cases["open"])
    for lang, resolved, total in (("en", "resolved", " (total)"), ("zh", "调解成功数", "（合计）")):
        state = bundle.submission_state(db, S1, parse_period(MAY), date.today(), lang)
        shown = {(d.part, d.figure): (d.unit_name, d.label) for d in state.diffs}
        name, label = shown[("totals", "resolved")]
        assert label == resolved and name.endswith(total), lang
        assert shown[("totals", "resolution_rate_text")][1] == \
            ("resolution rate" if lang == "en" else "化解率")


def test_every_figure_of_a_report_has_a_label_in_both_languages(db, cases):
    figures = statistics.report_to_dict(statistics.build_report(db, period=MAY, scope=S1))
    paths = list(submissions._flatten(figures["totals"]))
    assert "by_type.邻里纠纷" in paths and any(p.startswith("prevention.") for p in paths)
    for path in paths:
        zh, en = submissions.figure_label(path, "zh"), submissions.figure_label(path, "en")
        assert zh != path and zh != en, path  # a known figure, with its English
    assert submissions.figure_label("by_type.邻里纠纷", "en") == "dispute type: 邻里纠纷"
    assert submissions.figure_label("prevention.防止自杀.persons") == "防止自杀（人）"
    assert submissions.figure_label("some_new_figure", "en") == "some_new_figure"


def test_new_late_case_and_deletion_show_as_changes(db, cases):
    _submit(db, S2, "bob")
    late = _store(db, _case(C2, date(2023, 5, 30), CaseStatus.REGISTERED))
    diffs = {d.figure: (d.submitted, d.current)
             for d in submissions.changes_since_submission(db, S2, MAY) if d.part == "totals"}
    assert diffs["disputes"] == (0, 1) and diffs["pending"] == (0, 1)
    assert diffs["by_type.邻里纠纷"] == (0, 1)
    with db.atomic():
        CaseRepository(db).mark_deleted(late)
    assert submissions.changes_since_submission(db, S2, MAY) == []


def test_completeness_with_zero_reports_and_missing_units(db, cases):
    _submit(db, S1, "alice")
    _submit(db, S2, "bob")  # no case in May: zero report
    submissions.review_month(db, CP, MAY, user="carol")
    rows = {r.code: r for r in submissions.completeness(db, DISTRICT, MAY)}
    assert list(rows) == [DISTRICT, S1, S2, S3, CP]
    assert rows[DISTRICT].is_parent and rows[DISTRICT].state == "missing"
    assert (rows[S1].state, rows[S1].zero_report, rows[S1].disputes, rows[S1].by) == (
        "submitted", False, 2, "alice")
    assert (rows[S2].state, rows[S2].zero_report, rows[S2].disputes) == ("submitted", True, 0)
    assert rows[S2].label() == "已上报（零报告）"
    assert rows[S3].state == "missing" and rows[S3].label() == "未上报"
    assert (rows[CP].state, rows[CP].by, rows[CP].level) == ("reviewed", "carol", "调委会")
    assert rows[CP].label("en") == "reviewed, not submitted (zero report)"
    # another month: nobody has submitted
    june = submissions.completeness(db, DISTRICT, "2023-06")
    assert {r.state for r in june} == {"missing"}


def test_resubmission_keeps_history_and_latest_wins(db, cases):
    first = _submit(db, S1, "alice")
    _resolve(db, cases["open"])
    second = _submit(db, S1, "alice")
    assert (first.version, second.version) == (2, 4)
    versions = submissions.history(db, S1, MAY)
    assert [v.version for v in versions] == [1, 2, 3, 4]
    assert [v.status for v in versions] == ["reviewed", "submitted"] * 2
    assert [v.snapshot["totals"]["resolved"] for v in versions] == [1, 1, 2, 2]
    current = submissions.submission_for(db, S1, MAY)
    assert current is not None and current.version == 4
    assert submissions.changes_since_submission(db, S1, MAY) == []
    rows = {r.code: r for r in submissions.completeness(db, DISTRICT, MAY)}
    assert rows[S1].version == 4


def _refused(db, scope: str, code: str) -> str:
    with pytest.raises(DomainError) as err:
        submissions.submit_month(db, scope, MAY, user="clerk")
    assert err.value.first.code == code
    assert submissions.submit_refusal(db, scope, MAY) == err.value.first
    return message(err.value.first)


def test_submission_needs_a_current_review(db, cases):
    text = _refused(db, S1, "submission.not_reviewed")
    assert text == "东街道 2023-05 的数据还没有审核，不能上报：请先审核，再上报。"
    assert submissions.history(db, S1, MAY) == []  # nothing stored, nobody recorded
    en = message(submissions.submit_refusal(db, S1, MAY), "en")
    assert en.startswith("The figures of 东街道 for 2023-05 have not been reviewed")
    submissions.review_month(db, S1, MAY, user="reviewer")
    assert submissions.submit_refusal(db, S1, MAY) is None
    _resolve(db, cases["open"])  # figures changed after the review: review again
    text = _refused(db, S1, "submission.review_outdated")
    # in_progress, resolved, oral, rate numerator and rate text, on the totals and 直属
    assert "第1版" in text and "（10 项）" in text
    submissions.review_month(db, S1, MAY, user="reviewer")
    sub = submissions.submit_month(db, S1, MAY, user="clerk")
    assert (sub.version, sub.reviewed_by, sub.submitted_by) == (3, "reviewer", "clerk")
    # submitting the same review twice is refused: a new submission needs a new review
    assert "第3版已经上报" in _refused(db, S1, "submission.already_submitted")


def test_review_and_submit_records_both_under_the_user(db, cases):
    sub = submissions.review_and_submit(db, S2, MAY, user="bob")
    assert (sub.status, sub.reviewed_by, sub.submitted_by, sub.version) == (
        "submitted", "bob", "bob", 2)
    assert [v.status for v in submissions.history(db, S2, MAY)] == ["reviewed", "submitted"]
    with pytest.raises(DomainError):  # nothing is stored when the month is refused
        submissions.review_and_submit(db, S2, "2023", user="bob")
    assert len(submissions.history(db, S2, MAY)) == 2


def test_review_is_carried_into_the_submission(db, cases):
    submissions.review_month(db, S1, MAY, user="reviewer")
    sub = submissions.submit_month(db, S1, MAY, user="clerk")
    assert (sub.reviewed_by, sub.submitted_by, sub.version) == ("reviewer", "clerk", 2)
    review = submissions.review_month(db, S1, MAY, user="reviewer2")
    rows = {r.code: r for r in submissions.completeness(db, DISTRICT, MAY)}
    assert rows[S1].state == "submitted" and rows[S1].revision_pending
    sub = submissions.submit_month(db, S1, MAY, user="clerk")
    assert (sub.reviewed_by, sub.reviewed_at) == ("reviewer2", review.reviewed_at)
    latest_any = submissions.submission_for(db, S1, MAY, status=None)
    assert latest_any is not None and latest_any.version == 4


def test_only_months_that_have_begun_can_be_submitted(db):
    for period, code in (("2023", "submission.month_required"),
                         ("2023-Q2", "submission.month_required")):
        with pytest.raises(DomainError) as err:
            submissions.submit_month(db, S1, period, user="x")
        assert err.value.first.code == code
        assert "2023-05" in message(err.value.first)
    next_month = (date.today().replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
    with pytest.raises(DomainError) as err:
        submissions.review_month(db, S1, next_month, user="x")
    assert err.value.first.code == "submission.future_period"


def test_changes_need_a_submission(db, cases):
    submissions.review_month(db, S1, MAY, user="x")
    with pytest.raises(DomainError) as err:
        submissions.changes_since_submission(db, S1, MAY)
    assert err.value.first.code == "submission.not_submitted"


def test_unknown_scope_is_refused(db):
    with pytest.raises(DomainError) as err:
        submissions.submit_month(db, "999999", MAY, user="x")
    assert err.value.first.code == "unknown_code"


def _counting_builds(monkeypatch) -> list[str]:
    """Record the scope of every report built from now on."""
    built: list[str] = []
    real = statistics.build_report

    def counting(db, **kw):
        built.append(kw["scope"])
        return real(db, **kw)

    monkeypatch.setattr(statistics, "build_report", counting)
    return built


def test_review_and_submit_builds_the_snapshot_once(db, cases, monkeypatch):
    built = _counting_builds(monkeypatch)
    sub = submissions.review_and_submit(db, S1, MAY, user="bob")
    assert built == [S1]
    review = submissions.history(db, S1, MAY)[0]
    assert review.snapshot == sub.snapshot and sub.snapshot["totals"]["disputes"] == 2


def test_submitted_and_latest_read_together(db, cases):
    assert submissions.submitted_and_latest(db, S1, MAY) == (None, None)
    submissions.review_month(db, S1, MAY, user="r")
    sub, latest = submissions.submitted_and_latest(db, S1, MAY)
    assert sub is None and latest is not None and latest.version == 1
    _submit(db, S1, "alice")
    submissions.review_month(db, S1, MAY, user="r2")
    sub, latest = submissions.submitted_and_latest(db, S1, MAY)
    assert sub == submissions.submission_for(db, S1, MAY) and sub is not None
    assert latest == submissions.submission_for(db, S1, MAY, status=None)
    assert (sub.version, latest.version, latest.status) == (3, 4, "reviewed")


def test_completeness_uses_the_report_shown(db, cases, monkeypatch):
    _store(db, _case(CP, date(2023, 5, 20), CaseStatus.REGISTERED))
    early = date(2023, 5, 5)  # only the case of 5-3 is registered by then
    shown = statistics.report_to_dict(
        statistics.build_report(db, period=MAY, scope=DISTRICT, as_of=early))
    built = _counting_builds(monkeypatch)
    rows = {r.code: r.disputes for r in submissions.completeness(db, DISTRICT, MAY,
                                                                   current=shown)}
    assert rows[DISTRICT] == shown["totals"]["disputes"] == 1
    assert (rows[S1], rows[S2], rows[CP]) == (1, 0, 0)
    assert built == [CP]  # the parent's report is not built again
    today = {r.code: r.disputes for r in submissions.completeness(db, DISTRICT, MAY)}
    assert (today[DISTRICT], today[S1], today[CP]) == (3, 2, 1)
    # a report of another scope is not taken for the parent's
    other = {r.code: r.disputes for r in submissions.completeness(db, S1, MAY, current=shown)}
    assert other[S1] == 2
