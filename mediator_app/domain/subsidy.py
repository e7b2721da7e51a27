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
ITEM_LABELS: dict[str, tuple[str, str]] = {
    "registration": ("受理登记", "registration"),
    "record": ("调查或调解记录", "an investigation or mediation record"),
    "investigation": ("调查记录", "an investigation record"),
    "session": ("调解记录", "a mediation record"),
    "written_agreement": ("已签署的调解协议书", "a signed written agreement"),
    "oral_record": ("口头协议登记", "an oral-agreement record"),
    "follow_up_over_time": ("回访记录（协议分期或延期履行）",
                            "a follow-up record (agreement performed over time)"),
    "follow_up": ("回访记录", "a follow-up record"),
}
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
    zh, en = ITEM_LABELS.get(item, (item, item))
    return en if lang == "en" else zh


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


@dataclass(frozen=True)
class Mediator:
    person_id: int
    name: str
    committee_code: str


@dataclass(frozen=True)
class CaseFacts:
    """What the claim needs of one 调解成功 case closed in the period."""

    rowid: int
    case_id: str
    case_no: str
    committee_code: str
    closed_on: date
    accepted: bool
    agreement_form: str | None
    performance: str | None
    difficulty: str
    people_involved: int
    amount_fen: int
    flags: int
    mediators: tuple[Mediator, ...] = ()
    paid_in: str = ""  # label of an earlier claim that paid this case, "" if none


@dataclass(frozen=True)
class Refusal:
    code: str  # file_incomplete | not_performed | already_paid | no_mediator | no_rate | no_rule
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class PaidLine:
    """One mediator's share of one case."""

    case: CaseFacts
    mediator: Mediator
    amount_fen: int  # this mediator's share
    case_amount_fen: int  # the whole case's subsidy
    share_of: int  # how many mediators share it (1 = principal only)
    rule_from: date


@dataclass(frozen=True)
class RefusedCase:
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

    @property
    def amount_fen(self) -> int:
        return sum(m.amount_fen for m in self.mediators)

    @property
    def eligible_cases(self) -> int:
        return len({line.case.rowid for m in self.mediators for line in m.lines})


def refusals(case: CaseFacts, rules: RuleSet | None,
             file_rules: Mapping[str, Sequence[str]]) -> list[Refusal]:
    """Why ``case`` cannot be paid ([] when it can)."""
    out: list[Refusal] = []
    if case.paid_in:
        out.append(Refusal("already_paid", {"claim": case.paid_in}))
    if rules is None:
        return [*out, Refusal("no_rule", {"date": case.closed_on.isoformat()})]
    if rules.require_complete:
        missing = missing_items(file_rules, "调解成功", case.agreement_form, case.accepted,
                                case.flags)
        if missing:
            out.append(Refusal("file_incomplete", {"items": tuple(missing)}))
    if rules.performed_only and case.performance != "已履行":
        out.append(Refusal("not_performed", {"performance": case.performance or ""}))
    if not case.mediators:
        out.append(Refusal("no_mediator"))
    if rules.rate_for(case.difficulty, case.agreement_form, case.people_involved,
                      case.amount_fen) is None:
        out.append(Refusal("no_rate", {"difficulty": case.difficulty,
                                       "form": case.agreement_form or ""}))
    return out


def _lines(case: CaseFacts, rules: RuleSet) -> list[PaidLine]:
    rate = rules.rate_for(case.difficulty, case.agreement_form, case.people_involved,
                          case.amount_fen)
    assert rate is not None
    payees = case.mediators if rules.payee == SPLIT else case.mediators[:1]
    return [PaidLine(case, m, share, rate.amount_fen, len(payees), rules.effective_from)
            for m, share in zip(payees, shares(rate.amount_fen, len(payees)), strict=True)]


def compute_claim(cases: Iterable[CaseFacts], rule_sets: Sequence[RuleSet],
                  file_rules: Mapping[str, Sequence[str]]) -> ClaimResult:
    """Per mediator the paid cases and amounts, and the refused cases with reasons.
    Mediators are ordered by committee, name and id; their cases by closing date and
    case number; refused cases likewise."""
    by_person: dict[int, MediatorClaim] = {}
    refused: list[RefusedCase] = []
    applied: dict[date, RuleSet] = {}
    for case in cases:
        rules = rule_set_on(rule_sets, case.closed_on)
        reasons = refusals(case, rules, file_rules)
        if reasons:
            refused.append(RefusedCase(case, tuple(reasons)))
            continue
        assert rules is not None
        applied[rules.effective_from] = rules
        for line in _lines(case, rules):
            claim = by_person.setdefault(line.mediator.person_id, MediatorClaim(line.mediator))
            claim.lines.append(line)
    mediators = sorted(by_person.values(), key=lambda m: (
        m.mediator.committee_code, m.mediator.name, m.mediator.person_id))
    for m in mediators:
        m.lines.sort(key=lambda ln: (ln.case.closed_on, ln.case.case_no, ln.case.case_id))
    refused.sort(key=lambda r: (r.case.committee_code, r.case.closed_on, r.case.case_no,
                                r.case.case_id))
    return ClaimResult(mediators, refused, [applied[d] for d in sorted(applied)])


def fingerprint(case: CaseFacts) -> str:
    """What a payment depended on, as text: a later change of any of it shows the paid
    case as "changed since the claim"."""
    mediators = ",".join(f"{m.name}@{m.committee_code}" for m in case.mediators)
    return "|".join(str(v) for v in (
        case.closed_on.isoformat(), int(case.accepted), case.agreement_form or "",
        case.performance or "", case.difficulty, case.people_involved, case.amount_fen,
        case.flags, mediators))
