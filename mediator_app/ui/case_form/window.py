"""The case form window: a new case or an existing one, every field of the record."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.enums import CaseStatus, Performance
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.model import Case
from mediator_app.domain.subsidy import item_label
from mediator_app.services import permissions
from mediator_app.services.cases.agreements import (
    followup_days,
    followup_due_on,
    next_agreement_no,
)
from mediator_app.services.cases.drafts import DraftStore
from mediator_app.services.ledger import ledger_key
from mediator_app.services.organisation.lookups import stored_case
from mediator_app.services.subsidy import claim as subsidy
from mediator_app.services.trust.privacy import record_case_view
from mediator_app.ui.case_form.actions import StatusActions
from mediator_app.ui.case_form.conflict import ConflictResolver, kept_key
from mediator_app.ui.case_form.follow_ups import FollowUpEditor
from mediator_app.ui.case_form.host import Then
from mediator_app.ui.case_form.keyboard import ADD_PARTY_KEYS, FormKeys
from mediator_app.ui.case_form.lookups import FormLookups
from mediator_app.ui.case_form.navigation import (
    PAGE_AGREEMENT,
    PAGE_BASIC,
    PAGE_FOLLOW_UPS,
    PAGE_PARTIES,
    PAGE_RECORDS,
    RECORD_FIELD,
    Placed,
    ProblemPlacer,
    TabChain,
)
from mediator_app.ui.case_form.pages import AgreementPage, BasicPage
from mediator_app.ui.case_form.parties import PartyEditor
from mediator_app.ui.case_form.records import FieldSpec, RecordEditor
from mediator_app.ui.case_form.saving import Saver
from mediator_app.ui.case_form.state import State, case_to_state, empty_state, state_to_case
from mediator_app.ui.case_form.status_dialog import StatusDialog
from mediator_app.ui.case_form.widgets import ErrorLabel
from mediator_app.ui.context import AppContext
from mediator_app.ui.labels import status_label
from mediator_app.ui.qt_helpers import timer

AUTOSAVE_MS = 3000
KEEP_ON_NEW = ("committee_code", "grid_code", "received_on")
DRAFT_SUMMARY_CHARS = 24


class CaseFormWindow(QWidget):
    """The form's widgets and state; saving (``saver``), the status buttons
    (``status_actions``), a save refused because someone else saved the case
    (``conflicts``), the pickers (``lookups``) and the keyboard (``keys``) are
    collaborators, each handed this window as a typed ``FormHost``."""

    saved = Signal(int)
    _open_keys: ClassVar[set[str]] = set()  # drafts owned by forms open in this process

    def __init__(self, ctx: AppContext, case_rowid: int | None = None, *,
                 defaults: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        drafts_dir = ctx.extra.get("drafts_dir")
        self.drafts = DraftStore(str(drafts_dir) if drafts_dir else None,
                                 sealed_with=ledger_key(ctx.read_db),
                                 ledger=ctx.db_path, user=ctx.user)
        self._base: State = {}
        self.busy = False
        self._closing = False
        self._draft_key = ""
        self._last_draft = ""
        self._clean = ""
        self._stored_case_no = ""  # the number as saved: a different one was typed by hand
        self._stored_mediator_ids: tuple[int, ...] = ()  # the mediators as saved
        self._class_default = ""  # 难易程度 the dispute type suggests (以案定补)
        self._loading = True
        self.conflicts = ConflictResolver(self, save=lambda: self.save())
        self.status_actions = StatusActions(self, save=lambda then: self.save(then=then),
                                            show_problems=self.show_problems)
        self.saver = Saver(self, self.conflicts.changed_elsewhere,
                           self.status_actions.resolved_keeps_mediator)
        self._build()
        self.lookups = FormLookups(ctx, self.basic)
        self.lookups.load()
        if case_rowid is None:
            self._start_new(defaults or {})
        else:
            self._start_edit(case_rowid)
        self._loading = False
        self._timer = timer(self, AUTOSAVE_MS, self.write_draft)
        self._timer.start()

    # ---- collaborators ------------------------------------------------------------------
    def widget(self) -> QWidget:
        return self

    def save(self, then: Then = None) -> None:
        self.saver.save(then)

    def show_problems(self, problems: list[Problem]) -> None:
        self.saver.show_problems(problems)

    def start_action(self, target: CaseStatus) -> None:
        self.status_actions.start_action(target)

    @property
    def status_dialog(self) -> StatusDialog | None:
        return self.status_actions.status_dialog

    @property
    def stored_case_no(self) -> str:
        return self._stored_case_no

    @property
    def stored_mediator_ids(self) -> tuple[int, ...]:
        return self._stored_mediator_ids

    # ---- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.resize(1240, 700)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        self.general_error = ErrorLabel(self)
        layout.addWidget(self.general_error)
        self.tabs = QTabWidget(self)
        self.basic = BasicPage()
        self.parties = PartyEditor(self.ctx.lang)
        self.parties.add_button.setToolTip(
            self.tr("Add a party ({keys})").format(keys=ADD_PARTY_KEYS))
        self.investigations = RecordEditor(self._investigation_fields(),
                                           self.tr("Add investigation"), self.tr("Remove"))
        self.sessions = RecordEditor(self._session_fields(), self.tr("Add session"),
                                     self.tr("Remove"))
        self.agreement = AgreementPage()
        self.follow_ups = FollowUpEditor(self._follow_up_fields(),
                                         self.tr("Add follow-up visit"), self.tr("Remove"))
        self.follow_ups.defaults = self.follow_up_defaults
        records = QSplitter(Qt.Orientation.Horizontal)
        records.addWidget(_titled(self.tr("Investigation records"), self.investigations))
        records.addWidget(_titled(self.tr("Mediation session records"), self.sessions))
        self.tabs.addTab(self.basic, self.tr("Basic information"))
        self.tabs.addTab(self.parties, self.tr("Parties"))
        self.tabs.addTab(records, self.tr("Investigation and mediation records"))
        self.tabs.addTab(self.agreement, self.tr("Agreement"))
        self.tabs.addTab(self.follow_ups, self.tr("Follow-up visits"))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._build_buttons())
        self._wire()
        self.keys = FormKeys(self, self.tabs, self.tab_chain, self.parties)
        self.keys.install(lambda: self.save(), self.save_and_new)

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.header = QLabel(self)
        font = QFont(self.header.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.header.setFont(font)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.header, 1)
        self.status_actions.build(row)
        self.action_buttons = self.status_actions.action_buttons
        self.reopen_button = self.status_actions.reopen_button
        return row

    def _documents_menu(self) -> QMenu:
        # lazy: the documents menu pulls in the PDF renderers (reportlab), not needed to type
        from mediator_app.ui.reports.documents_menu import build_documents_menu

        return build_documents_menu(self.ctx, lambda: self.rowid, self,
                                    notify=self.show_notice)

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.documents_button = QPushButton(self.tr("Print documents"), self)
        self.notice = QLabel(self)  # status line: e.g. where a document was saved
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.documents_button.setMenu(self._documents_menu())
        row.addWidget(self.documents_button)
        row.addWidget(self.notice, 1)
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"), self)
        self.save_new_button = QPushButton(self.tr("Save and new (Ctrl+Shift+S)"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.save_button.clicked.connect(lambda: self.save())
        self.save_new_button.clicked.connect(self.save_and_new)
        self.close_button.clicked.connect(self.close)
        for button in (self.save_button, self.save_new_button, self.close_button):
            row.addWidget(button)
        return row

    def show_notice(self, text: str) -> None:
        """A short confirmation in the status line beside 打印文书 (full text as tip)."""
        self.notice.setText(text)
        self.notice.setToolTip(text)

    def _investigation_fields(self) -> list[FieldSpec]:
        return [FieldSpec("held_at", self.tr("Time"), "datetime"),
                FieldSpec("place", self.tr("Place")),
                FieldSpec("investigator", self.tr("Investigator")),
                FieldSpec("interviewee", self.tr("Person questioned")),
                FieldSpec("content", self.tr("Content"), "multiline")]

    def _session_fields(self) -> list[FieldSpec]:
        return [FieldSpec("held_at", self.tr("Time"), "datetime"),
                FieldSpec("place", self.tr("Place")),
                FieldSpec("participants", self.tr("Participants")),
                FieldSpec("content", self.tr("Content"), "multiline", column=False),
                FieldSpec("result", self.tr("Result"))]

    def _follow_up_fields(self) -> list[FieldSpec]:
        return [FieldSpec("visited_on", self.tr("Visit date"), "date"),
                FieldSpec("party_visited", self.tr("Party visited"), "choice"),
                FieldSpec("agreement_no", self.tr("Agreement number")),
                FieldSpec("performance", self.tr("Performance"), "enum",
                          tuple(p.value for p in Performance)),
                FieldSpec("satisfaction", self.tr("Satisfaction")),
                FieldSpec("remaining_risk", self.tr("Remaining risk")),
                FieldSpec("visitor", self.tr("Visitor")),
                FieldSpec("note", self.tr("Note"), "multiline", column=False)]

    # ---- agreements and follow-ups ------------------------------------------------------
    def follow_up_defaults(self) -> dict[str, Any]:
        """What a new 回访 starts with: its due date (closing date + the follow-up days
        of the settings; today while the case is open, or while the visit is not due
        yet: a visit is recorded when it was made, never ahead), the agreement number,
        and the case's parties to choose from."""
        closed = self.basic.value("closed_on") or ""
        try:
            closed_on = date.fromisoformat(closed) if closed else None
        except ValueError:
            closed_on = None
        today = date.today()
        due = min(followup_due_on(closed_on, followup_days(self.ctx.read_db), today), today)
        return {"visited_on": due.isoformat(),
                "agreement_no": self.agreement.value("agreement.agreement_no") or "",
                "parties": [p.get("name", "") for p in self.parties.records()]}

    def propose_agreement_no(self, *, only_if_empty: bool = False) -> None:
        """The committee's next 协议编号 in the year of signing (else of closing, else
        this year) from the template, into the field (kept if one is typed and
        ``only_if_empty``)."""
        page, committee = self.agreement, self.basic.value("committee_code") or ""
        current = page.value("agreement.agreement_no") or ""
        if not committee or (only_if_empty and current):
            return
        day = page.value("agreement.signed_on") or self.basic.value("closed_on") or ""
        year = int(day[:4]) if day[:4].isdigit() else date.today().year

        def job(db: Any) -> str:
            return next_agreement_no(db, committee, year)

        def done(number: str) -> None:
            if not (only_if_empty and page.value("agreement.agreement_no")):
                page.set_value("agreement.agreement_no", number)

        self.ctx.runner.run(job, done,
                            lambda exc: self.show_notice(self.ctx.error_text(exc, "save")))

    def _wire(self) -> None:
        for part in (self.basic, self.parties, self.investigations, self.sessions,
                     self.agreement, self.follow_ups):
            part.changed.connect(self.mark_changed)
        self.agreement.numberRequested.connect(lambda: self.propose_agreement_no())
        self.basic.combo("committee_code").keyChanged.connect(
            lambda _k: self.lookups.committee_changed())
        self.basic.combo("dispute_type").keyChanged.connect(self._dispute_type_changed)
        b = self.basic.widgets
        entries = [(PAGE_BASIC, b[n]) for n in ("committee_code", "grid_code", "received_on",
                                                "source", "dispute_type")]
        entries += [(PAGE_PARTIES, w) for w in self.parties.focus_chain()]
        # 案号 only while typed by hand (read-only otherwise: numbered when saved)
        entries += [(PAGE_BASIC, b["summary"]), (PAGE_BASIC, b["case_no"]),
                    (PAGE_BASIC, self.basic.mediators)]
        entries += [(PAGE_BASIC, b[n]) for n in ("amount_yuan", "people_involved",
                                                 "mass_dispute", *BasicPage.PREVENTIONS)]
        self.tab_chain: TabChain = TabChain(self.tabs, entries)
        self.placer = ProblemPlacer(
            {PAGE_BASIC: self.basic, PAGE_AGREEMENT: self.agreement},
            {"parties": (PAGE_PARTIES, self.parties),
             "investigations": (PAGE_RECORDS, self.investigations),
             "sessions": (PAGE_RECORDS, self.sessions),
             "follow_ups": (PAGE_FOLLOW_UPS, self.follow_ups)},
            self.general_error)

    # ---- problems -----------------------------------------------------------------------
    def form_label(self, field: str) -> str | None:
        """The label the form shows for ``field`` (None: the generic field name)."""
        for page in (self.basic, self.agreement):
            if field in page.labels:
                return page.labels[field].rstrip(":：")
        match = RECORD_FIELD.fullmatch(field)
        if match is None:
            return None
        records, index, name = match.group(1), int(match.group(2)), match.group(3)
        entry = self.placer.editors.get(records)
        spec = next((f for f in entry[1].fields if f.name == name), None) if entry else None
        if spec is None:
            return None
        return self.tr("{record} {n}: {field}").format(
            record=self._record_names().get(records, records), n=index + 1, field=spec.label)

    def _record_names(self) -> dict[str, str]:
        return {"parties": self.tr("Party"), "investigations": self.tr("Investigation record"),
                "sessions": self.tr("Session record"),
                "follow_ups": self.tr("Follow-up visit")}

    def tab_position(self, placed: Placed) -> tuple[int, int]:
        """Where a problem's field comes in the Tab order: the explicit chain of the
        first pages, then the later pages in order."""
        index = self.tab_chain.index_of(placed.widget) if placed.widget is not None else None
        return (0, index) if index is not None else (1, placed.page)

    # ---- state --------------------------------------------------------------------------
    def state(self) -> State:
        state = dict(self._base)
        for name in self.basic.widgets:
            state[name] = self.basic.value(name)
        state["mediator_ids"] = self.basic.mediator_ids()
        state["parties"] = self.parties.records()
        state["investigations"] = self.investigations.records()
        state["sessions"] = self.sessions.records()
        state["follow_ups"] = self.follow_ups.records()
        state["agreement"] = {}
        for name in self.agreement.widgets:
            if name.startswith("agreement."):
                state["agreement"][name.partition(".")[2]] = self.agreement.value(name)
            else:
                state[name] = self.agreement.value(name)
        return state

    def set_state(self, state: State) -> None:
        loading, self._loading = self._loading, True
        try:
            self._set_state(state)
        finally:
            self._loading = loading

    def _set_state(self, state: State) -> None:
        self._base = {k: state.get(k) for k in ("version", "rowid", "case_id", "status",
                                                 "updated_at")}
        for name in self.basic.widgets:
            self.basic.set_value(name, state.get(name, ""))
        self.lookups.reload_mediators(list(state.get("mediator_ids") or []))
        self.parties.set_records(state.get("parties") or [])
        self.investigations.set_records(state.get("investigations") or [])
        self.sessions.set_records(state.get("sessions") or [])
        self.follow_ups.set_records(state.get("follow_ups") or [])
        agreement = state.get("agreement") or {}
        for name in self.agreement.widgets:
            if name.startswith("agreement."):
                self.agreement.set_value(name, agreement.get(name.partition(".")[2], ""))
            else:
                self.agreement.set_value(name, state.get(name, ""))
        self.placer.clear()
        self.agreement.show_prompt("")
        self._class_default = subsidy.default_class_of(self.ctx.read_db,
                                                       state.get("dispute_type") or "")
        if not state.get("difficulty") and state.get("dispute_type"):
            self.basic.set_value("difficulty", self._class_default)
        self._show_file_missing(state)
        self._refresh_header()

    # ---- 以案定补: class default and what the file lacks -------------------------------------
    def _dispute_type_changed(self, dispute_type: str) -> None:
        """A class still at the old type's default (or none) follows the new type."""
        if self._loading:
            return
        new = subsidy.default_class_of(self.ctx.read_db, dispute_type)
        current = self.basic.value("difficulty")
        if not current or current == self._class_default:
            self.basic.set_value("difficulty", new)
        self._class_default = new

    def _show_file_missing(self, state: State) -> None:
        try:
            missing = subsidy.missing_items_for(self.ctx.read_db, state_to_case(state))
        except DomainError:
            missing = []
        lang = self.ctx.lang
        sep = ", " if lang == "en" else "、"
        text = sep.join(item_label(i, lang) for i in missing)
        self.basic.set_value("file_missing", text)
        widget = self.basic.widgets["file_missing"]
        widget.setStyleSheet("color: #b00020;" if missing else "")

    def _dump(self) -> str:
        return json.dumps(self.state(), sort_keys=True, ensure_ascii=False, default=str)

    def is_dirty(self) -> bool:
        return self._dump() != self._clean

    @property
    def rowid(self) -> int | None:
        return self._base.get("rowid")

    @property
    def status(self) -> CaseStatus:
        return CaseStatus(self._base.get("status") or CaseStatus.REGISTERED.value)

    def _mark_clean(self) -> None:
        self._clean = self._dump()
        self.setWindowModified(False)

    def mark_changed(self) -> None:
        if self._loading:
            return
        self.setWindowModified(self.is_dirty())

    def _refresh_header(self) -> None:
        case_no = self._stored_case_no if self.rowid is not None else ""
        title = case_no or self.tr("New case (number assigned when saved)")
        status = self.tr("Status: {status}").format(status=status_label(self.status.value))
        self.header.setText(f"{title}    {status}")
        new, form = self.tr("New case"), self.tr("Case form")
        self.setWindowTitle(f"{case_no or new}[*] - {form}")
        self.status_actions.refresh()

    # ---- opening ----------------------------------------------------------------------------
    def _start_new(self, defaults: dict[str, Any]) -> None:
        state = empty_state(date.today())
        state.update({k: v for k, v in defaults.items() if k in state})
        self._stored_case_no = ""
        self._stored_mediator_ids = ()
        self.set_state(state)
        self._mark_clean()
        self._take_key(f"new-{state['case_id']}")
        QTimer.singleShot(0, lambda: self._then_to_front(self._offer_new_draft))
        self.basic.widgets["committee_code"].setFocus()

    def _start_edit(self, rowid: int) -> None:
        case = stored_case(self.ctx.read_db, rowid)
        personal = permissions.sees_personal_data(self.ctx.read_db)  # issue 9: roles
        self.show_case(case if personal else permissions.masked_case(self.ctx.read_db, case))
        if personal and not self.ctx.readonly:  # parties' data in full: log who saw it
            user = self.ctx.user
            self.ctx.runner.run(lambda db: record_case_view(db, rowid, user=user))
        draft = self.drafts.load(self._draft_key)
        if self.drafts.load(kept_key(case.case_id)) is not None:
            QTimer.singleShot(0, lambda: self._then_to_front(
                lambda: self.conflicts.offer_kept_edits(case)))
        elif draft and draft.get("updated_at") == case.updated_at:
            QTimer.singleShot(0, lambda: self._then_to_front(
                lambda: self._offer_draft(self._draft_key, draft)))
        elif draft:
            self.drafts.delete(self._draft_key)

    def _offer_new_draft(self) -> bool:
        for key in self.drafts.new_drafts():
            if key not in self._open_keys:
                draft = self.drafts.load(key)
                if draft:
                    self._offer_draft(key, draft)
                return bool(draft)
        return False

    def _then_to_front(self, ask: Callable[[], object]) -> None:
        """Run a question asked on opening; then the form, not the window the message
        box returned to, is in front and active."""
        if ask() is False or self._closing:
            return
        self.to_front()
        QTimer.singleShot(0, self.to_front)  # again once the message box has gone

    def to_front(self) -> None:
        if self.isVisible():
            self.raise_()
            self.activateWindow()

    def _offer_draft(self, key: str, draft: State) -> None:
        text = self.tr("A case form was not saved when the program last stopped ({case}, registered {when}). Restore it?")  # noqa: E501
        if not self.ctx.dialogs.confirm(self.tr("Restore unsaved case"),
                                        text.format(case=self.draft_name(draft),
                                                    when=draft.get("received_on") or "-")):
            self.drafts.delete(key)
            return
        old_key = self._draft_key
        self.set_state(draft)
        self._take_key(key)
        if old_key != key:
            self.drafts.delete(old_key)
        self.mark_changed()

    def draft_name(self, draft: State) -> str:
        """How the restore question names a draft: its case number, else the start of its
        summary, else its parties, else "a new case with nothing typed yet"."""
        case_no = str(draft.get("case_no") or "").strip() or (
            self._stored_case_no if draft.get("rowid") is not None else "")
        if case_no:
            return self.tr("case {number}").format(number=case_no)
        summary = " ".join(str(draft.get("summary") or "").split())
        if summary:
            short = summary if len(summary) <= DRAFT_SUMMARY_CHARS else (
                summary[:DRAFT_SUMMARY_CHARS] + "…")
            return self.tr("“{summary}”").format(summary=short)
        names = "、".join(p.get("name", "") for p in draft.get("parties") or [] if p.get("name"))
        if names:
            return self.tr("parties: {names}").format(names=names)
        return self.tr("a new case with no summary or parties yet")

    def _take_key(self, key: str) -> None:
        self._open_keys.discard(self._draft_key)
        self._draft_key = key
        self._open_keys.add(key)

    def show_case(self, case: Case) -> None:
        self._stored_case_no = case.case_no
        self._stored_mediator_ids = tuple(case.mediator_ids)
        self.set_state(case_to_state(case))
        self._mark_clean()
        self._take_key(f"case-{case.case_id}")

    # ---- drafts ------------------------------------------------------------------------------
    def write_draft(self) -> None:
        """Keep the typed state on disk while it differs from what is saved."""
        dump = self._dump()
        if dump == self._last_draft:
            return
        if dump != self._clean:
            self.drafts.save(self._draft_key, self.state())
        else:
            self.drafts.delete(self._draft_key)
        self._last_draft = dump

    # ---- saving (see saving.py) -------------------------------------------------------------
    def save_and_new(self) -> None:
        self.save(then=self._new_keeping)

    def _new_keeping(self) -> None:
        keep = {k: self.basic.value(k) for k in KEEP_ON_NEW}
        self._start_new(keep)
        self.tabs.setCurrentIndex(PAGE_BASIC)
        self.basic.widgets["source"].setFocus()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.save_button, self.save_new_button):
            button.setEnabled(not busy)
        self._refresh_header()

    def stored(self, case: Case, *, saved_form: bool) -> None:
        old_key = self._draft_key
        self.show_case(case)
        if saved_form:
            self.drafts.delete(old_key)
            self.drafts.delete(self._draft_key)
            self._last_draft = self._clean
        self.saved.emit(case.id)

    # ---- keyboard (see keyboard.py) ---------------------------------------------------------
    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt override
        return self.keys.tab_moved(next) or super().focusNextPrevChild(next)

    # ---- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._closing or not self.is_dirty():
            self._finish_close()
            event.accept()
            return
        answer = self.ctx.dialogs.ask_save_discard_cancel(
            self.tr("Unsaved changes"),
            self.tr("This case has changes that are not saved. Save them?"))
        if answer == "discard":
            self._finish_close()
            event.accept()
            return
        event.ignore()
        if answer == "save":
            self.save(then=self._close_after_save)

    def _close_after_save(self) -> None:
        self._closing = True
        QTimer.singleShot(0, self.close)

    def _finish_close(self) -> None:
        self._timer.stop()
        self.drafts.delete(self._draft_key)
        self._open_keys.discard(self._draft_key)


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{title}</b>")
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box
