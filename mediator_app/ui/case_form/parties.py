"""The parties (当事人) editor: ID numbers are checked as they are typed and the sex and
birth date they encode are filled in, unless the user has set them otherwise."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from PySide6.QtWidgets import QLineEdit, QWidget

from mediator_app.domain.enums import IdType, PartyKind, PartyRole, Sex
from mediator_app.domain.idnumber import (
    ID_LENGTH,
    check_id_number,
    derive_from_id,
    normalize_id_number,
)
from mediator_app.domain.messages import message
from mediator_app.ui.case_form.records import FieldSpec, RecordEditor


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in enum)


class PartyEditor(RecordEditor):
    def __init__(self, lang: str = "zh", parent: QWidget | None = None) -> None:
        self.lang = lang
        self._derived: dict[int, tuple[str, str]] = {}
        fields = [
            FieldSpec("name", self.tr("Name"), column=True),
            FieldSpec("role", self.tr("Party role"), "enum", _values(PartyRole)),
            FieldSpec("kind", self.tr("Party kind"), "enum", _values(PartyKind), column=False),
            FieldSpec("id_type", self.tr("ID type"), "enum", _values(IdType), column=False),
            FieldSpec("id_number", self.tr("ID number")),
            FieldSpec("sex", self.tr("Sex"), "enum", _values(Sex)),
            FieldSpec("birth_date", self.tr("Birth date"), "date"),
            FieldSpec("ethnicity", self.tr("Ethnicity"), column=False),
            FieldSpec("phone", self.tr("Phone")),
            FieldSpec("address", self.tr("Address")),
            FieldSpec("occupation", self.tr("Occupation"), column=False),
        ]
        super().__init__(fields, self.tr("Add party"), self.tr("Remove party"), parent)
        id_number = self.widgets["id_number"]
        assert isinstance(id_number, QLineEdit)  # a plain text field (FieldSpec above)
        id_number.editingFinished.connect(self._id_finished)

    def new_record(self) -> dict[str, str]:
        record = super().new_record()
        record.update(role=PartyRole.PARTY.value, kind=PartyKind.NATURAL.value,
                      id_type=IdType.RESIDENT_ID.value, sex="")
        return record

    def field_edited(self, index: int, name: str) -> None:
        if name in ("id_number", "id_type"):
            self._check_id(index, final=False)

    def _id_finished(self) -> None:
        index = self.current_index()
        if index >= 0:
            self._check_id(index, final=True)

    def _check_id(self, index: int, *, final: bool) -> None:
        record = self._records[index]
        number = normalize_id_number(record.get("id_number", ""))
        error = self.errors["id_number"]
        if record.get("id_type") != IdType.RESIDENT_ID.value or not number:
            error.clear_message()
            return
        if len(number) < ID_LENGTH and not final:
            error.clear_message()
            return
        problems = check_id_number(number, today=date.today())
        error.show_message(message(problems[0], self.lang) if problems else "")
        if not problems:
            self._fill_derived(index, record, number)

    def _fill_derived(self, index: int, record: dict[str, str], number: str) -> None:
        info = derive_from_id(number)
        if info is None:
            return
        new = (info.sex.value, info.birth_date.isoformat())
        old = self._derived.get(id(record), ("", ""))
        for name, old_value, new_value in zip(("sex", "birth_date"), old, new, strict=True):
            current = record.get(name, "")
            if current in ("", old_value) and current != new_value:
                record[name] = new_value
                if self.current_index() == index:
                    self._loading = True
                    self.set_value(name, new_value)
                    self._loading = False
        self._derived[id(record)] = new
        self._refresh_row(index)
