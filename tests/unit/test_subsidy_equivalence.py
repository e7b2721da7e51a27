"""以案定补 (issue 14): the fast yearly claim (one SQL read with the mediators folded in,
one decision per distinct case signature, the garbage collector paused) gives exactly
the claim of the straightforward computation: every case read on its own, its
mediators in a query of their own, its class, rule set, refusals and rate decided by
the plain domain rules, case by case. On randomised demo ledgers with randomised
rules (dated rule sets, bands, split payment, performed-only, completeness off), cases
without mediators or class, shuffled principals and cases paid by an earlier claim."""

from __future__ import annotations

import dataclasses
import gc
import random
from collections import defaultdict
from datetime import date

import pytest

from mediator_app.domain import subsidy as s
from mediator_app.domain.errors import DomainError
from mediator_app.services.demo.district import build_demo
from mediator_app.services.subsidy import claim as subsidy
from mediator_app.storage.db import open_memory

TODAY = date(2026, 11, 30)
DISTRICT = "610114"


def _randomise(db, rng: random.Random) -> None:
    conn = db.conn
    ids = [r[0] for r in conn.execute("SELECT id FROM cases WHERE status = '调解成功'")]
    with db.atomic():
        for rowid in rng.sample(ids, len(ids) // 8):  # the class from the dispute type
            conn.execute("UPDATE cases SET difficulty = NULL WHERE id = ?", [rowid])
        for rowid in rng.sample(ids, len(ids) // 5):  # files in every state
            conn.execute("UPDATE cases SET file_flags = ?, performance = ?, "
                         "people_involved = ?, amount_fen = ? WHERE id = ?",
                         [rng.randrange(128), rng.choice([None, "已履行", "未履行", "履行中"]),
                          rng.randrange(1, 15), rng.choice([0, 100, 4_999_999, 5_000_000]),
                          rowid])
        for rowid in rng.sample(ids, len(ids) // 30):  # no mediator
            conn.execute("DELETE FROM case_mediators WHERE case_rowid = ?", [rowid])
        for rowid in rng.sample(ids, len(ids) // 10):  # another principal
            team = [r[0] for r in conn.execute(
                "SELECT person_id FROM case_mediators WHERE case_rowid = ?", [rowid])]
            rng.shuffle(team)
            for seq, pid in enumerate(team):
                conn.execute("UPDATE case_mediators SET seq = ? WHERE case_rowid = ? AND "
                             "person_id = ?", [seq, rowid, pid])
    people = [r[0] for r in conn.execute("SELECT id FROM people")]
    rng.shuffle(people)
    with db.atomic():  # a few more mediators on some cases, in a random order
        for rowid in rng.sample(ids, len(ids) // 10):
            for seq, pid in enumerate(rng.sample(people, rng.randint(1, 3)), 5):
                conn.execute("INSERT OR IGNORE INTO case_mediators VALUES (?, ?, ?)",
                             [rowid, pid, seq])
    subsidy.set_class_default(db, "01", rng.choice("1234"))
    rule_file = {k: tuple(i for i in s.ITEMS if rng.random() < 0.4) for k in s.SITUATIONS}
    subsidy.set_file_rules(db, rule_file)
    # an earlier quarter paid by a street (its cases are "already paid" in the year)
    street = conn.execute("SELECT code FROM org_units WHERE parent_code = ? ORDER BY code "
                          "LIMIT 1", [DISTRICT]).fetchone()[0]
    subsidy.mark_paid(db, period="2025-Q2", scope=street)
    # later rule sets (after the payment: a paid period's rules are frozen)
    for effective in (date(2025, 7, 1), date(2025, 10, 15)):
        rates = [s.Rate(c, rng.randrange(1, 40_000)) for c in "123" if rng.random() < 0.9]
        rates += [s.Rate(rng.choice("1234"), rng.randrange(1, 40_000), agreement_form=form,
                         min_people=rng.choice([0, 3, 8]),
                         min_amount_fen=rng.choice([0, 100, 5_000_000]))
                  for form in ("", "书面", "口头") for _ in range(2)]
        unique = {(r.difficulty, r.agreement_form, r.min_people, r.min_amount_fen): r
                  for r in rates}
        subsidy.save_rule_set(db, s.RuleSet(
            effective, tuple(unique.values()), payee=rng.choice(s.PAYEES),
            performed_only=rng.random() < 0.5, require_complete=rng.random() < 0.7))


def _descendants(db, code: str) -> set[str]:
    out, todo = set(), [code]
    while todo:
        unit = todo.pop()
        out.add(unit)
        todo += [r[0] for r in db.conn.execute(
            "SELECT code FROM org_units WHERE parent_code = ?", [unit])]
    return out


def _straightforward(db, period: str, scope: str):
    """(per mediator: (person id, [line...]) in the claim's order, refused: {case id:
    reasons}), one case at a time."""
    conn = db.conn
    start, end = f"{period}-01-01", f"{period}-12-31"
    units = _descendants(db, scope)
    rule_sets = subsidy.rule_sets(db)
    file_rules = subsidy.file_rules(db)
    defaults = subsidy.class_defaults(db)
    people = {pid: s.Mediator(pid, name, committee or "") for pid, name, committee
              in conn.execute("SELECT id, name, committee_code FROM people")}
    claims = {c.id: c for c in subsidy.paid_claims(db)}
    lines: dict[int, list[tuple]] = defaultdict(list)
    refused: dict[str, tuple] = {}
    cases = conn.execute(
        "SELECT id, case_id, case_no, committee_code, closed_on, accepted_on, "
        "agreement_form, performance, difficulty, dispute_type, people_involved, "
        "amount_fen, file_flags, org_code, deleted FROM cases WHERE status = '调解成功'"
    ).fetchall()
    for (rowid, case_id, case_no, committee, closed, accepted, form, performance, cls,
         dispute_type, n_people, amount, flags, org_code, deleted) in cases:
        if deleted or org_code not in units or not (start <= (closed or "") <= end):
            continue
        team = tuple(people[pid] for (pid,) in conn.execute(
            "SELECT person_id FROM case_mediators WHERE case_rowid = ? ORDER BY seq",
            [rowid]))
        paid = conn.execute("SELECT claim_id FROM subsidy_paid_cases WHERE case_id = ?",
                            [case_id]).fetchone()
        paid_in = ""
        if paid is not None and (claims[paid[0]].scope, claims[paid[0]].period) != (
                scope, period):
            c = claims[paid[0]]
            paid_in = subsidy._claim_label(db, c.scope, c.period, c.version, "zh")
        facts = s.CaseFacts(rowid, case_id, case_no, committee, closed,
                            int(accepted is not None), form, performance,
                            cls or s.default_class(defaults, dispute_type), n_people, amount,
                            flags, ",".join(str(m.person_id) for m in team))
        rules = s.rule_set_on(rule_sets, date.fromisoformat(closed))
        reasons = s.refusals(facts, rules, file_rules, paid_in)
        if reasons:
            refused[case_id] = (committee, closed, case_no, tuple(reasons))
            continue
        assert rules is not None
        rate = rules.rate_for(facts.difficulty, form, n_people, amount)
        assert rate is not None
        payees = team if rules.payee == s.SPLIT else team[:1]
        for payee, share in zip(payees, s.shares(rate.amount_fen, len(payees)), strict=True):
            lines[payee.person_id].append((closed, case_no, case_id, share, rate.amount_fen,
                                           len(payees), rules.effective_from))
    order = sorted(lines, key=lambda pid: (people[pid].committee_code, people[pid].name, pid))
    return [(pid, sorted(lines[pid])) for pid in order], refused


@pytest.mark.parametrize("seed", [3, 17, 2024])
def test_fast_claim_equals_the_straightforward_computation(seed):
    rng = random.Random(seed)
    db = open_memory()
    build_demo(db, cases=2500, seed=seed, today=TODAY)
    _randomise(db, rng)
    assert gc.isenabled()
    claim = subsidy.compute_claim(db, period="2025", scope=DISTRICT)
    assert gc.isenabled()  # paused only while the claim was built
    expected_lines, expected_refused = _straightforward(db, "2025", DISTRICT)
    got_lines = [(m.mediator.person_id, [
        (ln.case.closed_on, ln.case.case_no, ln.case.case_id, ln.amount_fen,
         ln.case_amount_fen, ln.share_of, ln.rule_from) for ln in m.lines])
        for m in claim.result.mediators]
    assert got_lines == expected_lines
    got_refused = {r.case.case_id: (r.case.committee_code, r.case.closed_on, r.case.case_no,
                                    r.reasons) for r in claim.result.refused}
    assert got_refused == expected_refused
    assert [r.case.case_id for r in claim.result.refused] == [
        k for k, _v in sorted(expected_refused.items(), key=lambda kv: (*kv[1][:3], kv[0]))]
    # the randomisation reached every branch
    codes = {r.code for reasons in got_refused.values() for r in reasons[3]}
    assert {"already_paid", "no_mediator", "no_rate"} <= codes
    assert any(n > 1 for _pid, ls in got_lines for *_x, n, _f in ls) or not any(
        rs.payee == s.SPLIT for rs in claim.result.rule_sets)
    assert len(claim.result.rule_sets) >= 2


def test_the_garbage_collector_is_back_on_after_a_failed_claim():
    db = open_memory()
    with pytest.raises(DomainError):
        subsidy.compute_claim(db, period="2025", scope="nowhere")
    assert gc.isenabled()
    gc.disable()
    try:
        with subsidy.gc_paused():
            pass
        assert not gc.isenabled()  # left off when it was off before
    finally:
        gc.enable()


def test_straightforward_reference_is_not_vacuous():
    """The comparison can fail: a changed rate changes the straightforward claim."""
    rng = random.Random(5)
    db = open_memory()
    build_demo(db, cases=800, seed=5, today=TODAY)
    _randomise(db, rng)
    before, _r = _straightforward(db, "2025", DISTRICT)
    latest = subsidy.rule_sets(db)[-1]
    subsidy.save_rule_set(db, dataclasses.replace(
        latest, rates=tuple(dataclasses.replace(r, amount_fen=r.amount_fen + 1)
                            for r in latest.rates)))
    after, _r = _straightforward(db, "2025", DISTRICT)
    assert before != after
