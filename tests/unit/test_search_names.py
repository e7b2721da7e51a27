"""Issue 12 item 3: the search finds what the user sees in the list: dispute type,
source, committee, grid, village/community and street names, besides case number,
summary and party names. Checked against a plain Python filter of every case."""

from __future__ import annotations

from datetime import date

import pytest

from mediator_app.services.demo.district import build_demo
from mediator_app.storage import case_query as cq
from mediator_app.storage.db import open_memory


@pytest.fixture(scope="module")
def db():  # noqa: ANN201
    db = open_memory()
    build_demo(db, cases=2000, seed=11, today=date(2024, 12, 31))
    return db


def _expected(db, term: str, scope_org: str | None = None) -> set[int]:  # noqa: ANN001
    """Cases where ``term`` appears in any text the list shows for them."""
    labels = {(k, c): lbl for k, c, lbl in db.execute(
        "SELECT kind, code, label FROM code_items").fetchall()}
    committees = {c: (n, s) for c, n, s in db.execute(
        "SELECT code, name, short_name FROM committees").fetchall()}
    units = dict(db.execute("SELECT code, name FROM org_units").fetchall())
    ancestors: dict[str, list[str]] = {}
    for anc, desc in db.execute("SELECT ancestor, descendant FROM org_closure").fetchall():
        ancestors.setdefault(desc, []).append(anc)
    under = None
    if scope_org:
        under = {d for (d,) in db.execute(
            "SELECT descendant FROM org_closure WHERE ancestor = ?", [scope_org]).fetchall()}
    out = set()
    for rowid, case_no, summary, parties, dtype, source, committee, org in db.execute(
            "SELECT id, case_no, summary, party_names, dispute_type, source, committee_code,"
            " org_code FROM cases WHERE deleted = 0").fetchall():
        if under is not None and org not in under:
            continue
        texts = [case_no, summary, parties, labels.get(("dispute_type", dtype), ""),
                 labels.get(("source", source), ""), *committees.get(committee, ("", "")),
                 *(units.get(a, "") for a in ancestors.get(org, []))]
        if any(term in (t or "") for t in texts):
            out.add(rowid)
    return out


@pytest.mark.parametrize("term", ["邻里", "邻里纠纷", "当事人申请", "排查", "凤凰", "振兴街道",
                                  "紫薇社区第2网格", "社区", "人调字", "王"])
def test_a_term_finds_every_case_showing_it(db, term) -> None:  # noqa: ANN001
    expected = _expected(db, term)
    assert expected, f"the demo should show {term} somewhere"
    assert set(cq.case_ids(db, cq.CaseFilter(text=term))) == expected
    assert cq.view_counts(db, cq.CaseFilter(text=term)).total == len(expected)


def test_neighbour_disputes_are_found_by_the_word_on_screen(db) -> None:  # noqa: ANN001
    code = db.execute("SELECT code FROM code_items WHERE kind = 'dispute_type' "
                      "AND label = '邻里纠纷'").fetchone()[0]
    neighbours = {r[0] for r in db.execute(
        "SELECT id FROM cases WHERE deleted = 0 AND dispute_type = ?", [code]).fetchall()}
    assert neighbours and neighbours <= set(cq.case_ids(db, cq.CaseFilter(text="邻里")))


def test_terms_combine_within_a_scope(db) -> None:  # noqa: ANN001
    street = db.execute("SELECT code FROM org_units WHERE level = '街道' ORDER BY code"
                        ).fetchone()[0]
    f = cq.CaseFilter(scope=cq.Scope("org", street), text="邻里 当事人申请")
    expected = _expected(db, "邻里", street) & _expected(db, "当事人申请", street)
    assert expected and set(cq.case_ids(db, f)) == expected
