"""mypy --strict is clean on the whole package: domain, storage, services, reports, cli and
the window layer (ui/). In ui/, a ``# type: ignore[code]`` is allowed only where the
PySide6 stubs are wrong, with the reason on the line above (checked below).

The packages and options live in ``[tool.mypy]`` of pyproject.toml, so this test and a
plain ``uv run mypy`` check the same thing. The cache is the git-ignored .mypy_cache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_strict_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ui_ignores_name_a_code_and_a_reason() -> None:
    """No blanket ``type: ignore`` in ui/: each names its error code and has a comment
    on the line above saying why (where the PySide6 stubs are wrong)."""
    bare = []
    for path in sorted((ROOT / "mediator_app" / "ui").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if "type: ignore" not in line:
                continue
            coded = "type: ignore[" in line
            reason = number > 1 and lines[number - 2].strip().startswith("#")
            if not (coded and reason):
                bare.append(f"{path.relative_to(ROOT)}:{number}")
    assert not bare, "type: ignore without a code or a reason above: " + ", ".join(bare)
