"""Every word of the statistics sheet and the district report, in Chinese and English,
against a committed record (tests/fixtures/statistics_texts.json).

The texts moved from tables in the services into the message catalogue (issue 11) without
changing a byte; this keeps it so. A deliberate change of a text (or of the figures of the
shared mini district) is recorded anew with

    UPDATE_STATISTICS_TEXTS=1 uv run pytest tests/unit/test_statistics_texts.py

and the diff of the JSON file shows exactly what the outputs now say."""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from mediator_app.domain.enums import AgreementForm, CaseStatus
from mediator_app.domain.model import Case
from mediator_app.domain.rates import Denominator, RateRule, Rounding, rate_formula
from mediator_app.services.statistics import submissions
from mediator_app.services.statistics.district_report import (
    build_district_report,
    district_document,
)
from mediator_app.services.statistics.report import build_report
from mediator_app.services.statistics.sheet import build_sheet
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_memory
from tests.fixtures import district

if TYPE_CHECKING:
    from sqlite_utils import Database

RECORD = Path(__file__).resolve().parents[1] / "fixtures" / "statistics_texts.json"
TODAY = date(2023, 7, 15)
LANGS = ("zh", "en")


def _case(n: int, committee: str, received: date, status: CaseStatus, **more: Any) -> Case:
    return Case(case_id=f"00000000-0000-4000-8000-{n:012d}", committee_code=committee,
                received_on=received, dispute_type=("02", "01", "05")[n % 3],
                source=("1", "2")[n % 2], status=status, **more)


@pytest.fixture
def ledger() -> Database:
    db = open_memory()
    district.build_mini_district(db, extra_committees=[district.TOWN_COMMITTEE])
    resolved = {"accepted_on": date(2023, 5, 3), "closed_on": date(2023, 5, 9)}
    cases = [
        _case(1, district.COMMITTEE_STREET, date(2023, 4, 3), CaseStatus.RESOLVED,
              agreement_form=AgreementForm.WRITTEN, amount_fen=1_234_567, **resolved),
        _case(2, district.COMMITTEE_STREET, date(2023, 5, 10), CaseStatus.IN_MEDIATION,
              accepted_on=date(2023, 5, 11)),
        _case(3, district.COMMITTEE_VILLAGE, date(2023, 5, 12), CaseStatus.RESOLVED,
              agreement_form=AgreementForm.ORAL, **resolved),
        _case(4, district.TOWN_COMMITTEE.code, date(2023, 6, 28), CaseStatus.REGISTERED),
        _case(5, district.COMMITTEE_DISTRICT, date(2023, 6, 2), CaseStatus.TERMINATED,
              accepted_on=date(2023, 6, 2), closed_on=date(2023, 6, 20)),
    ]
    repo = CaseRepository(db)
    with db.atomic():
        for case in cases:
            repo.insert(case, repo.location_of(case.committee_code, None) or "")
    return db


def _texts(db: Database) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for scope, period in ((district.DISTRICT, "2023-Q2"), (district.STREET_A, "2023-05")):
        report = build_report(db, period=period, scope=scope, as_of=TODAY)
        data = build_district_report(db, period=period, scope=scope, as_of=TODAY)
        for lang in LANGS:
            sheet = build_sheet(report, lang=lang, today=TODAY, signatory="张三", sub_rows=True)
            out[f"sheet {scope} {period} {lang}"] = dataclasses.asdict(sheet)
            doc = district_document(data, lang=lang)
            out[f"district {scope} {period} {lang}"] = dataclasses.asdict(doc)
    for rule in (RateRule(d, r, n) for d in Denominator for r in Rounding for n in (1, 2)):
        for lang in LANGS:
            out[f"rate {rule.denominator} {rule.rounding} {rule.decimals} {lang}"] = \
                rate_formula(rule, lang)
    paths = ["resolved", "by_type.邻里纠纷", "prevention.防止自杀.persons"]
    for lang in LANGS:
        out[f"figures {lang}"] = [submissions.figure_label(p, lang) for p in paths]
    return out


def test_the_outputs_say_what_they_said(ledger: Database) -> None:
    now = json.loads(json.dumps(_texts(ledger), ensure_ascii=False, default=str))
    if os.environ.get("UPDATE_STATISTICS_TEXTS"):
        RECORD.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                          encoding="utf-8")
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    assert sorted(now) == sorted(recorded)
    for key in recorded:
        assert now[key] == recorded[key], key
