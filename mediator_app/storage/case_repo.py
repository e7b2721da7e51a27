"""Cases and their parts (parties, mediators, records, agreement, follow-ups)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from mediator_app.domain.enums import (
    AgreementForm,
    CaseStatus,
    IdType,
    PartyKind,
    PartyRole,
    Performance,
    Sex,
)
from mediator_app.domain.model import (
    Agreement,
    Case,
    FollowUp,
    InvestigationRecord,
    Party,
    SessionRecord,
)
from mediator_app.storage.convert import d2s, dt2s, enum_or_none, now_iso, s2d, s2dt
from mediator_app.storage.migrations import DEFAULT_DIFFICULTY_SQL, FILE_FLAGS_SQL

if TYPE_CHECKING:
    from sqlite_utils import Database

# Columns of ``cases`` written from a Case, in order (computed ones excluded).
CASE_FIELDS = [
    "case_id", "case_no", "year", "committee_code", "grid_code", "org_code", "source",
    "dispute_type", "received_on", "accepted_on", "closed_on", "status", "agreement_form",
    "performance", "judicial_confirmed", "judicial_confirmed_on", "archived", "amount_fen",
    "people_involved", "party_count", "mass_dispute", "prevent_criminal", "prevent_petition",
    "prevent_fight", "prevent_suicide", "summary", "outcome_note", "party_names",
    "updated_at", "deleted", "difficulty",
]
_SELECT = "id, " + ", ".join(CASE_FIELDS)


class CaseNotFound(LookupError):
    pass


def case_columns(case: Case, org_code: str) -> dict[str, Any]:
    """The stored column values of a case (without id/created_at)."""
    return {
        "case_id": case.case_id, "case_no": case.case_no, "year": case.received_on.year,
        "committee_code": case.committee_code, "grid_code": case.grid_code or None,
        "org_code": org_code, "source": case.source, "dispute_type": case.dispute_type,
        "received_on": d2s(case.received_on), "accepted_on": d2s(case.accepted_on),
        "closed_on": d2s(case.closed_on), "status": case.status.value,
        "agreement_form": case.agreement_form.value if case.agreement_form else None,
        "performance": case.performance.value if case.performance else None,
        "judicial_confirmed": int(case.judicial_confirmed),
        "judicial_confirmed_on": d2s(case.judicial_confirmed_on),
        "archived": int(case.archived), "amount_fen": case.amount_fen,
        "people_involved": case.people_involved,
        "party_count": len(case.parties) or int(case.extra.get("party_count", "0") or 0),
        "mass_dispute": int(case.mass_dispute), "prevent_criminal": case.prevent_criminal,
        "prevent_petition": case.prevent_petition, "prevent_fight": case.prevent_fight,
        "prevent_suicide": case.prevent_suicide, "summary": case.summary,
        "outcome_note": case.outcome_note,
        "party_names": " ".join(p.name for p in case.parties)
        or case.extra.get("party_names", ""),
        "updated_at": case.updated_at or now_iso(), "deleted": int(case.deleted),
        "difficulty": case.difficulty or None,
    }


def _case_from_row(r: tuple[Any, ...]) -> Case:
    v = dict(zip(["id", *CASE_FIELDS], r, strict=True))
    return Case(
        id=v["id"], case_id=v["case_id"], case_no=v["case_no"],
        committee_code=v["committee_code"], grid_code=v["grid_code"], source=v["source"],
        dispute_type=v["dispute_type"], received_on=s2d(v["received_on"]),  # type: ignore[arg-type]
        accepted_on=s2d(v["accepted_on"]), closed_on=s2d(v["closed_on"]),
        status=CaseStatus(v["status"]),
        agreement_form=enum_or_none(AgreementForm, v["agreement_form"]),
        performance=enum_or_none(Performance, v["performance"]),
        judicial_confirmed=bool(v["judicial_confirmed"]),
        judicial_confirmed_on=s2d(v["judicial_confirmed_on"]), archived=bool(v["archived"]),
        amount_fen=v["amount_fen"], people_involved=v["people_involved"],
        mass_dispute=bool(v["mass_dispute"]), prevent_criminal=v["prevent_criminal"],
        prevent_petition=v["prevent_petition"], prevent_fight=v["prevent_fight"],
        prevent_suicide=v["prevent_suicide"], summary=v["summary"],
        outcome_note=v["outcome_note"], updated_at=v["updated_at"], deleted=bool(v["deleted"]),
        difficulty=v["difficulty"],
        extra={"party_names": v["party_names"], "party_count": str(v["party_count"]),
               "org_code": v["org_code"]},
    )


class CaseRepository:
    def __init__(self, db: Database):
        self.db = db

    # ---- location --------------------------------------------------------------------
    def location_of(self, committee_code: str, grid_code: str | None) -> str | None:
        """A case is located at its grid, or else at its committee's org unit."""
        if grid_code:
            return grid_code
        row = self.db.execute(
            "SELECT org_code FROM committees WHERE code = ?", [committee_code]
        ).fetchone()
        return row[0] if row else None

    # ---- reading ---------------------------------------------------------------------
    def get(self, rowid: int, *, with_parts: bool = True) -> Case:
        row = self.db.execute(f"SELECT {_SELECT} FROM cases WHERE id = ?", [rowid]).fetchone()
        if row is None:
            raise CaseNotFound(rowid)
        case = _case_from_row(row)
        return self._with_parts(case) if with_parts else case

    def rowid_for(self, case_id: str) -> int | None:
        row = self.db.execute("SELECT id FROM cases WHERE case_id = ?", [case_id]).fetchone()
        return row[0] if row else None

    def get_by_case_id(self, case_id: str) -> Case:
        rowid = self.rowid_for(case_id)
        if rowid is None:
            raise CaseNotFound(case_id)
        return self.get(rowid)

    def case_nos(self, committee_code: str, year: int) -> list[str]:
        rows = self.db.execute(
            "SELECT case_no FROM cases WHERE committee_code = ? AND year = ? AND case_no <> ''",
            [committee_code, year],
        ).fetchall()
        return [r[0] for r in rows]

    def agreement_nos(self, committee_code: str, year: int) -> list[str]:
        """Agreement numbers of the committee's cases received in ``year`` ± 1 (an
        agreement is numbered in the year it is signed, which may follow the year the
        case came in), deleted cases included so that no number is given twice."""
        rows = self.db.execute(
            "SELECT a.agreement_no FROM agreements a JOIN cases c ON c.id = a.case_rowid "
            "WHERE c.committee_code = ? AND c.year BETWEEN ? AND ? AND a.agreement_no <> ''",
            [committee_code, year - 1, year + 1],
        ).fetchall()
        return [r[0] for r in rows]

    def case_no_taken(self, committee_code: str, year: int, case_no: str,
                      exclude_rowid: int | None = None) -> bool:
        row = self.db.execute(
            "SELECT id FROM cases WHERE committee_code = ? AND year = ? AND case_no = ? "
            "AND id IS NOT ?",
            [committee_code, year, case_no, exclude_rowid],
        ).fetchone()
        return row is not None

    def count(self, *, include_deleted: bool = False) -> int:
        where = "" if include_deleted else "WHERE deleted = 0"
        return int(self.db.execute(f"SELECT count(*) FROM cases {where}").fetchone()[0])

    def _with_parts(self, case: Case) -> Case:
        rid = case.id
        return dataclasses.replace(
            case,
            parties=tuple(self._parties(rid)),
            mediator_ids=tuple(r[0] for r in self.db.execute(
                "SELECT person_id FROM case_mediators WHERE case_rowid = ? ORDER BY seq",
                [rid]).fetchall()),
            investigations=tuple(self._investigations(rid)),
            sessions=tuple(self._sessions(rid)),
            agreement=self._agreement(rid),
            follow_ups=tuple(self._follow_ups(rid)),
        )

    def _parties(self, rid: int | None) -> list[Party]:
        rows = self.db.execute(
            "SELECT id, role, kind, name, sex, ethnicity, birth_date, id_type, id_number, "
            "phone, address, occupation FROM parties WHERE case_rowid = ? ORDER BY seq, id",
            [rid],
        ).fetchall()
        return [Party(id=r[0], role=PartyRole(r[1]), kind=PartyKind(r[2]), name=r[3],
                      sex=enum_or_none(Sex, r[4]), ethnicity=r[5], birth_date=s2d(r[6]),
                      id_type=IdType(r[7]), id_number=r[8], phone=r[9], address=r[10],
                      occupation=r[11]) for r in rows]

    def _investigations(self, rid: int | None) -> list[InvestigationRecord]:
        rows = self.db.execute(
            "SELECT id, held_at, place, investigator, interviewee, content FROM investigations "
            "WHERE case_rowid = ? ORDER BY held_at, id", [rid]).fetchall()
        return [InvestigationRecord(id=r[0], held_at=s2dt(r[1]), place=r[2], investigator=r[3],
                                    interviewee=r[4], content=r[5]) for r in rows]

    def _sessions(self, rid: int | None) -> list[SessionRecord]:
        rows = self.db.execute(
            "SELECT id, held_at, place, participants, content, result FROM mediation_sessions "
            "WHERE case_rowid = ? ORDER BY held_at, id", [rid]).fetchall()
        return [SessionRecord(id=r[0], held_at=s2dt(r[1]), place=r[2], participants=r[3],
                              content=r[4], result=r[5]) for r in rows]

    def _agreement(self, rid: int | None) -> Agreement | None:
        r = self.db.execute(
            "SELECT form, agreement_no, signed_on, facts, disputed_matters, responsibilities, "
            "terms, performance_manner, performance_place, performance_deadline "
            "FROM agreements WHERE case_rowid = ?", [rid]).fetchone()
        if r is None:
            return None
        return Agreement(form=AgreementForm(r[0]), agreement_no=r[1], signed_on=s2d(r[2]),
                         facts=r[3], disputed_matters=r[4], responsibilities=r[5], terms=r[6],
                         performance_manner=r[7], performance_place=r[8],
                         performance_deadline=s2d(r[9]))

    def _follow_ups(self, rid: int | None) -> list[FollowUp]:
        rows = self.db.execute(
            "SELECT id, visited_on, party_visited, agreement_no, performance, satisfaction, "
            "remaining_risk, visitor, note FROM follow_ups WHERE case_rowid = ? "
            "ORDER BY visited_on, id", [rid]).fetchall()
        return [FollowUp(id=r[0], visited_on=s2d(r[1]), party_visited=r[2],  # type: ignore[arg-type]
                         agreement_no=r[3], performance=enum_or_none(Performance, r[4]),
                         satisfaction=r[5], remaining_risk=r[6], visitor=r[7], note=r[8])
                for r in rows]

    # ---- writing (callers own the transaction) ---------------------------------------
    def insert(self, case: Case, org_code: str) -> int:
        cols = case_columns(case, org_code)
        cols["created_at"] = cols["updated_at"]
        names = list(cols)
        cur = self.db.execute(
            f"INSERT INTO cases({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            list(cols.values()),
        )
        rowid = int(cur.lastrowid or 0)
        self._write_parts(rowid, case)
        self._default_class(rowid, case)
        return rowid

    def _default_class(self, rowid: int, case: Case) -> None:
        """A case written without a difficulty class takes its dispute type's default."""
        if not case.difficulty:
            self.db.execute(f"{DEFAULT_DIFFICULTY_SQL} WHERE id = ?", [rowid])

    def update(self, rowid: int, case: Case, org_code: str, *, parts: bool = True) -> None:
        cols = case_columns(case, org_code)
        if not parts:
            cols.pop("party_count")
            cols.pop("party_names")
        sets = ", ".join(f"{k} = ?" for k in cols)
        self.db.execute(f"UPDATE cases SET {sets} WHERE id = ?", [*cols.values(), rowid])
        if parts:
            self._write_parts(rowid, case)
        self._default_class(rowid, case)

    def stored_columns(self, rowid: int) -> dict[str, Any]:
        cur = self.db.execute(f"SELECT {_SELECT} FROM cases WHERE id = ?", [rowid])
        row = cur.fetchone()
        return dict(zip(["id", *CASE_FIELDS], row, strict=True)) if row else {}

    def _write_parts(self, rowid: int, case: Case) -> None:
        for table in ("parties", "case_mediators", "investigations", "mediation_sessions",
                      "agreements", "follow_ups"):
            self.db.execute(f"DELETE FROM {table} WHERE case_rowid = ?", [rowid])
        self._write_parties(rowid, case.parties)
        self.db.conn.executemany(
            "INSERT INTO case_mediators(case_rowid, person_id, seq) VALUES (?, ?, ?)",
            [(rowid, pid, i) for i, pid in enumerate(dict.fromkeys(case.mediator_ids))],
        ) if case.mediator_ids else None
        for inv in case.investigations:
            self.db.execute(
                "INSERT INTO investigations(case_rowid, held_at, place, investigator, "
                "interviewee, content) VALUES (?,?,?,?,?,?)",
                [rowid, dt2s(inv.held_at), inv.place, inv.investigator, inv.interviewee,
                 inv.content])
        for s in case.sessions:
            self.db.execute(
                "INSERT INTO mediation_sessions(case_rowid, held_at, place, participants, "
                "content, result) VALUES (?,?,?,?,?,?)",
                [rowid, dt2s(s.held_at), s.place, s.participants, s.content, s.result])
        if case.agreement:
            self._write_agreement(rowid, case.agreement)
        for f in case.follow_ups:
            self.db.execute(
                "INSERT INTO follow_ups(case_rowid, visited_on, party_visited, agreement_no, "
                "performance, satisfaction, remaining_risk, visitor, note) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                [rowid, d2s(f.visited_on), f.party_visited, f.agreement_no,
                 f.performance.value if f.performance else None, f.satisfaction,
                 f.remaining_risk, f.visitor, f.note])
        self.db.execute(f"{FILE_FLAGS_SQL} WHERE id = ?", [rowid])

    def _write_parties(self, rowid: int, parties: tuple[Party, ...]) -> None:
        for seq, p in enumerate(parties):
            self.db.execute(
                "INSERT INTO parties(case_rowid, seq, role, kind, name, sex, ethnicity, "
                "birth_date, id_type, id_number, phone, address, occupation) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [rowid, seq, p.role.value, p.kind.value, p.name,
                 p.sex.value if p.sex else None, p.ethnicity, d2s(p.birth_date),
                 p.id_type.value, p.id_number, p.phone, p.address, p.occupation])

    def _write_agreement(self, rowid: int, a: Agreement) -> None:
        self.db.execute(
            "INSERT INTO agreements(case_rowid, form, agreement_no, signed_on, facts, "
            "disputed_matters, responsibilities, terms, performance_manner, "
            "performance_place, performance_deadline) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [rowid, a.form.value, a.agreement_no, d2s(a.signed_on), a.facts,
             a.disputed_matters, a.responsibilities, a.terms, a.performance_manner,
             a.performance_place, d2s(a.performance_deadline)])

    def mark_deleted(self, rowid: int) -> None:
        self.db.execute(
            "UPDATE cases SET deleted = 1, updated_at = ? WHERE id = ?", [now_iso(), rowid]
        )
