"""The org units in tree order (no Qt): each unit after its parent, siblings in the
order given. Shared by the navigation tree and the unit pickers."""

from __future__ import annotations

from collections.abc import Sequence

Unit = tuple[str, str, str, str | None]  # (code, name, level, parent code)


def tree_order(units: Sequence[Unit]) -> list[tuple[Unit, str | None]]:
    """``(unit, parent code)`` depth first; a unit whose parent is not in ``units``
    (e.g. inactive) is shown at the top, with parent None."""
    known = {u[0] for u in units}
    children: dict[str | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit[3] if unit[3] in known else None, []).append(unit)
    out: list[tuple[Unit, str | None]] = []
    stack: list[tuple[Unit, str | None]] = [(u, None) for u in reversed(children.get(None, []))]
    while stack:
        unit, parent = stack.pop()
        out.append((unit, parent))
        stack.extend((c, unit[0]) for c in reversed(children.get(unit[0], [])))
    return out
