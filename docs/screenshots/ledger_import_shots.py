"""Makes the screenshots of docs/ledger-import.md: the import wizard's ledger pages on a
workbook of a realistic layout (tests/unit/ledger_fixtures.py) over the test district.

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/ledger_import_shots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests" / "unit"), str(ROOT / "tests" / "gui"), str(ROOT)]

import ledger_fixtures as lf  # noqa: E402
from conftest import GRID1, FakeDialogs, build_db  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mediator_app.services.ledger_import.assist import MappingStore  # noqa: E402
from mediator_app.storage.db import open_memory  # noqa: E402
from mediator_app.ui.context import AppContext  # noqa: E402
from mediator_app.ui.i18n import install_translators  # noqa: E402
from mediator_app.ui.tasks import SyncRunner  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv)
    install_translators(app, "zh")
    from mediator_app.ui.exchange import ImportWizard

    out = ROOT / "docs" / "screenshots"
    work = Path(tempfile.mkdtemp(prefix="ledger-shots-"))
    made = lf.make_cases(60, GRID1)
    made[7].status_word = "已结"  # a word the office uses that needs a meaning
    workbook = lf.write_xlsx(work / "东村台账2023.xlsx", made)
    db = open_memory()
    build_db(db)
    dialogs = FakeDialogs(open_paths=[str(workbook)])
    ctx = AppContext(runner=SyncRunner(db), read_db=db, dialogs=dialogs, lang="zh")
    wizard = ImportWizard(ctx)
    wizard.mapping_store = MappingStore(work / "mappings")
    wizard.resize(1100, 720)
    wizard.show()

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        wizard.grab().save(str(out / name))

    wizard.files_page.ledger_button.click()
    shot("ledger-open.png")
    wizard.next()
    shot("ledger-sheet.png")
    wizard.next()
    page = wizard.columns_page
    page.committee.setCurrentIndex(page.committee.findData("C1"))
    page.source.setCurrentIndex(page.source.findData("排查发现"))
    shot("ledger-columns.png")
    wizard.next()
    shot("ledger-values.png")
    box = next(b for _f, t, b in wizard.values_page.boxes if t == "已结")
    box.setCurrentIndex(box.findData("调解成功"))
    wizard.next()
    shot("ledger-preview.png")
    wizard.next()
    shot("ledger-done.png")

    made = lf.make_cases(30, GRID1)
    made[9].received_cell = "2023-13-01"
    made[12].form = "书面"
    made[12].status_word = "正在调解"
    dialogs.open_paths = [str(lf.write_xlsx(work / "东村台账-有误.xlsx", made))]
    db = open_memory()
    build_db(db)
    ctx = AppContext(runner=SyncRunner(db), read_db=db, dialogs=dialogs, lang="zh")
    wizard = ImportWizard(ctx)
    wizard.mapping_store = MappingStore(work / "mappings")
    wizard.resize(1100, 720)
    wizard.show()
    wizard.files_page.ledger_button.click()
    for _ in range(4):
        wizard.next()
    shot("ledger-problems.png")


if __name__ == "__main__":
    main()
    import os

    os._exit(0)  # skip PySide's teardown of the wizards (not what is shown here)
