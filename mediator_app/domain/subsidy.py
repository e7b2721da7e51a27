"""以案定补: difficulty classes, case-file completeness and the subsidy rules, as plain
rules over plain data (no SQL, no I/O). See docs/subsidy.md.

- A case's **difficulty class** (难易程度) is a code of the editable code table
  ``difficulty``; a new case takes the default of its dispute type.
- A case's **file** (卷宗) is complete when it holds every item the rule set requires for
  its status and agreement form. What the file holds is summarised per case by
  ``file_flags`` (a bit set kept by the storage layer and carried by exchange packages).
- A **rule set** (补助规则) takes effect on a date and holds the rate table, who is paid
  and which cases count; a case is paid by the rule set in force on its closing date, so
  a later change never alters an earlier period's claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from mediator_app.domain import catalogue

# ---- difficulty classes ---------------------------------------------------------------

# (code, label, group) as in domain.codes; the group is unused.
DEFAULT_DIFFICULTIES: list[tuple[str, str, str]] = [
    ("1", "简易", ""),
    ("2", "一般", ""),
    ("3", "疑难", ""),
    ("4", "重大", ""),
]
ANY_TYPE = "*"  # the default class of dispute types without a rule of their own
# dispute type code -> default class code (the rest: ANY_TYPE -> 一般)
DEFAULT_CLASS_BY_TYPE: dict[str, str] = {
    ANY_TYPE: "2",
    "02": "1",  # 邻里纠纷
    "11": "1",  # 消费纠纷
    "07": "3",  # 山林土地纠纷
    "08": "3",  # 征地拆迁纠纷
    "09": "3",  # 环境污染纠纷
    "12": "3",  # 医疗纠纷
    "15": "3",  # 拖欠农民工工资纠纷
}


def default_class(defaults: Mapping[str, str], dispute_type: str) -> str:
    """The default class of ``dispute_type`` under the rule table ``defaults``."""
    return defaults.get(dispute_type) or defaults.get(ANY_TYPE) or ""


# ---- what a case file holds (bit set ``file_flags``) -----------------------------------

HAS_INVESTIGATION = 1  # 调查记录
HAS_SESSION = 2  # 调解记录
HAS_WRITTEN_AGREEMENT = 4  # 调解协议书 (书面)
WRITTEN_SIGNED = 8  # the written agreement carries its signing date
HAS_ORAL_RECORD = 16  # 口头协议登记
PERFORMED_OVER_TIME = 32  # a performance deadline after the signing date
HAS_FOLLOW_UP = 64  # 回访记录

# Completeness items, in the order of a paper file (一案一卷).
ITEMS: tuple[str, ...] = (
    "registration", "record", "investigation", "session", "written_agreement",
    "oral_record", "follow_up_over_time", "follow_up",
)
# The situations a rule names: status, or status|agreement form for 调解成功.
SITUATIONS: tuple[str, ...] = ("调解成功|书面", "调解成功|口头", "调解终止", "不予受理")
DEFAULT_FILE_RULES: dict[str, tuple[str, ...]] = {
    "调解成功|书面": ("registration", "record", "written_agreement", "follow_up_over_time"),
    "调解成功|口头": ("registration", "record", "oral_record", "follow_up_over_time"),
    "调解终止": ("registration", "record"),
    "不予受理": (),
}


def situation(status: str, agreement_form: str | None) -> str:
    return f"{status}|{agreement_form or ''}" if status == "调解成功" else status


def item_label(item: str, lang: str = "zh") -> str:
    if not catalogue.has("subsidy.item", item):
        return item  # an item named in a rules file the program does not know
    return catalogue.text("subsidy.item", item, lang)


def _holds(item: str, accepted: bool, flags: int) -> bool:
    if item == "registration":
        return accepted
    if item == "record":
        return bool(flags & (HAS_INVESTIGATION | HAS_SESSION))
    if item == "investigation":
        return bool(flags & HAS_INVESTIGATION)
    if item == "session":
        return bool(flags & HAS_SESSION)
    if item == "written_agreement":
        return flags & (HAS_WRITTEN_AGREEMENT | WRITTEN_SIGNED) == (
            HAS_WRITTEN_AGREEMENT | WRITTEN_SIGNED)
    if item == "oral_record":
        return bool(flags & (HAS_ORAL_RECORD | HAS_WRITTEN_AGREEMENT))
    if item == "follow_up_over_time":
        return not flags & PERFORMED_OVER_TIME or bool(flags & HAS_FOLLOW_UP)
    if item == "follow_up":
        return bool(flags & HAS_FOLLOW_UP)
    raise ValueError(item)


def missing_items(rules: Mapping[str, Sequence[str]], status: str,
                  agreement_form: str | None, accepted: bool, flags: int) -> list[str]:
    """The items the rules require for this case's situation that its file lacks
    (ITEMS order); [] for a complete file or a situation without rules (open cases)."""
    required = rules.get(situation(status, agreement_form), ())
    return [item for item in ITEMS if item in required and not _holds(item, accepted, flags)]


def file_flags(*, investigations: int, sessions: int, agreement_form: str | None,
               signed: bool, over_time: bool, follow_ups: int) -> int:
    """The bit set of a file from the counts of its records."""
    flags = (HAS_INVESTIGATION if investigations else 0) | (HAS_SESSION if sessions else 0)
    if agreement_form == "书面":
        flags |= HAS_WRITTEN_AGREEMENT | (WRITTEN_SIGNED if signed else 0)
    elif agreement_form == "口头":
        flags |= HAS_ORAL_RECORD
    if agreement_form and over_time:
        flags |= PERFORMED_OVER_TIME
    return flags | (HAS_FOLLOW_UP if follow_ups else 0)


# ---- subsidy rules ----------------------------------------------------------------------

PRINCIPAL = "principal"  # 谁调解，补助谁: the first (principal) mediator is paid
SPLIT = "split"  # split equally among the assigned mediators
PAYEES = (PRINCIPAL, SPLIT)


@dataclass(frozen=True)
class Rate:
    """One line of the rate table: class × agreement form ("" = either), optionally a
    band of people involved and of amount in dispute (lower bounds, inclusive)."""

    difficulty: str
    amount_fen: int
    agreement_form: str = ""
    min_people: int = 0
    min_amount_fen: int = 0

    def matches(self, difficulty: str, form: str | None, people: int, amount_fen: int) -> bool:
        return (self.difficulty == difficulty
                and (not self.agreement_form or self.agreement_form == (form or ""))
                and people >= self.min_people and amount_fen >= self.min_amount_fen)

    @property
    def specificity(self) -> tuple[int, int, int]:
        return (1 if self.agreement_form else 0, self.min_people, self.min_amount_fen)


@dataclass(frozen=True)
class RuleSet:
    """The subsidy rules in force from ``effective_from`` until the next rule set."""

    effective_from: date
    rates: tuple[Rate, ...]
    payee: str = PRINCIPAL
    performed_only: bool = False
    require_complete: bool = True

    def rate_for(self, difficulty: str, form: str | None, people: int,
                 amount_fen: int) -> Rate | None:
        """The most specific matching line: a form-specific line before an any-form
        line, then the highest people band, then the highest amount band."""
        found = [r for r in self.rates if r.matches(difficulty, form, people, amount_fen)]
        return max(found, key=lambda r: r.specificity) if found else None


# 略阳县-like defaults: 简易 50, 一般 100, 疑难 200, 重大 300 元 per case.
DEFAULT_RATES: tuple[Rate, ...] = (
    Rate("1", 5000), Rate("2", 10000), Rate("3", 20000), Rate("4", 30000),
)
DEFAULT_EFFECTIVE_FROM = date(2000, 1, 1)


def default_rule_set() -> RuleSet:
    return RuleSet(DEFAULT_EFFECTIVE_FROM, DEFAULT_RATES)


def rule_set_on(rule_sets: Sequence[RuleSet], day: date) -> RuleSet | None:
    """The rule set in force on ``day`` (the latest taking effect on or before it)."""
    best = None
    for rs in rule_sets:
        if rs.effective_from <= day and (best is None or rs.effective_from > best.effective_from):
            best = rs
    return best


def shares(amount_fen: int, n: int) -> list[int]:
    """``amount_fen`` split into ``n`` equal shares in whole fen, the remainder going one
    fen each to the first mediators; the shares add up to the amount exactly."""
    if n <= 0:
        return []
    base, rest = divmod(amount_fen, n)
    return [base + (1 if i < rest else 0) for i in range(n)]


# ---- the claim ------------------------------------------------------------------------


class Mediator(NamedTuple):
    person_id: int
    name: str
    committee_code: str


class CaseFacts(NamedTuple):
    """What the claim needs of one 调解成功 case closed in the period, in the column
    order the storage layer reads it (a yearly claim of a large district reads a few
    hundred thousand: tuples, made straight from the rows)."""

    rowid: int
    case_id: str
    case_no: str
    committee_code: str
    closed_on: str  # ISO date
    accepted: int  # 1: registered (accepted_on set)
    agreement_form: str | None
    performance: str | None
    difficulty: str
    people_involved: int
    amount_fen: int
    flags: int
    mediator_ids: str = ""  # "seq:person_id" joined by commas (seq 0 the principal)
    paid_claim: int | None = None  # id of the claim that paid it


@dataclass(frozen=True)
class Refusal:
    code: str  # file_incomplete | not_performed | already_paid | no_mediator | no_rate | no_rule
    params: Mapping[str, object] = field(default_factory=dict)


class PaidLine(NamedTuple):
    """One mediator's share of one case."""

    case: CaseFacts
    mediator: Mediator
    amount_fen: int  # this mediator's share
    case_amount_fen: int  # the whole case's subsidy
    share_of: int  # how many mediators share it (1 = principal only)
    rule_from: date


