"""The demo district's organisation: 7 streets/towns, 73 villages, 32 communities,
225 grids, 118 committees, 503 mediators and 225 grid workers (60 of whom are also
mediators). Pure data; ``build_org`` is deterministic for a ``random.Random``."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from mediator_app.domain.enums import CommitteeKind, Employment, OrgLevel, PersonRole, Sex
from mediator_app.domain.model import Committee, OrgUnit, Person
from mediator_app.services.demo import names as N

COMMUNITIES_PER_STREET = 8  # 4 街道 × 8 = 32 社区
VILLAGES_PER_STREET = 7  # 4 街道 × 7 = 28 村
VILLAGES_PER_TOWN = 15  # 3 镇 × 15 = 45 村 → 73 村
GRIDS = 225
MEDIATORS = 503
DUAL_ROLE = 60  # 网格员 who are also 调解员 (双员联动)
BASE_MEDIATORS = {CommitteeKind.VILLAGE: 3, CommitteeKind.STREET: 12,
                  CommitteeKind.DISTRICT: 18, CommitteeKind.PROFESSIONAL: 8}
FULL_TIME_SHARE = {CommitteeKind.VILLAGE: 0.05, CommitteeKind.STREET: 0.35,
                   CommitteeKind.DISTRICT: 0.6, CommitteeKind.PROFESSIONAL: 0.6}


@dataclass
class OrgPlan:
    units: list[OrgUnit] = field(default_factory=list)
    committees: list[Committee] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)  # ids assigned
    grids_of: dict[str, list[str]] = field(default_factory=dict)  # village → grids
    committee_of: dict[str, str] = field(default_factory=dict)  # org code → committee
    mediators_of: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    professional_of: dict[str, tuple[str, float]] = field(default_factory=dict)
    unit_name: dict[str, str] = field(default_factory=dict)

    def villages(self) -> list[str]:
        return list(self.grids_of)

    def streets(self) -> list[str]:
        return [u.code for u in self.units if u.level.rank == 1]


def _street_units(plan: OrgPlan) -> None:
    district = OrgUnit(N.DISTRICT_CODE, N.DISTRICT_NAME, OrgLevel.DISTRICT)
    plan.units.append(district)
    for i, (name, level) in enumerate(N.STREETS, start=1):
        plan.units.append(OrgUnit(f"{N.DISTRICT_CODE}{i:03d}", name, OrgLevel(level),
                                  N.DISTRICT_CODE))


def _village_units(plan: OrgPlan, rng: random.Random) -> None:
    community_names = rng.sample(N.COMMUNITY_NAMES, 4 * COMMUNITIES_PER_STREET)
    taken: set[str] = set()
    for street in [u for u in plan.units if u.level.rank == 1]:
        is_town = street.level == OrgLevel.TOWN
        if not is_town:
            for j in range(COMMUNITIES_PER_STREET):
                name = community_names.pop() + "社区"
                plan.units.append(OrgUnit(f"{street.code}{j + 1:03d}", name,
                                          OrgLevel.COMMUNITY, street.code))
        count = VILLAGES_PER_TOWN if is_town else VILLAGES_PER_STREET
        for j, name in enumerate(N.unique_place_names(rng, count, "村", taken)):
            plan.units.append(OrgUnit(f"{street.code}{201 + j:03d}", name,
                                      OrgLevel.VILLAGE, street.code))


def _grid_counts(rng: random.Random, villages: list[OrgUnit]) -> dict[str, int]:
    """One grid each, communities +2, the rest spread over villages (≤ 3 each)."""
    counts = {v.code: 1 + (2 if v.level == OrgLevel.COMMUNITY else 0) for v in villages}
    plain = [v.code for v in villages if v.level == OrgLevel.VILLAGE]
    while sum(counts.values()) < GRIDS:
        code = rng.choice(plain)
        if counts[code] < 3:
            counts[code] += 1
    return counts


def _grid_units(plan: OrgPlan, rng: random.Random) -> None:
    villages = [u for u in plan.units if u.level.rank == 2]
    counts = _grid_counts(rng, villages)
    for v in villages:
        plan.grids_of[v.code] = []
        for k in range(1, counts[v.code] + 1):
            code = f"{v.code}{k:03d}"
            plan.units.append(OrgUnit(code, f"{v.name}第{k}网格", OrgLevel.GRID, v.code))
            plan.grids_of[v.code].append(code)


def _short(name: str) -> str:
    for suffix in ("街道", "社区", "村", "镇"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _committees(plan: OrgPlan) -> None:
    for u in plan.units:
        if u.level == OrgLevel.GRID:
            continue
        kind = {0: CommitteeKind.DISTRICT, 1: CommitteeKind.STREET}.get(
            u.level.rank, CommitteeKind.VILLAGE)
        short = "区" if kind == CommitteeKind.DISTRICT else _short(u.name)
        code = u.code + "00"
        plan.committees.append(Committee(code, f"{u.name}人民调解委员会", short, kind, u.code,
                                         address=f"{N.CITY_NAME}{N.DISTRICT_NAME}{u.name}"))
        plan.committee_of[u.code] = code
    for i, (type_label, part, short, share) in enumerate(N.PROFESSIONAL, start=1):
        code = f"{N.DISTRICT_CODE}9{i:02d}"
        name = f"{N.DISTRICT_NAME}{part}人民调解委员会"
        address = f"{N.CITY_NAME}{N.DISTRICT_NAME}"
        plan.committees.append(Committee(code, name, short, CommitteeKind.PROFESSIONAL,
                                         N.DISTRICT_CODE, address=address))
        plan.professional_of[type_label] = (code, share)


def _mediator_counts(plan: OrgPlan, rng: random.Random, dual: dict[str, int]) -> dict[str, int]:
    """Pure mediators per committee so that pure + dual-role = 503."""
    counts = {c.code: BASE_MEDIATORS[c.kind] for c in plan.committees}
    for code, n in dual.items():
        counts[code] = max(1, counts[code] - n)
    village = [c.code for c in plan.committees if c.kind == CommitteeKind.VILLAGE]
    while sum(counts.values()) + sum(dual.values()) < MEDIATORS:
        counts[rng.choice(village)] += 1
    return counts


def _person(rng: random.Random, pid: int, role: PersonRole, committee: str | None,
            grid: str | None, employment: Employment, position: str) -> Person:
    male = rng.random() < 0.62
    return Person(id=pid, name=N.person_name(rng, male), role=role, committee_code=committee,
                  grid_code=grid, phone=N.phone(rng), sex=Sex.MALE if male else Sex.FEMALE,
                  employment=employment, position=position)


def _mediators(plan: OrgPlan, rng: random.Random, counts: dict[str, int], start: int) -> int:
    pid = start
    for c in plan.committees:
        for k in range(counts[c.code]):
            head_full = k == 0 and c.kind != CommitteeKind.VILLAGE
            full = rng.random() < FULL_TIME_SHARE[c.kind] or head_full
            position = N.POSITIONS_HEAD[k] if k < 2 else ("委员" if k < 5 else "调解员")
            plan.people.append(_person(rng, pid, PersonRole.MEDIATOR, c.code, None,
                                       Employment.FULL_TIME if full else Employment.PART_TIME,
                                       position))
            pid += 1
    return pid


def _grid_workers(plan: OrgPlan, rng: random.Random, dual_grids: set[str], start: int) -> int:
    pid = start
    for village, grids in plan.grids_of.items():
        for grid in grids:
            both = grid in dual_grids
            role = PersonRole.BOTH if both else PersonRole.GRID_WORKER
            committee = plan.committee_of[village] if both else None
            employment = Employment.FULL_TIME if rng.random() < 0.3 else Employment.PART_TIME
            plan.people.append(_person(rng, pid, role, committee, grid, employment,
                                       "专职网格员" if employment == Employment.FULL_TIME
                                       else "网格员"))
            pid += 1
    return pid


def build_org(rng: random.Random, first_person_id: int = 1) -> OrgPlan:
    plan = OrgPlan()
    _street_units(plan)
    _village_units(plan, rng)
    _grid_units(plan, rng)
    plan.unit_name = {u.code: u.name for u in plan.units}
    _committees(plan)
    all_grids = [g for grids in plan.grids_of.values() for g in grids]
    dual_grids = set(rng.sample(all_grids, DUAL_ROLE))
    dual: dict[str, int] = {}
    for g in dual_grids:
        committee = plan.committee_of[g[:12]]
        dual[committee] = dual.get(committee, 0) + 1
    pid = _mediators(plan, rng, _mediator_counts(plan, rng, dual), first_person_id)
    _grid_workers(plan, rng, dual_grids, pid)
    for p in plan.people:
        if p.role.is_mediator and p.committee_code:
            plan.mediators_of.setdefault(p.committee_code, []).append((p.id or 0, p.name))
    return plan
