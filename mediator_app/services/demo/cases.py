"""Case generator of the demo district: rows for ``BulkRepository`` in chunks.

Dates are handled as day indexes from the first day (2023-01-01) so that a million
cases stay cheap; ``iso[d]`` is the text of day ``d``. Every random draw comes from
one ``random.Random``, so a seed and a fixed ``today`` give identical rows."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import date, timedelta

from mediator_app.domain.enums import CaseStatus, CommitteeKind, Sex
from mediator_app.domain.idnumber import make_id_number
from mediator_app.services.demo import names as N
from mediator_app.services.demo.details import DetailWriter
from mediator_app.services.demo.org import OrgPlan
from mediator_app.storage.bulk_repo import CaseChunk, Row

START = date(2023, 1, 1)
BIRTH_FIRST = date(1940, 1, 1)
BIRTH_SPAN = (date(2004, 12, 31) - BIRTH_FIRST).days + 1
BIRTHS = [(d, d.isoformat()) for d in
          (BIRTH_FIRST + timedelta(days=i) for i in range(BIRTH_SPAN))]
REGIONS, ETHNICITIES, OCCUPATIONS = N.REGION_TABLE, N.ETHNICITY_TABLE, N.OCCUPATION_TABLE
PARTY_COUNTS = N.table([(2, 80.0), (3, 15.0), (4, 5.0)], 100)
PROF_SOURCES = N.table([("当事人申请", 55.0), ("公安移送", 15.0), ("法院委托", 15.0),
                        ("其他部门移交", 10.0), ("主动调解", 5.0)])
SOURCE_TABLE = N.table(N.SOURCES)
REJECT_P = 0.001
TERMINATE_P = 0.001
PENDING_DAYS = 10  # 待受理 only among cases registered in the last days
PENDING_P = 0.35


def day_weights(rng: random.Random, days: int) -> list[float]:
    """Seasonal weight of each day: month × weekday × noise × a slight yearly growth."""
    out = []
    for d in range(days):
        day = START + timedelta(days=d)
        growth = 1.0 + 0.03 * (d / 365.25)
        noise = 0.75 + 0.5 * rng.random()
        out.append(N.MONTH_FACTOR[day.month] * N.WEEKDAY_FACTOR[day.weekday()] * noise * growth)
    return out


def allocate(total: int, weights: list[float]) -> list[int]:
    """Integer counts proportional to ``weights`` summing exactly to ``total``."""
    whole = sum(weights) or 1.0
    counts, acc, done = [], 0.0, 0
    for w in weights:
        acc += w
        upto = round(acc / whole * total)
        counts.append(upto - done)
        done = upto
    return counts


class CaseGenerator:
    """Yields ``CaseChunk``s of about ``chunk_size`` cases in received order."""

    def __init__(self, plan: OrgPlan, rng: random.Random, *, today: date, total: int,
                 first_id: int, template: str, type_codes: dict[str, str],
                 source_codes: dict[str, str], detail_ratio: float = 1.0,
                 chunk_size: int = 20_000):
        self.plan, self.rng, self.total = plan, rng, total
        self.days = (today - START).days + 1
        self.iso = [(START + timedelta(days=d)).isoformat() for d in range(self.days + 400)]
        self.today_idx = self.days - 1
        self.next_id, self.template, self.chunk_size = first_id, template, chunk_size
        self.detail_ratio = detail_ratio
        self.type_codes, self.source_codes = type_codes, source_codes
        self.serials: dict[tuple[str, int], int] = {}
        self._tables()
        self.details = DetailWriter(plan, rng, self.iso, self.today_idx)

    # ---- lookup tables ---------------------------------------------------------------
    def _tables(self) -> None:
        types = [(t, w) for t, w in N.DISPUTE_TYPES if t in self.type_codes]
        self.type_by_month = {
            m: N.table([(t, w * N.TYPE_MONTH_BOOST.get(t, {}).get(m, 1.0)) for t, w in types])
            for m in range(1, 13)}
        self.grids = [g for grids in self.plan.grids_of.values() for g in grids]
        self.streets = self.plan.streets()
        self.kind = {c.code: c.kind for c in self.plan.committees}
        self.short = {c.code: c.short_name for c in self.plan.committees}
        self.org = {c.code: c.org_code for c in self.plan.committees}
        self.address = self._addresses()
        self.month = [int(s[5:7]) for s in self.iso]
        self.year = [int(s[:4]) for s in self.iso]

    def _addresses(self) -> dict[str, str]:
        name, out = self.plan.unit_name, {}
        for code in name:
            parts = [name[code[:n]] for n in (9, 12) if len(code) >= n]
            out[code] = N.CITY_NAME + N.DISTRICT_NAME + "".join(parts)
        return out

    # ---- chunks ----------------------------------------------------------------------
    def chunks(self) -> Iterator[CaseChunk]:
        counts = allocate(self.total, day_weights(self.rng, self.days))
        chunk = CaseChunk()
        for day, count in enumerate(counts):
            for _ in range(count):
                self._case(chunk, day)
            if len(chunk.cases) >= self.chunk_size:
                yield chunk
                chunk = CaseChunk()
        if chunk.cases:
            yield chunk

    # ---- one case --------------------------------------------------------------------
    def _place(self, type_label: str) -> tuple[str, str | None]:
        rng = self.rng
        prof = self.plan.professional_of.get(type_label)
        if prof and rng.random() < prof[1]:
            return prof[0], None
        r = rng.random()
        if r < 0.07:
            return self.plan.committee_of[N.pick(rng, self.streets)], None
        if r < 0.08:
            return self.plan.committee_of[N.DISTRICT_CODE], None
        grid = N.pick(rng, self.grids)
        return self.plan.committee_of[grid[:12]], (grid if rng.random() < 0.85 else None)

    def _case_no(self, committee: str, year: int) -> str:
        serial = self.serials.get((committee, year), 0) + 1
        self.serials[(committee, year)] = serial
        return self.template.format(year=year, short=self.short[committee], serial=serial,
                                    committee=committee)

    def _dates(self, day: int) -> tuple[CaseStatus, int | None, int | None]:
        """Status, accepted day and closed day for a case registered on ``day``."""
        rng, today = self.rng, self.today_idx
        if rng.random() < REJECT_P:
            return CaseStatus.REJECTED, None, min(day + int(rng.random() * 4), today)
        if today - day <= PENDING_DAYS and rng.random() < PENDING_P:
            return CaseStatus.REGISTERED, None, None
        r = rng.random()
        accepted = min(day + (0 if r < 0.7 else 1 if r < 0.9 else 2 + int(rng.random() * 2)),
                       today)
        r = rng.random()
        span = (4, 0) if r < 0.55 else (12, 4) if r < 0.9 else (15, 16) if r < 0.985 else (60, 31)
        closed = accepted + span[1] + int(rng.random() * span[0])
        if closed > today:
            return CaseStatus.IN_MEDIATION, accepted, None
        if rng.random() < TERMINATE_P:
            return CaseStatus.TERMINATED, accepted, closed
        return CaseStatus.RESOLVED, accepted, closed

    def _amount(self, type_label: str) -> int:
        none_p, median, spread = N.AMOUNTS[type_label]
        rng = self.rng
        if rng.random() < none_p:
            return 0
        yuan = median * spread ** rng.gauss(0.0, 1.0)
        step = 100 if yuan >= 1000 else 10
        return max(step, int(yuan / step) * step) * 100

    def _party(self, rowid: int, seq: int, role: str, home: str, type_label: str) -> Row:
        rng = self.rng
        rnd = rng.random
        if seq == 1 and type_label in N.COMPANY_TYPES and rnd() < 0.5:
            return (rowid, seq, role, "法人", N.company_name(rng, type_label), None, "", None,
                    "统一社会信用代码", N.credit_code(rng), N.phone(rng), home, "")
        male = rnd() < 0.55
        sex = Sex.MALE if male else Sex.FEMALE
        birth, birth_iso = BIRTHS[int(rnd() * BIRTH_SPAN)]
        region = REGIONS[int(rnd() * len(REGIONS))]
        id_no = make_id_number(region, birth, int(rnd() * 1000), sex)
        address = f"{home}{1 + int(rnd() * 12)}组{1 + int(rnd() * 80)}号"
        return (rowid, seq, role, "自然人", N.person_name(rng, male), sex.value,
                ETHNICITIES[int(rnd() * len(ETHNICITIES))], birth_iso, "居民身份证", id_no,
                N.phone(rng), address, OCCUPATIONS[int(rnd() * len(OCCUPATIONS))])

    def _parties(self, rowid: int, source: str, org: str, type_label: str) -> list[Row]:
        count = N.pick(self.rng, PARTY_COUNTS)
        roles = (["申请人", "被申请人"] if source == "当事人申请" else ["当事人", "当事人"])
        roles += ["当事人"] * (count - 2)
        home = self.address.get(org[:12], self.address[org])
        return [self._party(rowid, seq, role, home, type_label) for seq, role in enumerate(roles)]

    def _summary(self, type_label: str, parties: list[Row], people: int) -> str:
        a = N.masked(parties[0][4])
        b = parties[1][4] if parties[1][3] == "法人" else N.masked(parties[1][4])
        template = N.pick(self.rng, N.SUMMARIES[type_label])
        return template.format(a=a, b=b, c=people)

    def _extras(self, status: CaseStatus, party_count: int) -> tuple[int, int, int, int, int, int]:
        """people_involved, mass_dispute, prevent_criminal/petition/fight/suicide."""
        rng = self.rng
        if rng.random() < 0.01:
            people = 5 + int(rng.random() * 35)
            mass, petition = 1, (people if rng.random() < 0.3 else 0)
        else:
            people = party_count + (int(rng.random() * 3) if rng.random() < 0.2 else 0)
            mass, petition = 0, 0
        done = status == CaseStatus.RESOLVED
        criminal = 1 + int(rng.random() * 3) if done and rng.random() < 0.01 else 0
        fight = 2 + int(rng.random() * 8) if done and rng.random() < 0.002 else 0
        suicide = 1 if done and rng.random() < 0.001 else 0
        return people, mass, criminal, petition, fight, suicide

    def _source(self, committee: str) -> str:
        if self.kind[committee] == CommitteeKind.PROFESSIONAL:
            return N.pick(self.rng, PROF_SOURCES)
        return N.pick(self.rng, SOURCE_TABLE)

    def _case(self, chunk: CaseChunk, day: int) -> None:
        rng, iso = self.rng, self.iso
        rowid, self.next_id = self.next_id, self.next_id + 1
        type_label = N.pick(rng, self.type_by_month[self.month[day]])
        committee, grid = self._place(type_label)
        org = grid or self.org[committee]
        source = self._source(committee)
        status, accepted, closed = self._dates(day)
        parties = self._parties(rowid, source, org, type_label)
        people, mass, criminal, petition, fight, suicide = self._extras(status, len(parties))
        summary = self._summary(type_label, parties, people)
        year = self.year[day]
        case_no = self._case_no(committee, year)
        detailed = rng.random() < self.detail_ratio
        amount = self._amount(type_label)
        outcome = self.details.outcome(
            chunk, rowid, status, day, accepted, closed, committee, case_no, summary, parties,
            type_label, amount, detailed)
        case_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        chunk.cases.append((
            rowid, case_id, case_no, year, committee, grid, org, self.source_codes[source],
            self.type_codes[type_label], iso[day], _iso(iso, accepted), _iso(iso, closed),
            status.value, outcome.form, outcome.performance, outcome.confirmed,
            _iso(iso, outcome.confirmed_on), outcome.archived, amount, people, len(parties),
            mass, criminal, petition, fight, suicide, summary, outcome.note,
            " ".join(p[4] for p in parties), iso[day] + "T09:00:00.000+08:00",
            iso[outcome.last_day] + "T17:30:00.000+08:00"))
        chunk.parties.extend(parties)


def _iso(iso: list[str], day: int | None) -> str | None:
    return None if day is None else iso[day]
