"""Fixtures and helpers for the case form and organisation window tests: a small
organisation in an in-memory database, a fake dialog service that records what was
asked, and typing as a user would (Chinese through an input-method commit)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from mediator_app.domain.enums import CaseStatus, PersonRole
from mediator_app.domain.model import Person
from mediator_app.services.organisation import edit as org_svc
from mediator_app.storage.case_repo import CaseRepository
from mediator_app.storage.db import open_memory
from mediator_app.ui.case_form import CaseFormWindow
from mediator_app.ui.context import AppContext
from mediator_app.ui.tasks import SyncRunner
from tests.fixtures.district import (
    COMMITTEE_VILLAGE,
    COMMUNITY_COMMITTEE,
    GRID_A1,
    GRID_C1,
    build_mini_district,
)

# the shared mini district (tests/fixtures/district.py): C1 at 东村 with its grids GRID1
# and 东村二网格, C2 at 东社区 with GRID2
C1, C2 = COMMITTEE_VILLAGE, COMMUNITY_COMMITTEE.code
GRID1, GRID2 = GRID_A1, GRID_C1


@dataclass
class RecordingDialogs:
    """Answers from queues (default: confirm True, save/discard/cancel "cancel")."""

    confirms: list[bool] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)  # keys ``choose`` answers
    files: list[list[str]] = field(default_factory=list)
    save_paths: list[str] = field(default_factory=list)
    asked: list[tuple[str, str, str]] = field(default_factory=list)

    def info(self, title: str, text: str) -> None:
        self.asked.append(("info", title, text))

    def error(self, title: str, text: str) -> None:
        self.asked.append(("error", title, text))

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(("confirm", title, text))
        return self.confirms.pop(0) if self.confirms else True

    def ask_save_discard_cancel(self, title: str, text: str) -> str:
        self.asked.append(("ask", title, text))
        return self.answers.pop(0) if self.answers else "cancel"

    def choose(self, title: str, text: str, buttons: list[tuple[str, str]],
               cancel_key: str) -> str:
        self.asked.append(("choose", title, text))
        self.buttons = list(buttons)
        return self.choices.pop(0) if self.choices else cancel_key

    def open_files(self, title: str, filter: str) -> list[str]:  # noqa: A002
        self.asked.append(("open_files", title, filter))
        return self.files.pop(0) if self.files else []

    def save_file(self, title: str, suggested: str, filter: str) -> str | None:  # noqa: A002
        self.asked.append(("save_file", title, suggested))
        return self.save_paths.pop(0) if self.save_paths else None

    def kinds(self) -> list[str]:
        return [a[0] for a in self.asked]


def build_org(db) -> dict[str, int]:
    """The shared mini district with a committee at 东社区 (C2), and the form tests' own
    people: a mediator, a mediator who is also a grid worker, and a grid worker."""
    build_mini_district(db, extra_committees=[COMMUNITY_COMMITTEE])
    ids = {
        "wang": int(org_svc.save_person(db, Person("王调解", PersonRole.MEDIATOR,
                                               committee_code=C1, phone="13800000001")).key),
        "li": int(org_svc.save_person(db, Person("李双员", PersonRole.BOTH, committee_code=C1,
                                             grid_code=GRID1, phone="13800000002")).key),
        "zhao": int(org_svc.save_person(db, Person("赵网格", PersonRole.GRID_WORKER,
                                               grid_code=GRID2, phone="13800000003")).key),
    }
    return ids


@pytest.fixture
def form_db():
    db = open_memory()
    build_org(db)
    return db


@pytest.fixture
def form_dialogs():
    return RecordingDialogs()


@pytest.fixture
def form_ctx(form_db, form_dialogs, qapp, tmp_path):
    return AppContext(runner=SyncRunner(form_db), read_db=form_db, dialogs=form_dialogs,
                      lang="zh", user="tester", extra={"drafts_dir": str(tmp_path / "drafts")})


def commit_text(widget: QWidget, text: str) -> None:
    """Type ``text`` the way an input method does (works for Chinese)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Latin-1 text through key clicks, anything else through an input-method commit."""
    if all(ord(ch) < 128 for ch in text):
        qtbot.keyClicks(widget, text)
    else:
        commit_text(widget, text)


def press_tab(qtbot, app_focus=None) -> QWidget:
    """Press Tab on the focused widget; returns the newly focused widget."""
    widget = app_focus or QApplication.focusWidget()
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


# ---- the case form ----------------------------------------------------------------------

@pytest.fixture
def form(qtbot, form_ctx):
    """``form(rowid=None, **kw)``: a shown, active case form."""

    def make(rowid=None, **kw):
        w = CaseFormWindow(form_ctx, rowid, **kw)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
        return w
    return make


def focused() -> QWidget:
    return QApplication.focusWidget()


def tab(qtbot):
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    return focused()


def cases(db):
    repo = CaseRepository(db)
    ids = [r[0] for r in db.execute("SELECT id FROM cases ORDER BY id").fetchall()]
    return [repo.get(i) for i in ids]


def fill_minimal(w, committee=C1, received="2023-05-01"):
    b = w.basic.widgets
    b["committee_code"].set_key(committee)
    b["received_on"].setText(received)
    b["source"].set_key("1")
    b["dispute_type"].set_key("02")


def tick_mediator(w, row=0):
    """Tick a mediator in the 调解员 list (调解成功 needs one)."""
    w.basic.mediators.item(row).setCheckState(Qt.CheckState.Checked)


def accept(w, on="2023-05-02"):
    """受理 through the action's dialog."""
    w.start_action(CaseStatus.IN_MEDIATION)
    w.status_dialog.date_edit.setText(on)
    w.status_dialog.submit()
