"""The shared mini district (tests/fixtures/district.py) is one district: built directly
or imported from its CSV files through ``org import``, the ledger holds the same rows."""

from __future__ import annotations

from mediator_app.services.organisation.import_files import import_org
from mediator_app.storage.db import open_memory
from tests.fixtures.district import (
    COMMITTEES,
    DISTRICT,
    GRID_A1,
    ORG_FILES,
    PEOPLE,
    UNITS,
    build_mini_district,
)

COLUMNS = {"org_units": "code, name, level, parent_code, active",
           "org_closure": "ancestor, descendant, depth",
           "committees": "code, name, short_name, kind, org_code, active",
           "people": "name, role, committee_code, grid_code, phone, active"}


def _rows(db) -> dict[str, list[tuple]]:  # noqa: ANN001
    return {table: db.execute(f"SELECT {cols} FROM {table} ORDER BY {cols}").fetchall()
            for table, cols in COLUMNS.items()}


def test_built_and_imported_district_are_the_same():
    built, imported = open_memory(), open_memory()
    ids = build_mini_district(built, people=True)
    import_org(imported, ORG_FILES)
    assert _rows(built) == _rows(imported)
    assert sorted(ids) == sorted(p.name for p in PEOPLE) and len(set(ids.values())) == 3


def test_the_district_has_what_its_docstring_draws(mini_district):
    assert (len(UNITS), len(COMMITTEES)) == (10, 3)
    assert mini_district.execute(
        "SELECT count(*) FROM org_closure WHERE ancestor = ? AND descendant != ?",
        [DISTRICT, DISTRICT]).fetchone()[0] == 9
    assert [r[0] for r in mini_district.execute(
        "SELECT ancestor FROM org_closure WHERE descendant = ? ORDER BY depth DESC",
        [GRID_A1])] == [DISTRICT, "610114001", "610114001001", GRID_A1]
    assert mini_district.execute("SELECT count(*) FROM people").fetchone()[0] == 0
