"""An import inside a function is deliberate (issue 11 item 5): the line above it, or
above the run of imports it is part of, is a comment ``# lazy: <why>`` (e.g. start-up
time, issue 13: ``--help`` ≤ 0.25 s). Everything else is imported at the top of the
module. The check also runs on a small made-up source, so that it is seen to fail.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "mediator_app"
LAZY = "# lazy:"


def unexplained_imports(text: str) -> list[tuple[int, str]]:
    """(line, source) of each import inside a function without a ``# lazy:`` comment on
    the line above it or above the run of imports it is part of."""
    tree = ast.parse(text)
    lines = text.splitlines()
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Import | ast.ImportFrom) and not _explained(node, func, lines):
                found.append((node.lineno, lines[node.lineno - 1].strip()))
    return sorted(set(found))


def _explained(node: ast.stmt, func: ast.AST, lines: list[str]) -> bool:
    import_lines: set[int] = set()
    for other in ast.walk(func):
        if isinstance(other, ast.Import | ast.ImportFrom):
            import_lines.update(range(other.lineno, (other.end_lineno or other.lineno) + 1))
    above = node.lineno - 1  # 1-based number of the line above
    while above >= 1 and above in import_lines:
        above -= 1
    if above < 1:
        return False
    comment = lines[above - 1].strip()
    return comment.startswith(LAZY) and len(comment) > len(LAZY) + 1


# --- the package ---------------------------------------------------------------------


def test_every_import_inside_a_function_says_why() -> None:
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {source}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for line, source in unexplained_imports(path.read_text(encoding="utf-8"))]
    assert not found, (
        f"imports inside functions without a '{LAZY} <why>' comment on the line above "
        "(move them to the top of the module, or say why they are lazy):\n" + "\n".join(found)
    )


# --- the check itself can fail -------------------------------------------------------


def test_an_unexplained_import_inside_a_function_is_found() -> None:
    text = (
        "import os\n"
        "\n"
        "def quick():\n"
        "    # lazy: reportlab costs 0.3 s at start-up\n"
        "    from reportlab import pdfgen\n"
        "    import json\n"
        "\n"
        "def slow():\n"
        "    x = 1\n"
        "    import csv\n"
        "    # lazy:\n"
        "    import io\n"
        "\n"
        "class K:\n"
        "    def m(self):\n"
        "        from os import path  # lazy: a trailing comment is not enough\n"
    )
    assert unexplained_imports(text) == [
        (10, "import csv"),
        (12, "import io"),
        (16, "from os import path  # lazy: a trailing comment is not enough"),
    ]
