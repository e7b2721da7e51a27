"""Outcome fields and case parts of a generated case: agreement form, performance,
judicial confirmation, assigned mediators, investigation and session records,
agreement rows and follow-up visits (回访)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from mediator_app.domain.enums import CaseStatus
from mediator_app.services.demo import names as N
from mediator_app.services.demo.org import OrgPlan
from mediator_app.storage.bulk_repo import CaseChunk, Row

WRITTEN_P = 0.4
ARCHIVE_AFTER_DAYS = 60
ORAL_PERF = N.table([("已履行", 90.0), ("履行中", 8.0), ("未履行", 2.0)], 100)
FRESH_PERF = N.table([("已履行", 40.0), ("履行中", 50.0), ("未履行", 10.0)], 100)
OLD_PERF = N.table([("已履行", 92.0), ("履行中", 5.0), ("未履行", 3.0)], 100)
SATISFACTION = N.table(N.SATISFACTION, 100)
RISKS = N.table(N.RISKS, 100)
HOURS = ("09:00", "09:30", "10:00", "10:30", "14:30", "15:00", "15:30", "16:00")


@dataclass
class Outcome:
    form: str | None = None
    performance: str | None = None
    confirmed: int = 0
    confirmed_on: int | None = None
    archived: int = 0
    note: str = ""
    last_day: int = 0


class _FileDice:
    """以案定补 choices of one generated case, from its own generator (so that the
    other demo data stay as they were): about a tenth of successful cases get an
    incomplete file (no records, an unsigned written agreement, or no follow-up of an
    agreement performed over time), and some cases a harder or easier class than their
    dispute type's default."""

    def __init__(self, rowid: int):
        r = random.Random(rowid * 2654435761 % 2**32)
        self.over_time = r.random() < 0.35
        self.no_follow_up = r.random() < 0.14
        self.no_records = r.random() < 0.03
        self.unsigned = r.random() < 0.03
        pick = r.random()
        self.harder: str | None = "3" if pick < 0.10 else "4" if pick < 0.13 else \
            "1" if pick < 0.25 else None


