"""Test-wide setup: Qt runs headless; nothing touches the user's real data directory."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config):  # noqa: ANN001, D103
    import tempfile

    home = tempfile.mkdtemp(prefix="mediator-test-home-")
    os.environ["XDG_DATA_HOME"] = os.path.join(home, "data")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    os.environ.pop("MEDIATOR_APP_DB", None)


@pytest.fixture
def mini_district():  # noqa: ANN201
    """An in-memory ledger holding the shared mini district (tests/fixtures/district.py):
    its units and committees, no people, no cases."""
    # lazy: the package is imported only after pytest_configure has pointed the data
    # folders at a temporary home
    from mediator_app.storage.db import open_memory
    from tests.fixtures.district import build_mini_district

    db = open_memory()
    build_mini_district(db)
    return db
