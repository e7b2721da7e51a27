"""以案定补: the claim of a period and scope (per mediator the paid cases and amounts,
the refused successful cases with reasons), marking a claim as paid, and editing the
rules (rate tables by effective date, completeness rules, default classes).

A case is listed when it is 调解成功, not deleted, located beneath the scope and closed
in the period. It is paid by the rule set in force on its closing date. A case paid by
a claim of another scope or period is refused as "already paid"; one paid by a claim
of this very scope and period is listed again (marked paid), so a paid claim
recomputes to what was paid, and a change since then shows as "changed since the
claim". See docs/subsidy.md."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlite_utils import Database

from mediator_app.domain import subsidy as s
from mediator_app.domain.access import Action
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.periods import Period, parse_period
from mediator_app.domain.subsidy_texts import reason_text, t
from mediator_app.services import permissions
from mediator_app.storage import lookup_repo
from mediator_app.storage.audit_repo import AuditRepository
from mediator_app.storage.crypto import IntegrityErrors
from mediator_app.storage.org_repo import OrgRepository
from mediator_app.storage.subsidy_repo import PaidClaim, SubsidyRepository

ENTITY = "subsidy"


@dataclass(frozen=True)
class ClaimScope:
    kind: str  # "org" | "committee"
    code: str
    name: str


@dataclass
class Claim:
    period: Period
    scope: ClaimScope
    result: s.ClaimResult
    rule_sets: list[s.RuleSet]  # all versions (the applied ones are result.rule_sets)
    file_rules: dict[str, tuple[str, ...]]
    class_labels: dict[str, str]
    committee_names: dict[str, str]
    paid_here: dict[str, int] = field(default_factory=dict)  # case_id -> claim id
    changed: set[str] = field(default_factory=set)  # paid here, changed since
    claims: list[PaidClaim] = field(default_factory=list)  # paid claims of (scope, period)
    people: dict[int, s.Mediator] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return self.scope.code, self.period.text


def fingerprint(claim: Claim, case: s.CaseFacts) -> str:
    team = claim.result.teams.get(case.mediator_ids)
    if team is None:  # a refused case's team was not needed by the claim
        team = s.team_of(case.mediator_ids, claim.people)
    return s.fingerprint(case, team)


def resolve_scope(db: Database, code: str) -> ClaimScope:
    org = OrgRepository(db)
    code = (code or "").strip()
    unit = org.unit(code) if code else None
    if unit is not None:
        return ClaimScope("org", unit.code, unit.name)
    committee = org.committee(code) if code else None
    if committee is not None:
        return ClaimScope("committee", committee.code, committee.name)
    if not code:
        raise DomainError(Problem("scope", "required"))
    raise DomainError(Problem("scope", "unknown_code", {"value": code, "table": "org_units"}))


def _claim_label(db: Database, scope: str, period: str, version: int, lang: str) -> str:
    org = OrgRepository(db)
    unit = org.unit(scope)
    name = unit.name if unit else (c.name if (c := org.committee(scope)) else scope)
    return t("claim.label", lang, scope=name, period=period, version=version)


def _inputs(db: Database, scope: ClaimScope, period: Period, lang: str
            ) -> tuple[s.ClaimInput, set[int]]:
    """The mediators, the labels of claims of other scopes or periods (their cases are
    "already paid"), and the ids of this scope and period's own paid claims."""
    repo = SubsidyRepository(db)
    people = {pid: s.Mediator(pid, name, committee or "")
              for pid, (name, committee) in repo.people().items()}
    elsewhere, here = {}, set()
    for c in repo.claims():
        if (c.scope, c.period) == (scope.code, period.text):
            here.add(c.id)
        else:
            elsewhere[c.id] = _claim_label(db, c.scope, c.period, c.version, lang)
    return s.ClaimInput(people, elsewhere), here


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a claim is built or exported.

    A yearly district claim makes a few hundred thousand tuples (one per case, one per
    paid line or refusal) and nothing of it forms a reference cycle, yet every 700
    allocations the collector walks the young objects and, as the heap grows, repeatedly
    the whole heap: on the 100k demo half the claim's time. Reference counting still
    frees everything; the collector is switched back on afterwards only if it was on
    (``gc.disable`` is process-wide, so a concurrent caller at worst runs collected)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compute_claim(db: Database, *, period: str | Period, scope: str,
                  lang: str = "zh") -> Claim:
    """The live claim of ``scope`` (org unit or committee code) for ``period``. A report:
    refused (AccessDenied) outside the user's role or scope (issue 9)."""
    permissions.scope_for(db, Action.REPORT, scope)
    with gc_paused():
        return _compute_claim(db, period, scope, lang)


