"""GUI responsiveness on a given database (issue 3 §7).

    uv run python bench/bench_gui.py /tmp/m1.db

Measures, with the real threaded runner and the read-only UI connection:
start → main window shown with the first page of the case list; filter → first rows;
search → first rows (trigram and short LIKE); sort → first rows; time until the full id
list and the status-bar counts arrive; and page fetch times while scrolling.
Runs offscreen unless DISPLAY is set.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer

from mediator_app.ui import app as appmod
from mediator_app.ui.case_model import COLUMN_INDEX
from mediator_app.ui.main_window import MainWindow

TIMEOUT_MS = 120_000


def wait_for(signal: object, action: Callable[[], None]) -> float:
    """Run ``action`` and return the seconds until ``signal`` is emitted."""
    loop = QEventLoop()
    done: list[float] = []

    def hit(*_args: object) -> None:
        if not done:
            done.append(time.perf_counter())
            loop.quit()

    signal.connect(hit)  # type: ignore[attr-defined]
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    start = time.perf_counter()
    action()
    if not done:
        loop.exec()
    signal.disconnect(hit)  # type: ignore[attr-defined]
    return (done[0] if done else float("nan")) - start


def first_rows(w: MainWindow, action: Callable[[], None]) -> tuple[float, float, float]:
    """(first rows painted, full id list, counts) in seconds after ``action``."""
    model = w.cases.model
    marks: dict[str, float] = {}

    def first(_n: int) -> None:
        marks.setdefault("first", time.perf_counter())

    def ids(_n: int) -> None:
        marks.setdefault("ids", time.perf_counter())

    model.firstRowsShown.connect(first)
    model.idsComplete.connect(ids)
    start = time.perf_counter()
    counts = wait_for(w.cases.countsReady, action)
    model.firstRowsShown.disconnect(first)
    model.idsComplete.disconnect(ids)
    page = time.perf_counter()
    model.data(model.index(0, 0))  # the visible page, fetched on the UI thread
    page_s = time.perf_counter() - page
    return marks.get("first", start) - start + page_s, marks.get("ids", start) - start, counts


def startup(db: str) -> tuple[MainWindow, float, float]:
    t0 = time.perf_counter()
    qapp = appmod._application()
    appmod.install_translators(qapp, "zh")
    ctx = appmod.open_context(db, "zh")
    assert ctx is not None
    loop = QEventLoop()
    marks: dict[str, float] = {}
    w = appmod.build_main_window(ctx)
    w.show()
    w.tabs.setCurrentIndex(1)
    w.cases.model.firstRowsShown.connect(
        lambda _n: (marks.setdefault("first", time.perf_counter()), loop.quit()))
    w.dashboard.loaded.connect(lambda: setattr(w, "_bench_dash", time.perf_counter() - t0))
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    if "first" not in marks:
        loop.exec()
    w.cases.model.data(w.cases.model.index(0, 0))
    shown = time.perf_counter() - t0
    return w, shown, getattr(w, "_bench_dash", float("nan"))


def marks_dash(w: MainWindow, dash: float) -> float:
    return getattr(w, "_bench_dash", dash)


def scroll_pages(w: MainWindow, pages: int = 50) -> list[float]:
    model = w.cases.model
    rows = model.rowCount()
    rng = random.Random(1)
    times = []
    for _ in range(pages):
        row = rng.randrange(rows)
        t = time.perf_counter()
        model.data(model.index(row, 0))
        times.append(time.perf_counter() - t)
    return times


def scenario(w: MainWindow) -> list[tuple[str, tuple[float, float, float]]]:
    f = w.cases.filters
    out = []

    def set_status(value: str) -> Callable[[], None]:
        return lambda: f.status.setCurrentIndex(f.status.findData(value))

    def search(text: str) -> Callable[[], None]:
        return lambda: (f.search.setText(text), f.flush())

    steps: list[tuple[str, Callable[[], None]]] = [
        ("filter status = 调解中", set_status("调解中")),
        ("filter cleared", set_status("")),
        ("overdue filter", lambda: f.overdue.setChecked(True)),
        ("overdue cleared", lambda: f.overdue.setChecked(False)),
        ("search 3+ chars (trigram) 宅基地", search("宅基地")),
        ("search 2 chars (LIKE) 王伟", search("王伟")),
        ("search case number 人调字第12号", search("人调字第12号")),
        ("search dispute type name 邻里 (issue 12)", search("邻里")),
        ("search street name 振兴街道 (issue 12)", search("振兴街道")),
        ("search grid name 紫薇社区第2网格 (issue 12)", search("紫薇社区第2网格")),
        ("search two words 邻里 王 (issue 12)", search("邻里 王")),
        ("search cleared", search("")),
        ("sort by case number", lambda: w.cases.model.sort(
            COLUMN_INDEX["case_no"], Qt.SortOrder.AscendingOrder)),
        ("sort by registered on", lambda: w.cases.model.sort(
            COLUMN_INDEX["received_on"], Qt.SortOrder.DescendingOrder)),
    ]
    for name, action in steps:
        out.append((name, first_rows(w, action)))
    return out


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    args = parser.parse_args()
    w, shown, dash = startup(args.db)
    if not w.cases.model.complete:
        wait_for(w.cases.countsReady, lambda: None)
    if w.dashboard.data is None:
        wait_for(w.dashboard.loaded, lambda: None)
    dash = marks_dash(w, dash)
    print(f"database: {args.db}; cases in the list: {w.cases.model.rowCount()}")
    print(f"start → window shown with first page: {ms(shown)} ms; overview loaded: "
          f"{ms(dash)} ms")
    print("| action | first rows (ms) | full id list (ms) | status-bar counts (ms) |")
    print("|---|---:|---:|---:|")
    for name, (first, ids, counts) in scenario(w):
        print(f"| {name} | {ms(first)} | {ms(ids)} | {ms(counts)} |")
    pages = scroll_pages(w)
    print(f"page fetch while scrolling (200 rows by primary key, {len(pages)} random pages): "
          f"median {ms(statistics.median(pages))} ms, max {ms(max(pages))} ms")
    w.ctx.runner.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