class RefusedCase(NamedTuple):
    case: CaseFacts
    reasons: tuple[Refusal, ...]


@dataclass
class MediatorClaim:
    mediator: Mediator
    lines: list[PaidLine] = field(default_factory=list)

    @property
    def amount_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)


@dataclass
class ClaimResult:
    mediators: list[MediatorClaim]
    refused: list[RefusedCase]
    rule_sets: list[RuleSet]  # those applied (by effective date)
    teams: dict[str, tuple[Mediator, ...]] = field(default_factory=dict)

    @property
    def amount_fen(self) -> int:
        return sum(m.amount_fen for m in self.mediators)

    @property
    def eligible_cases(self) -> int:
        return len({line.case.rowid for m in self.mediators for line in m.lines})

    def team(self, case: CaseFacts) -> tuple[Mediator, ...]:
        return self.teams.get(case.mediator_ids, ())


class ClaimInput(NamedTuple):
    """Besides the cases: who the mediators are and which claims count as earlier."""

    people: Mapping[int, Mediator]  # person id -> the mediator
    paid_elsewhere: Mapping[int, str]  # claim id -> its label, for claims of other periods


class _Memo:
    """Memoised rule lookups of one claim: the rule set of a closing date, what a file
    lacks, the rate lines of a class and form, the mediators of an id list."""

    def __init__(self, rule_sets: Sequence[RuleSet], file_rules: Mapping[str, Sequence[str]],
                 people: Mapping[int, Mediator] | None = None):
        self.rule_sets, self.file_rules, self.people = rule_sets, file_rules, people or {}
        self.by_day: dict[str, RuleSet | None] = {}
        self.missing: dict[tuple[str | None, int, int], list[str]] = {}
        self.rates: dict[tuple[int, str, str | None], list[Rate]] = {}
        self.teams: dict[str, tuple[Mediator, ...]] = {}
        self.decided: dict[tuple[Any, ...],
                           tuple[RuleSet | None, tuple[Refusal, ...], Rate | None]] = {}

    def rules_on(self, day: str) -> RuleSet | None:
        if day not in self.by_day:
            self.by_day[day] = rule_set_on(self.rule_sets, date.fromisoformat(day))
        return self.by_day[day]

    def missing_items(self, form: str | None, accepted: int, flags: int) -> list[str]:
        key = (form, accepted, flags)
        if key not in self.missing:
            self.missing[key] = missing_items(self.file_rules, "调解成功", form,
                                              bool(accepted), flags)
        return self.missing[key]

    def rate(self, rules: RuleSet, case: CaseFacts) -> Rate | None:
        key = (id(rules), case.difficulty, case.agreement_form)
        lines = self.rates.get(key)
        if lines is None:
            lines = sorted((r for r in rules.rates if r.difficulty == case.difficulty
                            and r.agreement_form in ("", case.agreement_form or "")),
                           key=lambda r: r.specificity, reverse=True)
            self.rates[key] = lines
        for r in lines:  # the most specific first
            if case.people_involved >= r.min_people and case.amount_fen >= r.min_amount_fen:
                return r
        return None

    def team(self, ids: str) -> tuple[Mediator, ...]:
        team = self.teams.get(ids)
        if team is None:
            team = self.teams[ids] = team_of(ids, self.people)
        return team