def _compute_claim(db: Database, period: str | Period, scope: str, lang: str) -> Claim:
    period = period if isinstance(period, Period) else parse_period(period)
    where = resolve_scope(db, scope)
    repo = SubsidyRepository(db)
    rule_sets, file_rules = repo.rule_sets(), repo.file_rules()
    given, own = _inputs(db, where, period, lang)
    facts = list(map(s.CaseFacts._make, repo.claim_rows(
        where.kind, where.code, period.start.isoformat(), period.end.isoformat(),
        paid=repo.has_claims())))
    paid_here = ({f.case_id: f.paid_claim for f in facts if f.paid_claim in own}
                 if own else {})
    result = s.compute_claim(facts, rule_sets, file_rules, given, ordered=True)
    org = OrgRepository(db)
    classes = lookup_repo.code_items(db, "difficulty", include_inactive=True)
    claim = Claim(period, where, result, rule_sets, file_rules,
                  {i.code: i.label for i in classes},
                  {c.code: c.name for c in org.committees(include_inactive=True)},
                  paid_here, claims=repo.claims(where.code, period.text),
                  people=dict(given.people))
    if claim.claims:  # fingerprints only of the cases these claims paid
        by_id = {f.case_id: f for f in facts if f.case_id in paid_here}
        for paid in claim.claims:
            for case_id, fp in repo.paid_fingerprints(paid.id).items():
                case = by_id.get(case_id)
                if case is None or fingerprint(claim, case) != fp:
                    claim.changed.add(case_id)
    return claim


# ---- the claim as a dict: the snapshot of a paid claim, and the JSON output ------------


def yuan(fen: int) -> float:
    return fen / 100


