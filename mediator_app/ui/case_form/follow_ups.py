"""The 回访 (follow-up visits) editor: a new visit starts with its due date, the
agreement number and the case's parties to choose from for 回访对象; 履行情况 starts
empty and must be chosen for a visit added in this form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from mediator_app.domain.errors import Problem
from mediator_app.ui.case_form.records import FieldSpec, Record, RecordEditor

# what a new visit starts with: visited_on, agreement_no (texts), parties (names)
Defaults = Callable[[], dict[str, Any]]


class FollowUpEditor(RecordEditor):
    def __init__(self, fields: list[FieldSpec], add_text: str, remove_text: str,
                 parent: QWidget | None = None) -> None:
        self.defaults: Defaults = dict
        self._added: set[int] = set()  # id() of the visits added since the case was shown
        super().__init__(fields, add_text, remove_text, parent)

    def new_record(self) -> Record:
        record = {f.name: "" for f in self.fields}  # 履行情况 too: chosen, not defaulted
        start = self.defaults()
        record.update(visited_on=str(start.get("visited_on") or ""),
                      agreement_no=str(start.get("agreement_no") or ""))
        return record

    def add_record(self) -> None:
        self.offer_parties()
        super().add_record()
        self._added.add(id(self._records[-1]))

    def set_records(self, records: list[Record]) -> None:
        self._added.clear()
        super().set_records(records)

    def offer_parties(self) -> None:
        """回访对象: the case's parties as typed on the 当事人 page."""
        names = [str(n) for n in self.defaults().get("parties") or [] if n]
        self.set_choices("party_visited", list(dict.fromkeys(names)))

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.offer_parties()  # the parties may have changed meanwhile
        super().showEvent(event)

    def unchosen(self) -> list[Problem]:
        """履行情况 not chosen in a visit added here (stored visits may lack it)."""
        return [Problem(f"follow_ups[{i}].performance", "required")
                for i, record in enumerate(self._records)
                if id(record) in self._added and not record.get("performance")]
