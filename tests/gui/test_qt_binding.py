"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 on Python 3.11 dropped
one reference to each value returned by a slot of a Python-defined signal (and to a
``True`` emitted through one), so a long session ended in "Fatal Python error:
none_dealloc / bool_dealloc" (pyproject.toml excludes that release on Python 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    flag = Signal(bool)


def test_emitting_a_python_signal_keeps_the_reference_counts(qapp) -> None:
    emitter = _Emitter()
    emitter.plain.connect(lambda: None)
    emitter.flag.connect(lambda value: None)
    none, true = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        emitter.plain.emit()
        emitter.flag.emit(True)
    # a few references may come and go elsewhere; 200 lost ones are the defect
    assert sys.getrefcount(None) - none > -50
    assert sys.getrefcount(True) - true > -50