def team_of(ids: str, people: Mapping[int, Mediator]) -> tuple[Mediator, ...]:
    """The mediators of a case, principal first, from its ``seq:person_id`` list (or
    plain comma-joined person ids, already in order)."""
    if not ids:
        return ()
    pairs = sorted((int(a), int(b)) for a, _sep, b in (
        x.rpartition(":") if ":" in x else (str(n), ":", x)
        for n, x in enumerate(ids.split(","))))
    return tuple(people.get(pid) or Mediator(pid, f"#{pid}", "") for _seq, pid in pairs)


def _reasons(case: CaseFacts, rules: RuleSet | None, memo: _Memo, paid_in: str
             ) -> list[Refusal]:
    out: list[Refusal] = []
    if paid_in:
        out.append(Refusal("already_paid", {"claim": paid_in}))
    if rules is None:
        return [*out, Refusal("no_rule", {"date": case.closed_on})]
    if rules.require_complete:
        missing = memo.missing_items(case.agreement_form, case.accepted, case.flags)
        if missing:
            out.append(Refusal("file_incomplete", {"items": tuple(missing)}))
    if rules.performed_only and case.performance != "已履行":
        out.append(Refusal("not_performed", {"performance": case.performance or ""}))
    if not case.mediator_ids:
        out.append(Refusal("no_mediator"))
    if memo.rate(rules, case) is None:
        out.append(Refusal("no_rate", {"difficulty": case.difficulty,
                                       "form": case.agreement_form or ""}))
    return out


