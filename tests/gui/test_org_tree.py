"""The one tree order shared by the navigation tree and the unit pickers."""

from __future__ import annotations

from mediator_app.domain.org_tree import tree_order
from mediator_app.ui.nav_tree import SCOPE_ROLE, NavTree
from mediator_app.ui.reports.pickers import scope_choices, unit_choices
from tests.gui.conftest import COMMITTEES, UNITS


def test_each_unit_follows_its_parent_and_siblings_keep_their_order():
    units = [("a", "A", "区", None), ("b", "B", "街道", "a"), ("c", "C", "街道", "a"),
             ("b1", "B1", "村", "b"), ("x", "X", "村", "gone")]
    order = [(u[0], parent) for u, parent in tree_order(units)]
    assert order == [("a", None), ("b", "a"), ("b1", "b"), ("c", "a"), ("x", None)]


def test_pickers_and_navigation_tree_list_units_in_the_same_order(ctx, qtbot):
    units = [code for code, _label in unit_choices(ctx)]
    assert sorted(units) == sorted(u.code for u in UNITS)
    assert units.index("610114001") < units.index("610114001001") < units.index(
        "610114001001001") < units.index("610114002")
    tree = NavTree(ctx)
    qtbot.addWidget(tree)
    scopes = [item.data(0, SCOPE_ROLE) for item in tree._walk()]
    in_tree = [s.code for s in scopes if s.kind == "org"]
    assert in_tree == units
    assert scope_choices(ctx) == unit_choices(ctx) + [
        (c.code, f"{c.name} · {c.kind.value}") for c in sorted(
            COMMITTEES, key=lambda c: (c.kind.value, c.code))]

