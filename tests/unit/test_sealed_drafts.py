"""review2: drafts of case forms of an encrypted ledger were plain JSON in the data
folder (parties' names, ID numbers, phones readable from a stolen disk) and shared by
every user of the PC (a new case form offered another user's draft). They are now sealed
with the ledger's data key, in a folder of their own per ledger and user."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mediator_app.services.cases.drafts import DraftStore
from mediator_app.storage import crypto

NAME, ID_NO, PHONE = "刘润建", "610114195707023514", "13294134647"
STATE = {"case_id": "x", "summary": f"{NAME}与邻居因排水争执",
         "parties": [{"name": NAME, "id_number": ID_NO, "phone": PHONE}]}


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_drafts_of_an_encrypted_ledger_are_sealed_and_per_user(tmp_path) -> None:  # noqa: ANN001
    key = crypto.new_data_key()
    ledger = str(tmp_path / "l.db")
    mine = DraftStore(tmp_path / "drafts", sealed_with=key, ledger=ledger, user="王调解")
    mine.save("new-1", STATE)
    data = _all_bytes(tmp_path / "drafts")
    assert data
    for text in (NAME, ID_NO, PHONE):
        for enc in ("utf-8", "gb18030"):
            assert text.encode(enc) not in data, (text, enc)
    assert mine.load("new-1") == STATE and mine.new_drafts() == ["new-1"]
    if os.name == "posix":
        for p in (tmp_path / "drafts").rglob("*"):
            mode = stat.S_IMODE(p.stat().st_mode)
            assert mode == (0o700 if p.is_dir() else 0o600), (p, oct(mode))
    other_user = DraftStore(tmp_path / "drafts", sealed_with=key, ledger=ledger, user="小查")
    assert other_user.new_drafts() == [] and other_user.load("new-1") is None
    other_ledger = DraftStore(tmp_path / "drafts", sealed_with=crypto.new_data_key(),
                              ledger=str(tmp_path / "m.db"), user="王调解")
    assert other_ledger.load("new-1") is None
    plain = DraftStore(tmp_path / "drafts")  # a plain ledger: JSON as before, not mixed
    assert plain.new_drafts() == []
    mine.delete("new-1")
    assert mine.new_drafts() == []