def refusals(case: CaseFacts, rules: RuleSet | None,
             file_rules: Mapping[str, Sequence[str]], paid_in: str = "") -> list[Refusal]:
    """Why ``case`` cannot be paid ([] when it can); ``paid_in`` names an earlier claim
    that paid it."""
    return _reasons(case, rules, _Memo([], file_rules), paid_in)


def _decide(case: CaseFacts, memo: _Memo, paid_elsewhere: Mapping[int, str], banded: bool
            ) -> tuple[RuleSet | None, tuple[Refusal, ...], Rate | None]:
    """The refusals and rate of ``case``, shared by every case with the same
    ``_decision_key``."""
    rules = memo.rules_on(case.closed_on)
    key = _decision_key(case, rules, banded)
    hit = memo.decided.get(key)
    if hit is None:
        paid_in = (paid_elsewhere.get(case.paid_claim, "") if case.paid_claim is not None
                   else "")
        reasons = tuple(_reasons(case, rules, memo, paid_in))
        hit = memo.decided[key] = (rules, reasons, None if reasons or rules is None
                                   else memo.rate(rules, case))
    return hit


def _decision_key(case: CaseFacts, rules: RuleSet | None, banded: bool) -> tuple[Any, ...]:
    """What a case's refusals and rate depend on: its rule set (its closing date when
    none applies: the reason names the date), file, form, class, performance, team
    presence and payment (and, when a rate line has bands, people and amount)."""
    return (case[4] if rules is None else id(rules), case[5:9], case[11], case[12] == "",
            case[13], case[9:11] if banded else None)


