"""The layering rules of docs/architecture.md, checked on the source tree:

ui → services → (reports | storage) → domain; cli → services; Qt only in ui; SQL only in
storage. The window and the command line reach the data only through services (issue 11):
``ui`` and ``cli`` never import ``storage``, with no exception — the visible page of the
case list is fetched through ``services.cases.browse.fetch_rows`` too, and the ledger is opened
through ``services.ledger``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mediator_app"

# layer -> layers it must never import
FORBIDDEN = {
    "domain": {"storage", "services", "reports", "ui", "cli"},
    "storage": {"services", "reports", "ui", "cli"},
    "reports": {"storage", "services", "ui", "cli"},
    "services": {"ui", "cli"},
    "ui": {"storage", "cli"},  # the window shares texts with the CLI through services
    "cli": {"storage"},
}
SQL_CALL = re.compile(r"\.(execute|executemany|executescript)\(")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE).parts
    return rel[0] if len(rel) > 1 else ""


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function: ``import a.b``,
    ``from a.b import c`` (as ``a.b`` and ``a.b.c``, so ``from mediator_app import storage``
    counts) and relative imports resolved against the file's package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["mediator_app", *path.relative_to(PACKAGE).parts[:-1]]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package[:len(package) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            names.add(base)
            names.update(f"{base}.{a.name}" for a in node.names)
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layer_imports(path: Path) -> None:
    layer = _layer(path)
    imported = _imports(path)
    if layer != "ui":
        qt = sorted(n for n in imported if n.split(".")[0] in {"PySide6", "shiboken6"})
        assert not qt, f"{path.name} ({layer or 'top'}) imports Qt: {qt}"
    for name in imported:
        parts = name.split(".")
        if parts[0] == "mediator_app" and len(parts) > 1:
            assert parts[1] not in FORBIDDEN.get(layer, set()), (
                f"{path.relative_to(PACKAGE)} ({layer}) must not import {name}"
            )


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if _layer(p) not in {"storage"}],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_sql_only_in_storage(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not SQL_CALL.search(text), f"{path.relative_to(PACKAGE)} runs SQL outside storage/"
