"""Demo district generator: structure, validity of every case and party, case
numbers, determinism, coverage of types/sources/statuses, chunking and FTS."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from mediator_app.domain.casenumber import DEFAULT_TEMPLATE, parse_serial
from mediator_app.domain.codes import DEFAULT_DISPUTE_TYPES, DEFAULT_SOURCES
from mediator_app.domain.enums import CaseStatus
from mediator_app.domain.idnumber import check_id_number, derive_from_id
from mediator_app.domain.status import is_overdue, validate_case
from mediator_app.services.demo import district as demo
from mediator_app.services.demo.district import DemoError, build_demo, default_case_count
from mediator_app.storage.bulk_repo import BulkRepository
from mediator_app.storage.case_query import fts_trigrams
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_memory
from mediator_app.storage.settings_repo import SettingsRepository

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def full():
    """The default-size district (about 2,000 cases a year since 2023)."""
    db = open_memory()
    summary = build_demo(db, seed=1, today=TODAY)
    return db, summary


@pytest.fixture(scope="module")
def small():
    db = open_memory()
    calls: list[tuple[int, int]] = []
    summary = build_demo(db, cases=300, seed=7, today=TODAY,
                         progress=lambda done, total: calls.append((done, total)))
    return db, summary, calls


def _scalar(db, sql, params=()):
    return db.execute(sql, list(params)).fetchone()[0]


def _dump_hash(db) -> str:
    h = hashlib.sha256()
    for line in db.conn.iterdump():
        if "_sqlite_migrations" not in line:  # migration times differ by run
            h.update(line.encode())
    return h.hexdigest()


# ---- structure ----------------------------------------------------------------------

def test_default_structure_matches_the_district(full):
    db, s = full
    assert (s.streets, s.villages, s.communities, s.grids) == (7, 73, 32, 225)
    assert (s.committees, s.mediators, s.grid_workers) == (118, 503, 225)
    assert s.units_by_level["区"] == 1
    kinds = dict(db.execute("SELECT kind, count(*) FROM committees GROUP BY kind").fetchall())
    assert kinds == {"村(居)调委会": 105, "乡镇(街道)调委会": 7, "区调委会": 1,
                     "行业性专业性调委会": 5}
    assert _scalar(db, "SELECT count(*) FROM people WHERE role = '调解员+网格员'") == 60
    assert _scalar(db, "SELECT count(*) FROM people") == 503 + 225 - 60


def test_codes_nest_by_level(full):
    db, _ = full
    lengths = {"区": 6, "街道": 9, "乡镇": 9, "村": 12, "社区": 12, "网格": 15}
    for code, level, parent in db.execute("SELECT code, level, parent_code FROM org_units"):
        assert len(code) == lengths[level] and code.isdigit(), code
        assert parent is None if level == "区" else code.startswith(parent)
        assert code.startswith("610114")
    # closure built: every grid has 4 ancestors including itself
    assert _scalar(db, "SELECT count(*) FROM org_closure WHERE descendant LIKE '_______________'"
                   " AND length(descendant) = 15") == 225 * 4


def test_every_committee_has_mediators_and_every_grid_one_worker(full):
    db, _ = full
    assert _scalar(db, "SELECT count(*) FROM committees c WHERE NOT EXISTS (SELECT 1 FROM "
                       "people p WHERE p.committee_code = c.code AND p.role LIKE '调解员%')") == 0
    per_grid = db.execute("SELECT grid_code, count(*) FROM people WHERE grid_code IS NOT NULL "
                          "GROUP BY grid_code").fetchall()
    assert len(per_grid) == 225 and {n for _g, n in per_grid} == {1}
    # dual-role workers mediate in their own village's committee
    assert _scalar(db, "SELECT count(*) FROM people WHERE role = '调解员+网格员' AND "
                       "committee_code <> substr(grid_code, 1, 12) || '00'") == 0
    assert _scalar(db, "SELECT count(*) FROM people WHERE employment = '专职' "
                       "AND role LIKE '调解员%'") > 0


def test_settings_name_the_district(full):
    db, s = full
    settings = SettingsRepository(db)
    assert settings.get("district_code") == "610114" == s.district_code
    assert settings.get("district_name") == s.district_name != ""


# ---- cases --------------------------------------------------------------------------

def test_default_case_count_is_about_2000_a_year(full):
    db, s = full
    assert s.cases == default_case_count(TODAY) == _scalar(db, "SELECT count(*) FROM cases")
    assert 7500 < s.cases < 8100
    per_year = dict(db.execute("SELECT year, count(*) FROM cases GROUP BY year").fetchall())
    assert set(per_year) == {2023, 2024, 2025, 2026}
    assert all(1800 < per_year[y] < 2200 for y in (2023, 2024, 2025))
    assert _scalar(db, "SELECT min(received_on) FROM cases") >= "2023-01-01"
    assert _scalar(db, "SELECT max(received_on) FROM cases") <= TODAY.isoformat()


def test_every_case_is_valid(full):
    db, _ = full
    repo = CaseRepository(db)
    bad = []
    for (rowid,) in db.execute("SELECT id FROM cases").fetchall():
        case = repo.get(rowid)
        problems = validate_case(case, today=TODAY)
        if problems or not 2 <= len(case.parties) <= 4 or not case.summary:
            bad.append((rowid, problems))
    assert bad == []


def test_every_party_id_number_is_valid_and_consistent(full):
    db, _ = full
    rows = db.execute("SELECT id_type, id_number, sex, birth_date, kind FROM parties").fetchall()
    assert rows
    resident = [r for r in rows if r[0] == "居民身份证"]
    assert len(resident) > 0.9 * len(rows)
    for _t, number, sex, birth, kind in resident:
        assert kind == "自然人"
        assert check_id_number(number, today=TODAY) == [], number
        info = derive_from_id(number)
        assert info is not None and info.sex.value == sex and info.birth_date.isoformat() == birth
        assert "1940-01-01" <= birth <= "2004-12-31"
    others = [r for r in rows if r[0] != "居民身份证"]
    assert all(r[0] == "统一社会信用代码" and len(r[1]) == 18 for r in others)


def test_case_numbers_restart_each_year_per_committee(full):
    db, _ = full
    short = dict(db.execute("SELECT code, short_name FROM committees").fetchall())
    serials: dict[tuple[str, int], list[int]] = {}
    for committee, year, case_no in db.execute(
            "SELECT committee_code, year, case_no FROM cases ORDER BY received_on, id"):
        serial = parse_serial(DEFAULT_TEMPLATE, case_no, year=year, short_name=short[committee])
        assert serial is not None, case_no
        serials.setdefault((committee, year), []).append(serial)
    for key, found in serials.items():
        assert found == list(range(1, len(found) + 1)), key
    assert _scalar(db, "SELECT count(*) FROM (SELECT committee_code, year, case_no FROM cases "
                       "GROUP BY 1, 2, 3 HAVING count(*) > 1)") == 0


def test_all_types_sources_and_statuses_present(full):
    db, _ = full
    types = {r[0] for r in db.execute("SELECT DISTINCT dispute_type FROM cases")}
    sources = {r[0] for r in db.execute("SELECT DISTINCT source FROM cases")}
    statuses = {r[0] for r in db.execute("SELECT DISTINCT status FROM cases")}
    assert types == {code for code, _l, _g in DEFAULT_DISPUTE_TYPES}
    assert sources == {code for code, _l, _g in DEFAULT_SOURCES}
    assert statuses == {s.value for s in CaseStatus}
    forms = {r[0] for r in db.execute("SELECT DISTINCT agreement_form FROM cases")}
    assert forms == {None, "书面", "口头"}
    assert _scalar(db, "SELECT count(*) FROM cases WHERE judicial_confirmed = 1") > 0
    top = [r[0] for r in db.execute(
        "SELECT dispute_type FROM cases GROUP BY 1 ORDER BY count(*) DESC LIMIT 3")]
    assert set(top) == {"01", "02", "03"}  # 婚姻家庭, 邻里, 房屋宅基地


def test_outcomes_look_like_the_district_report(full):
    db, _ = full
    closed = _scalar(db, "SELECT count(*) FROM cases WHERE closed_on IS NOT NULL")
    resolved = _scalar(db, "SELECT count(*) FROM cases WHERE status = '调解成功'")
    assert 0.995 <= resolved / closed < 1
    open_rows = db.execute("SELECT status, accepted_on, received_on FROM cases "
                           "WHERE status IN ('调解中', '待受理')").fetchall()
    assert all(r[2] >= "2026-06-01" for r in open_rows)  # only recent cases still open
    overdue = [r for r in open_rows
               if is_overdue(CaseStatus(r[0]), date.fromisoformat(r[1]) if r[1] else None, TODAY)]
    assert 1 <= len(overdue) <= 20


def test_seasonality_spring_festival_busier_than_october(full):
    db, _ = full
    per_month = dict(db.execute("SELECT substr(received_on, 6, 2), count(*) FROM cases "
                                "WHERE year < 2026 GROUP BY 1").fetchall())
    assert per_month["02"] / 28 > 1.3 * per_month["10"] / 31


def test_locations_and_mediators_belong_to_the_committee(full):
    db, _ = full
    assert _scalar(db, "SELECT count(*) FROM cases c JOIN committees m ON m.code = "
                       "c.committee_code "
                       "WHERE c.org_code <> coalesce(c.grid_code, m.org_code)") == 0
    assert _scalar(db, "SELECT count(*) FROM cases c JOIN committees m ON m.code = "
                       "c.committee_code WHERE c.grid_code IS NOT NULL AND "
                       "substr(c.grid_code, 1, 12) <> m.org_code") == 0
    share = _scalar(db, "SELECT avg(grid_code IS NOT NULL) FROM cases")
    assert 0.6 < share < 0.9
    assert _scalar(db, "SELECT count(*) FROM case_mediators cm JOIN cases c ON c.id = "
                       "cm.case_rowid JOIN people p ON p.id = cm.person_id "
                       "WHERE p.committee_code <> c.committee_code") == 0
    assert _scalar(db, "SELECT count(*) FROM cases c WHERE party_count <> (SELECT count(*) "
                       "FROM parties p WHERE p.case_rowid = c.id)") == 0


def test_records_agreements_and_follow_ups(full):
    db, _ = full
    resolved = _scalar(db, "SELECT count(*) FROM cases WHERE status = '调解成功'")
    assert _scalar(db, "SELECT count(*) FROM agreements") == resolved
    assert _scalar(db, "SELECT count(*) FROM agreements a JOIN cases c ON c.id = a.case_rowid "
                       "WHERE a.form <> c.agreement_form") == 0
    assert _scalar(db, "SELECT count(*) FROM follow_ups f JOIN cases c ON c.id = f.case_rowid "
                       "WHERE f.visited_on < c.closed_on OR f.visited_on > ?",
                   [TODAY.isoformat()]) == 0
    assert _scalar(db, "SELECT count(*) FROM follow_ups") > 0.5 * resolved
    # 以案定补: about 3 % of successful cases have no records (an incomplete file)
    assert _scalar(db, "SELECT count(*) FROM investigations") >= 0.95 * resolved


def test_a_tenth_of_successful_files_are_incomplete_and_classes_vary(full):
    from mediator_app.services.subsidy import claim as subsidy

    db, _ = full
    claim = subsidy.compute_claim(db, period="2024", scope="610114")
    resolved = claim.result.eligible_cases + len(claim.result.refused)
    assert 0.06 < len(claim.result.refused) / resolved < 0.14
    assert {x.code for r in claim.result.refused for x in r.reasons} == {"file_incomplete"}
    classes = dict(db.execute("SELECT difficulty, count(*) FROM cases GROUP BY 1").fetchall())
    assert set(classes) == {"1", "2", "3", "4"} and classes["4"] > 0


def test_full_text_index_matches_and_trigger_survives(full):
    db, _ = full
    assert BulkRepository(db).fts_integrity_problems() == []
    assert _scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'cases_fts_ai'") == 1
    rowid, names = db.execute("SELECT id, party_names FROM cases WHERE length(party_names) > 8 "
                              "LIMIT 1 OFFSET 123").fetchone()
    # the index keeps no positions (m0100): a 5-character term is found by its trigrams
    hits = [r[0] for r in db.execute("SELECT rowid FROM case_fts WHERE case_fts MATCH ?",
                                     [fts_trigrams(names[:5])])]
    assert rowid in hits


# ---- size, progress, determinism ------------------------------------------------------

def test_small_count_and_progress(small):
    db, s, calls = small
    assert s.cases == 300 == _scalar(db, "SELECT count(*) FROM cases")
    assert s.parties == _scalar(db, "SELECT count(*) FROM parties") >= 600
    assert calls[0] == (0, 300) and calls[-1] == (300, 300)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


def test_same_seed_same_database_other_seed_differs(small):
    db, _, _ = small
    again = open_memory()
    build_demo(again, cases=300, seed=7, today=TODAY)
    other = open_memory()
    build_demo(other, cases=300, seed=8, today=TODAY)
    assert _dump_hash(again) == _dump_hash(db)
    assert _dump_hash(other) != _dump_hash(db)


def test_chunks_and_sampled_details(monkeypatch):
    monkeypatch.setattr(demo, "CHUNK_SIZE", 64)
    monkeypatch.setattr(demo, "DETAIL_LIMIT", 100)
    db = open_memory()
    calls: list[int] = []
    s = build_demo(db, cases=1000, seed=3, today=TODAY, progress=lambda d, t: calls.append(d))
    assert s.cases == 1000 and len(calls) > 10
    with_parties = _scalar(db, "SELECT count(DISTINCT case_rowid) FROM parties")
    with_records = _scalar(db, "SELECT count(DISTINCT case_rowid) FROM investigations")
    assert with_parties == 1000
    assert 40 < with_records < 200
    assert BulkRepository(db).fts_integrity_problems() == []


def test_refuses_a_database_with_data(small):
    db, _, _ = small
    with pytest.raises(DemoError) as err:
        build_demo(db, cases=10, today=TODAY)
    assert err.value.code == "demo.not_empty"
    with pytest.raises(DemoError):
        build_demo(open_memory(), cases=-1, today=TODAY)
    with pytest.raises(DemoError):
        build_demo(open_memory(), cases=10, today=date(2022, 12, 31))


def test_connection_settings_restored_after_build():
    db = open_memory()
    before = [db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("cache_size", "synchronous")]
    build_demo(db, cases=50, today=TODAY)
    after = [db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("cache_size", "synchronous")]
    assert after == before