def _line_order(line: PaidLine) -> tuple[str, str, str]:
    case = line.case
    return case.closed_on, case.case_no, case.case_id


def _refused_order(refused: RefusedCase) -> tuple[str, str, str, str]:
    case = refused.case
    return case.committee_code, case.closed_on, case.case_no, case.case_id


def compute_claim(cases: Iterable[CaseFacts], rule_sets: Sequence[RuleSet],
                  file_rules: Mapping[str, Sequence[str]],
                  given: ClaimInput | None = None, *, ordered: bool = False) -> ClaimResult:
    """Per mediator the paid cases and amounts, and the refused cases with reasons.
    Mediators are ordered by committee, name and id; their cases by closing date and
    case number; refused cases likewise.

    ``ordered``: the cases come ordered by closing date, case number and case id (as
    the storage layer reads them), so each mediator's lines are in order as they are
    appended and the refused cases need only a stable sort by committee."""
    given = given or ClaimInput({}, {})
    memo = _Memo(rule_sets, file_rules, given.people)
    banded = any(r.min_people or r.min_amount_fen for rs in rule_sets for r in rs.rates)
    by_person: dict[int, MediatorClaim] = {}
    refused: list[RefusedCase] = []
    applied: dict[date, RuleSet] = {}
    decided, by_day = memo.decided, memo.by_day
    # (team, rule set, rate) -> the payees' claims, their shares, how many, rule date
    plans: dict[tuple[str, int, int], tuple[list[tuple[MediatorClaim, int]], int, date]] = {}
    paid_elsewhere = given.paid_elsewhere
    for case in cases:  # the hot loop of a yearly claim: indexes, not names (CaseFacts)
        day = case[4]
        rules = by_day[day] if day in by_day else memo.rules_on(day)
        hit = decided.get((day if rules is None else id(rules), case[5:9], case[11],
                           case[12] == "", case[13], case[9:11] if banded else None))
        if hit is None:
            hit = _decide(case, memo, paid_elsewhere, banded)
        rules, reasons, rate = hit
        if reasons:
            refused.append(RefusedCase(case, reasons))
            continue
        assert rules is not None and rate is not None
        plan_key = (case[12], id(rules), id(rate))
        plan = plans.get(plan_key)
        if plan is None:
            applied[rules.effective_from] = rules
            team = memo.team(case.mediator_ids)
            payees = team if rules.payee == SPLIT else team[:1]
            payments = []
            for payee, share in zip(payees, shares(rate.amount_fen, len(payees)),
                                    strict=True):
                claim = by_person.get(payee.person_id)
                if claim is None:
                    claim = by_person[payee.person_id] = MediatorClaim(payee)
                payments.append((claim, share))
            plan = plans[plan_key] = (payments, len(payees), rules.effective_from)
        payments, n, rule_from = plan
        for claim, share in payments:
            claim.lines.append(PaidLine(case, claim.mediator, share, rate.amount_fen, n,
                                        rule_from))
    mediators = sorted(by_person.values(), key=lambda c: (
        c.mediator.committee_code, c.mediator.name, c.mediator.person_id))
    if ordered:
        refused.sort(key=_committee_of)  # stable: by date, number and id within
    else:
        for each in mediators:
            each.lines.sort(key=_line_order)
        refused.sort(key=_refused_order)
    return ClaimResult(mediators, refused, [applied[d] for d in sorted(applied)],
                       memo.teams)


def _committee_of(refused: RefusedCase) -> str:
    return refused[0][3]


def fingerprint(case: CaseFacts, team: Sequence[Mediator]) -> str:
    """What a payment depended on, as text: a later change of any of it shows the paid
    case as "changed since the claim"."""
    mediators = ",".join(f"{m.name}@{m.committee_code}" for m in team)
    return "|".join(str(v) for v in (
        case.closed_on, int(case.accepted), case.agreement_form or "",
        case.performance or "", case.difficulty, case.people_involved, case.amount_fen,
        case.flags, mediators))
