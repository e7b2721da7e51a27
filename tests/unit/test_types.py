"""mypy --strict is clean on the layers below the UI (domain, storage, services, reports).

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
