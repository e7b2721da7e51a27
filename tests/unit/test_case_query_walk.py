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
    assert not cq._broad_search(db, "宅基地 伟") or bool(cq.label_match(db, "伟"))


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
