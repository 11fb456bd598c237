"""The Qt binding must not leak references to None: on Python 3.11, PySide6 6.12.0 drops one
for every void call (setText, setEnabled, ...) and a day of recording would end in a fatal
"none_dealloc" abort of the whole program."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit


def test_void_qt_calls_keep_none_alive(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for _ in range(2000):
        edit.setText("同意")
        edit.setEnabled(True)
    assert sys.getrefcount(None) - before > -100
