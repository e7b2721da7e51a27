"""A broad search walks the registration-date index for the first page; the ids and
their order are the same as with the plain plan."""

from __future__ import annotations

from datetime import date

import pytest

from mediator_app.services.demo.district import build_demo
from mediator_app.storage import case_query as cq
from mediator_app.storage.db import open_memory


@pytest.fixture(scope="module")
def db():  # noqa: ANN201
    db = open_memory()
    build_demo(db, cases=1200, seed=5, today=date(2024, 12, 31))
    return db


@pytest.mark.parametrize("text", ["人调字", "宅基地", "人调字第1"])
def test_walking_the_index_gives_the_same_first_page(db, monkeypatch, text) -> None:  # noqa: ANN001
    f = cq.CaseFilter(text=text)
    monkeypatch.setattr(cq, "WALK_INDEX_MATCHES", 10**9)
    plain = cq.case_ids(db, f, limit=50)
    monkeypatch.setattr(cq, "WALK_INDEX_MATCHES", 1)
    assert cq._broad_search(db, text)
    walked = cq.case_ids(db, f, limit=50)
    assert walked == plain and len(plain) > 0
    assert walked == cq.case_ids(db, f)[:50]  # the full list agrees too


def test_short_terms_walk_only_when_they_name_something(db, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(cq, "WALK_INDEX_MATCHES", 1)
    for term in ("王", "伟", "邻里"):
        assert cq._broad_search(db, term) == bool(cq.label_match(db, term)), term
    assert cq._broad_search(db, "邻里")  # 邻里纠纷: a dispute type
    # every term must be broad: 伟 names nothing here, so 宅基地 伟 does not walk
    assert not cq.label_match(db, "伟")
    assert not cq._broad_search(db, "宅基地 伟")


@pytest.mark.parametrize("text", ["邻里", "振兴街道", "当事人申请 宅基地"])
def test_walking_gives_the_same_first_page_for_names(db, monkeypatch, text) -> None:  # noqa: ANN001
    f = cq.CaseFilter(text=text)
    monkeypatch.setattr(cq, "WALK_INDEX_MATCHES", 1)
    assert cq._broad_search(db, text)
    with monkeypatch.context() as m:
        m.setattr(cq, "_broad_search", lambda _db, _text: False)
        plain = cq.case_ids(db, f, limit=50)
    walked = cq.case_ids(db, f, limit=50)
    assert walked == plain and len(plain) > 0
    assert walked == cq.case_ids(db, f)[:50]


@pytest.mark.parametrize("sort", ["received_on", "status", "amount", "case_no"])
@pytest.mark.parametrize("text", ["宅基地", "邻里", "人调字第1", "王", "当事人申请 宅基地"])
def test_full_list_through_the_covering_index_is_the_same(db, monkeypatch, text, sort) -> None:  # noqa: ANN001
    """Issue 13: a searched view's full id list reads idx_cases_stats when it covers the
    filter and the order; the ids and their order are those of the plain plan."""
    f = cq.CaseFilter(text=text)
    seen: list[str] = []
    real_execute = type(db).execute

    def spy(self, sql, params=None):  # noqa: ANN001, ANN202
        seen.append(sql)
        return real_execute(self, sql, params)

    with monkeypatch.context() as m:
        m.setattr(cq, "_covered", lambda _sql: False)
        plain = cq.case_ids(db, f, sort=sort)
    monkeypatch.setattr(type(db), "execute", spy)
    covered = cq.case_ids(db, f, sort=sort)
    assert covered == plain and len(plain) > 0
    used = any("INDEXED BY idx_cases_stats" in s for s in seen)
    where, _params = cq.where_clause(db, f)
    assert used == cq._covered(f"{where} {cq.order_by(sort, True)}")
    if text == "宅基地" and sort in ("received_on", "amount"):
        assert used  # the FTS match and the dispute type: both in the index
    if sort == "case_no" or text == "王":
        assert not used  # the case number, or a LIKE over the summary and the names