class DetailWriter:
    def __init__(self, plan: OrgPlan, rng: random.Random, iso: list[str], today_idx: int):
        self.plan, self.rng, self.iso, self.today = plan, rng, iso, today_idx
        self.places = {c.code: c.name.replace("人民调解委员会", "") + "调解室"
                       for c in plan.committees}

    # ---- case fields -----------------------------------------------------------------
    def outcome(self, chunk: CaseChunk, rowid: int, status: CaseStatus, received: int,
                accepted: int | None, closed: int | None, committee: str, case_no: str,
                summary: str, parties: list[Row], type_label: str, amount: int,
                detailed: bool) -> Outcome:
        rng = self.rng
        out = Outcome(last_day=max(d for d in (received, accepted, closed) if d is not None))
        if status == CaseStatus.RESOLVED and closed is not None:
            self._resolved(out, closed, amount)
        elif status == CaseStatus.TERMINATED:
            out.note = N.pick(rng, N.TERMINATION_NOTES)
        elif status == CaseStatus.REJECTED:
            out.note = N.pick(rng, N.REJECTION_NOTES)
        if closed is not None and self.today - closed > ARCHIVE_AFTER_DAYS:
            out.archived = int(rng.random() < 0.9)
        mediators = self._mediators(chunk, rowid, committee, status)
        files = _FileDice(rowid)
        if detailed and accepted is not None:
            names = [n for _i, n in mediators] or ["调解员"]
            records = (len(chunk.investigations), len(chunk.sessions))
            self._records(chunk, rowid, status, accepted, closed, committee, names, parties)
            if status == CaseStatus.RESOLVED and files.no_records:  # 以案定补: incomplete
                del chunk.investigations[records[0]:]
                del chunk.sessions[records[1]:]
            if out.form is not None and closed is not None:
                self._agreement(chunk, rowid, out, closed, committee, case_no, summary,
                                parties, amount, files)
                self._follow_up(chunk, rowid, out, closed, case_no, names, parties, files)
        if files.harder is not None and accepted is not None:
            chunk.classes.append((files.harder, rowid))
        return out

    def _resolved(self, out: Outcome, closed: int, amount: int) -> None:
        rng = self.rng
        written = rng.random() < (WRITTEN_P if amount < 1_000_000 else 0.8)
        out.form = "书面" if written else "口头"
        age = self.today - closed
        out.performance = N.pick(rng, ORAL_PERF if not written else
                                 FRESH_PERF if age <= 30 else OLD_PERF)
        if written and rng.random() < (0.08 if amount < 1_000_000 else 0.3):
            confirmed_on = closed + 3 + int(rng.random() * 25)
            if confirmed_on <= self.today:
                out.confirmed, out.confirmed_on = 1, confirmed_on
                out.last_day = max(out.last_day, confirmed_on)
        out.note = "双方达成调解协议"

    # ---- parts -----------------------------------------------------------------------
    def _mediators(self, chunk: CaseChunk, rowid: int, committee: str,
                   status: CaseStatus) -> list[tuple[int, str]]:
        pool = self.plan.mediators_of.get(committee, [])
        if not pool or status == CaseStatus.REGISTERED:
            return []
        first = int(self.rng.random() * len(pool))
        chosen = [pool[first]]
        if len(pool) > 1 and self.rng.random() < 0.45:
            chosen.append(pool[(first + 1 + int(self.rng.random() * (len(pool) - 1))) % len(pool)])
        chunk.mediators.extend((rowid, pid, seq) for seq, (pid, _n) in enumerate(chosen))
        return chosen

    def _at(self, day: int) -> str:
        return f"{self.iso[day]}T{N.pick(self.rng, HOURS)}"

    def _records(self, chunk: CaseChunk, rowid: int, status: CaseStatus, accepted: int,
                 closed: int | None, committee: str, names: list[str],
                 parties: list[Row]) -> None:
        rng, place = self.rng, self.places[committee]
        chunk.investigations.append((
            rowid, self._at(accepted), N.pick(rng, ("当事人家中", "纠纷现场", place)), names[0],
            parties[0][4], N.pick(rng, N.INVESTIGATION_CONTENT)))
        participants = "、".join([*names, *(p[4] for p in parties)])
        if closed is None:
            if rng.random() < 0.5:
                chunk.sessions.append((rowid, self._at(accepted), place, participants,
                                       N.pick(rng, N.SESSION_CONTENT), "待继续调解"))
            return
        if closed > accepted and rng.random() < 0.3:
            chunk.sessions.append((rowid, self._at(accepted), place, participants,
                                   N.pick(rng, N.SESSION_CONTENT), "双方同意继续协商"))
        result = "达成调解协议" if status == CaseStatus.RESOLVED else "未达成协议，调解终止"
        chunk.sessions.append((rowid, self._at(closed), place, participants,
                               N.pick(rng, N.SESSION_CONTENT), result))

    def _agreement(self, chunk: CaseChunk, rowid: int, out: Outcome, closed: int,
                   committee: str, case_no: str, summary: str, parties: list[Row],
                   amount: int, files: _FileDice) -> None:
        rng = self.rng
        a, b = parties[0][4], parties[1][4]
        # most agreements are performed on the spot; some in instalments or later
        days = 1 + int(rng.random() * 29)
        deadline = closed + (days if files.over_time else 0)
        index = int(rng.random() * len(N.TERMS))
        if amount == 0:
            index = N.TERM_NO_AMOUNT[index % len(N.TERM_NO_AMOUNT)]
        terms = N.TERMS[index].format(a=a, b=b, amount=amount // 100,
                                      deadline=self.iso[deadline])
        written = out.form == "书面"
        chunk.agreements.append((
            rowid, out.form, case_no.replace("人调字", "人调协字") if written else "",
            None if written and files.unsigned else self.iso[closed],
            summary, "双方就赔偿及后续处理事项存在争议" if written else "",
            "双方各自承担相应责任" if written else "", terms,
            N.pick(rng, N.PERFORMANCE_MANNERS), self.places[committee] if written else "",
            self.iso[deadline]))

    def _follow_up(self, chunk: CaseChunk, rowid: int, out: Outcome, closed: int,
                   case_no: str, names: list[str], parties: list[Row],
                   files: _FileDice) -> None:
        rng = self.rng
        visited = closed + 7 + int(rng.random() * 24)
        skipped = rng.random() > 0.8
        if files.over_time:  # a follow-up belongs in the file: usually there
            skipped = files.no_follow_up
        if visited > self.today or skipped:
            return
        agreement_no = case_no.replace("人调字", "人调协字") if out.form == "书面" else ""
        chunk.follow_ups.append((
            rowid, self.iso[visited], parties[0][4], agreement_no, out.performance,
            N.pick(rng, SATISFACTION), N.pick(rng, RISKS), names[-1], "电话回访" if
            rng.random() < 0.4 else "上门回访"))
        out.last_day = max(out.last_day, visited)