def yuan_text(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _rules_dict(claim: Claim) -> dict[str, Any]:
    def one(rs: s.RuleSet) -> dict[str, Any]:
        return {
            "effective_from": rs.effective_from.isoformat(), "payee": rs.payee,
            "performed_only": rs.performed_only, "require_complete": rs.require_complete,
            "rates": [{"class": claim.class_labels.get(r.difficulty, r.difficulty),
                       "class_code": r.difficulty, "agreement_form": r.agreement_form,
                       "min_people": r.min_people, "min_amount_yuan": yuan(r.min_amount_fen),
                       "amount_yuan": yuan(r.amount_fen), "amount_fen": r.amount_fen}
                      for r in rs.rates]}

    return {"applied": [one(rs) for rs in claim.result.rule_sets],
            "versions": [rs.effective_from.isoformat() for rs in claim.rule_sets],
            "file_complete_requires": {k: list(v) for k, v in claim.file_rules.items()}}


def _case_dict(claim: Claim, line: s.PaidLine) -> dict[str, Any]:
    case = line.case
    return {"case_id": case.case_id, "case_no": case.case_no,
            "class": claim.class_labels.get(case.difficulty, case.difficulty),
            "amount_yuan": yuan(line.amount_fen), "amount_fen": line.amount_fen,
            "case_amount_yuan": yuan(line.case_amount_fen), "share_of": line.share_of,
            "closed_on": case.closed_on,
            "agreement_form": case.agreement_form or "",
            "committee_code": case.committee_code,
            "rule_effective_from": line.rule_from.isoformat(),
            "paid_claim": claim.paid_here.get(case.case_id),
            "changed_since_claim": case.case_id in claim.changed}


def _missing(refused: s.RefusedCase) -> list[str]:
    for reason in refused.reasons:
        items = reason.params.get("items", ())
        if reason.code == "file_incomplete" and isinstance(items, tuple | list):
            return [str(i) for i in items]
    return []


def claim_to_dict(claim: Claim, lang: str = "zh") -> dict[str, Any]:
    result = claim.result
    mediators = [{"name": m.mediator.name, "committee_code": m.mediator.committee_code,
                  "committee_name": claim.committee_names.get(m.mediator.committee_code, ""),
                  "eligible_cases": len(m.lines), "amount_yuan": yuan(m.amount_fen),
                  "amount_fen": m.amount_fen,
                  "cases": [_case_dict(claim, line) for line in m.lines]}
                 for m in result.mediators]
    said: dict[int, tuple[list[str], list[str], list[str]]] = {}  # shared reason tuples
    refused = []
    for r in result.refused:
        texts = said.get(id(r.reasons))
        if texts is None:
            texts = said[id(r.reasons)] = (reasons_text(r, claim.class_labels, lang),
                                           [x.code for x in r.reasons], _missing(r))
        refused.append({
            "case_id": r.case.case_id, "case_no": r.case.case_no,
            "committee_code": r.case.committee_code, "closed_on": r.case.closed_on,
            "class": claim.class_labels.get(r.case.difficulty, r.case.difficulty),
            "reasons": texts[0], "reason_codes": texts[1], "missing_items": texts[2],
            "paid_claim": claim.paid_here.get(r.case.case_id),
            "changed_since_claim": r.case.case_id in claim.changed})
    return {
        "period": claim.period.text, "period_label": claim.period.label,
        "period_start": claim.period.start.isoformat(),
        "period_end": claim.period.end.isoformat(),
        "scope": {"code": claim.scope.code, "name": claim.scope.name},
        "rules": _rules_dict(claim),
        "totals": {"eligible_cases": result.eligible_cases,
                   "amount_yuan": yuan(result.amount_fen), "amount_fen": result.amount_fen,
                   "refused_cases": len(result.refused)},
        "mediators": mediators,
        "refused": refused,
        "paid_claims": [{"id": c.id, "version": c.version, "paid_at": c.paid_at,
                         "paid_by": c.paid_by, "cases": c.cases,
                         "amount_yuan": yuan(c.amount_fen)} for c in claim.claims],
        "changed_since_claim": sorted(claim.changed),
    }


# ---- marking as paid ----------------------------------------------------------------------


def mark_paid(db: Database, *, period: str | Period, scope: str, user: str = "",
              lang: str = "zh") -> PaidClaim:
    """Freeze the claim: store its snapshot as the next paid version of (scope, period)
    and record each newly paid case, so that no later claim pays it again. Cases this
    (scope, period) paid before are not paid again. Refuses an empty claim. Like 审核上报
    (issue 9): 管理员 and 系统管理员, within their scope."""
    permissions.scope_for(db, Action.SUBMIT, scope)
    repo = SubsidyRepository(db)
    with db.atomic():
        claim = compute_claim(db, period=period, scope=scope, lang=lang)
        new: dict[str, tuple[s.CaseFacts, int]] = {}
        for m in claim.result.mediators:
            for line in m.lines:
                if line.case.case_id not in claim.paid_here:
                    new[line.case.case_id] = (line.case, line.case_amount_fen)
        if not new:
            raise DomainError(Problem("period", "subsidy.nothing_to_pay",
                                      {"scope": claim.scope.name, "period": claim.period.text}))
        snapshot = claim_to_dict(claim, lang)
        snapshot["paid_case_ids"] = sorted(new)
        amount = sum(fen for _f, fen in new.values())
        try:
            claim_id = repo.add_claim(claim.scope.code, claim.period.text, user, len(new),
                                      amount, snapshot,
                                      [(cid, fen, fingerprint(claim, f))
                                       for cid, (f, fen) in sorted(new.items())])
        except IntegrityErrors as exc:  # a concurrent claim paid one of them (either driver)
            raise DomainError(Problem("period", "subsidy.paid_elsewhere",
                                      {"detail": str(exc)})) from exc
        AuditRepository(db, user or None).record(
            ENTITY, f"{claim.scope.code}:{claim.period.text}", "paid", "amount_fen", None,
            str(amount))
    return next(c for c in repo.claims(claim.scope.code, claim.period.text) if c.id == claim_id)


def paid_claims(db: Database, scope: str | None = None) -> list[PaidClaim]:
    return SubsidyRepository(db).claims(permissions.scope_for(db, Action.REPORT, scope))


# ---- rules ------------------------------------------------------------------------------


def rule_sets(db: Database) -> list[s.RuleSet]:
    return SubsidyRepository(db).rule_sets()


def _rate_problems(db: Database, rules: s.RuleSet) -> list[Problem]:
    problems: list[Problem] = []
    classes = {i.code for i in lookup_repo.code_items(db, "difficulty", include_inactive=True)}
    if rules.payee not in s.PAYEES:
        problems.append(Problem("payee", "enum.invalid",
                                {"value": rules.payee, "allowed": s.PAYEES}))
    seen: set[tuple[str, str, int, int]] = set()
    for n, r in enumerate(rules.rates, 1):
        key = (r.difficulty, r.agreement_form, r.min_people, r.min_amount_fen)
        if r.difficulty not in classes:
            problems.append(Problem("difficulty", "unknown_code",
                                    {"value": r.difficulty, "table": "difficulty"}))
        elif r.agreement_form not in ("", "书面", "口头"):
            problems.append(Problem("agreement_form", "enum.invalid",
                                    {"value": r.agreement_form, "allowed": ("书面", "口头")}))
        elif min(r.amount_fen, r.min_people, r.min_amount_fen) < 0:
            problems.append(Problem("amount_fen", "negative", {"value": r.amount_fen}))
        elif key in seen:
            problems.append(Problem("rates", "subsidy.rate_twice", {"line": n}))
        seen.add(key)
    return problems


def save_rule_set(db: Database, rules: s.RuleSet, *, user: str = "") -> None:
    """Create or replace the rule set taking effect on ``rules.effective_from``. A rule
    set whose dates were already paid cannot change (add a later one instead). Rules are
    settings: 系统管理员 only on an encrypted ledger (issue 9)."""
    permissions.require(db, Action.SETTINGS)
    repo = SubsidyRepository(db)
    with db.atomic():
        problems = _rate_problems(db, rules)
        if problems:
            raise DomainError(problems)
        _refuse_if_paid(db, repo, rules.effective_from)
        repo.save_rule_set(rules, user)
        AuditRepository(db, user or None).record(
            ENTITY, f"rules:{rules.effective_from.isoformat()}", "save", "rates", None,
            ";".join(f"{r.difficulty}/{r.agreement_form}/{r.min_people}/{r.min_amount_fen}="
                     f"{r.amount_fen}" for r in rules.rates))


def _refuse_if_paid(db: Database, repo: SubsidyRepository, effective_from: date) -> None:
    """A rule set that paid cases of a claim already marked paid is frozen."""
    versions = [rs.effective_from for rs in repo.rule_sets()]
    later = [d for d in versions if d > effective_from]
    until = min(later) if later else date.max
    for claim in repo.claims():
        start = date.fromisoformat(claim.snapshot.get("period_start", "0001-01-01"))
        end = date.fromisoformat(claim.snapshot.get("period_end", "9999-12-31"))
        if start < until and end >= effective_from:
            raise DomainError(Problem("effective_from", "subsidy.rules_paid",
                                      {"date": effective_from.isoformat(),
                                       "claim": claim.period}))


def delete_rule_set(db: Database, effective_from: date, *, user: str = "") -> None:
    permissions.require(db, Action.SETTINGS)  # issue 9
    repo = SubsidyRepository(db)
    with db.atomic():
        _refuse_if_paid(db, repo, effective_from)
        repo.delete_rule_set(effective_from)
        AuditRepository(db, user or None).record(
            ENTITY, f"rules:{effective_from.isoformat()}", "delete")


def file_rules(db: Database) -> dict[str, tuple[str, ...]]:
    return SubsidyRepository(db).file_rules()


def set_file_rules(db: Database, rules: Mapping[str, Sequence[str]], *, user: str = "") -> None:
    """Replace the completeness rules (系统管理员 on an encrypted ledger, issue 9)."""
    permissions.require(db, Action.SETTINGS)
    problems = [Problem("situation", "enum.invalid", {"value": k, "allowed": s.SITUATIONS})
                for k in rules if k not in s.SITUATIONS]
    problems += [Problem("item", "enum.invalid", {"value": i, "allowed": s.ITEMS})
                 for items in rules.values() for i in items if i not in s.ITEMS]
    if problems:
        raise DomainError(problems)
    repo = SubsidyRepository(db)
    with db.atomic():
        old = repo.file_rules()
        repo.set_file_rules(rules)
        AuditRepository(db, user or None).record_diff(
            ENTITY, "file_rules", {k: ",".join(v) for k, v in old.items()},
            {k: ",".join(v) for k, v in repo.file_rules().items()})


def class_defaults(db: Database) -> dict[str, str]:
    return SubsidyRepository(db).class_defaults()


def set_class_default(db: Database, dispute_type: str, difficulty: str, *,
                      user: str = "") -> None:
    permissions.require(db, Action.SETTINGS)  # issue 9
    if not lookup_repo.code_exists(db, "difficulty", difficulty):
        raise DomainError(Problem("difficulty", "unknown_code",
                                  {"value": difficulty, "table": "difficulty"}))
    if dispute_type != s.ANY_TYPE and not lookup_repo.code_exists(db, "dispute_type",
                                                                    dispute_type):
        raise DomainError(Problem("dispute_type", "unknown_code",
                                  {"value": dispute_type, "table": "dispute_type"}))
    repo = SubsidyRepository(db)
    with db.atomic():
        old = repo.class_defaults().get(dispute_type)
        repo.set_class_default(dispute_type, difficulty)
        AuditRepository(db, user or None).record(ENTITY, f"class_default:{dispute_type}",
                                                 "update", "difficulty", old, difficulty)


def default_class_of(db: Database, dispute_type: str) -> str:
    return s.default_class(SubsidyRepository(db).class_defaults(), dispute_type)


def with_default_class(db: Database, case: Any) -> Any:
    """``case`` with the default class of its dispute type when it has none."""
    if getattr(case, "difficulty", None) or not case.dispute_type:
        return case
    return dataclasses.replace(case, difficulty=default_class_of(db, case.dispute_type) or None)


# ---- completeness -----------------------------------------------------------------------


def missing_items_of(db: Database, rowid: int) -> list[str]:
    """What the stored case's file lacks under the current rules ([] if complete)."""
    repo = SubsidyRepository(db)
    facts = repo.case_file(rowid)
    if facts is None:
        return []
    status, form, accepted, flags = facts
    return s.missing_items(repo.file_rules(), status, form, accepted, flags)


def missing_items_for(db: Database, case: Any) -> list[str]:
    """What the file of an (unsaved) case object lacks under the current rules."""
    agreement = case.agreement
    form = agreement.form.value if agreement is not None else None
    over_time = bool(agreement is not None and agreement.performance_deadline is not None
                     and (agreement.signed_on is None
                          or agreement.performance_deadline > agreement.signed_on))
    flags = s.file_flags(
        investigations=len(case.investigations), sessions=len(case.sessions),
        agreement_form=form, signed=bool(agreement is not None and agreement.signed_on),
        over_time=over_time, follow_ups=len(case.follow_ups))
    status = case.status.value
    agreement_form = case.agreement_form.value if case.agreement_form else None
    return s.missing_items(SubsidyRepository(db).file_rules(), status, agreement_form,
                           case.accepted_on is not None, flags)


@dataclass(frozen=True)
class IncompleteFile:
    rowid: int
    case_id: str
    case_no: str
    committee_code: str
    committee_name: str
    status: str
    closed_on: str
    mediators: str
    missing: tuple[str, ...]


def incomplete_files(db: Database, *, period: str | Period, scope: str) -> list[IncompleteFile]:
    """Closed cases beneath ``scope`` closed in ``period`` whose file lacks a required
    item, by committee, with the missing items. A report (issue 9: role and scope)."""
    permissions.scope_for(db, Action.REPORT, scope)
    period = period if isinstance(period, Period) else parse_period(period)
    where = resolve_scope(db, scope)
    repo = SubsidyRepository(db)
    rules = repo.file_rules()
    out = []
    for r in repo.incomplete_files(where.kind, where.code, period.start.isoformat(),
                                   period.end.isoformat(), rules):
        missing = s.missing_items(rules, r[5], r[6], bool(r[7]), int(r[8]))
        out.append(IncompleteFile(r[0], r[1], r[2], r[3], r[4], r[5], r[9], r[10],
                                  tuple(missing)))
    return out


def reasons_text(refused: s.RefusedCase, labels: Mapping[str, str], lang: str) -> list[str]:
    out = []
    for reason in refused.reasons:
        params = dict(reason.params)
        if reason.code == "no_rate":
            params["difficulty"] = labels.get(str(params.get("difficulty")),
                                              str(params.get("difficulty")))
        out.append(reason_text(reason.code, params, lang))
    return out


__all__ = [
    "Claim", "ClaimScope", "IncompleteFile", "class_defaults", "compute_claim",
    "default_class_of", "delete_rule_set", "file_rules", "incomplete_files", "mark_paid",
    "missing_items_for", "missing_items_of", "paid_claims", "reasons_text", "resolve_scope",
    "rule_sets", "save_rule_set", "set_class_default", "set_file_rules", "with_default_class",
]
