"""The import graph of ``mediator_app`` has no circle (issue 11 item 5).

Every import statement counts: module level, ``if TYPE_CHECKING:`` blocks and imports
inside functions (a lazy import must not hide a circle either). Relative imports are
resolved; ``from pkg import name`` is an edge to ``pkg.name`` when that is a module, else
to ``pkg``. The implicit import of a parent package's ``__init__`` is not an edge (a
package may gather its modules). The check also runs on a small made-up package, so that
it is seen to fail, and shows the circle it finds.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "mediator_app"

Edge = tuple[str, int]  # (imported module, line)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(tree: ast.Module, module: str, is_package: bool,
               known: set[str]) -> set[Edge]:
    """The modules of ``known`` that ``module`` imports, with the line of each import."""
    edges: set[Edge] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            edges.update((a.name, node.lineno) for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, module, is_package)
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                target = sub if sub in known else source
                if target in known:
                    edges.add((target, node.lineno))
    edges = {(target, line) for target, line in edges if target != module}
    return edges


def import_graph(sources: Mapping[str, tuple[str, bool]]) -> dict[str, set[Edge]]:
    """module -> imported modules, from {module: (source text, is a package)}."""
    known = set(sources)
    return {name: imports_of(ast.parse(text), name, is_pkg, known)
            for name, (text, is_pkg) in sources.items()}


def package_sources(root: Path = PACKAGE) -> dict[str, tuple[str, bool]]:
    return {module_name(p, root): (p.read_text(encoding="utf-8"), p.name == "__init__.py")
            for p in sorted(root.rglob("*.py"))}


def find_cycles(graph: Mapping[str, set[Edge]]) -> list[list[Edge]]:
    """One circle per strongly connected part of the graph (Tarjan, iterative), each as
    [(module, line of its import of the next one), ...] ending where it started."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    parts: list[set[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [
            (start, iter(sorted({t for t, _ in graph[start]})))
        ]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted({t for t, _ in graph[child]}))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.add(member)
                    if member == node:
                        break
                if len(part) > 1:
                    parts.append(part)
    return [_circle_in(graph, part) for part in parts]


def _circle_in(graph: Mapping[str, set[Edge]], part: set[str]) -> list[Edge]:
    """A shortest circle through the smallest module of a strongly connected part."""
    first = min(part)
    paths: dict[str, list[Edge]] = {first: []}
    queue = [first]
    while queue:
        node = queue.pop(0)
        for target, line in sorted(graph[node]):
            if target == first:
                return [*paths[node], (node, line), (first, 0)]
            if target in part and target not in paths:
                paths[target] = [*paths[node], (node, line)]
                queue.append(target)
    raise AssertionError(f"no circle through {first}")  # pragma: no cover


def describe(circle: list[Edge]) -> str:
    return " → ".join(f"{m} (line {line})" if line else m for m, line in circle)


# --- the package ---------------------------------------------------------------------


def test_the_package_has_no_import_circle() -> None:
    graph = import_graph(package_sources())
    assert len(graph) > 100 and sum(map(len, graph.values())) > 300  # the graph was built
    circles = find_cycles(graph)
    assert not circles, "import circles:\n" + "\n".join(describe(c) for c in circles)


# --- the check itself can fail --------------------------------------------------------


def test_a_circle_is_found_and_shown() -> None:
    sources = {
        "app": ("", True),
        "app.a": ("from app import b\n", False),
        "app.b": ("import os\n\ndef f():\n    from .c import X\n", False),
        "app.c": ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.a import Y\n",
                  False),
        "app.d": ("from app.a import Z\n", False),
    }
    circles = find_cycles(import_graph(sources))
    assert [describe(c) for c in circles] == [
        "app.a (line 1) → app.b (line 4) → app.c (line 3) → app.a"
    ]
    sources["app.c"] = ("X = 1\n", False)
    assert find_cycles(import_graph(sources)) == []
