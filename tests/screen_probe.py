"""The child's side of tests/real_screen.py: measure windows on the real X screen and report.

    probe = Probe()                       # after the QApplication exists
    window.show()
    probe.measure("main", window)         # waits until openbox has framed it, then measures
    probe.report()                        # the JSON run_on_screen() returns

A measurement holds the window's frame (with the window manager's title bar), the screen's
available geometry, whether the window is mapped, every named or labelled control (buttons,
fields, lists, labels) with its rectangle on screen and whether it lies inside the window, and
the texts a user can read in it (for words that should not reach a clerk).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractScrollArea,
                               QAbstractSpinBox, QApplication, QComboBox, QGroupBox, QLabel,
                               QLineEdit, QMenu, QPlainTextEdit, QTabBar, QTextEdit, QWidget)

from real_screen import REPORT_ENV, SHOTS_ENV

CONTROLS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit,
            QAbstractItemView, QLabel)


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def settle(ms: int = 50) -> None:
    QTest.qWait(ms)


def wait_framed(window: QWidget, timeout: float = 5.0) -> bool:
    """Wait until the window is mapped and the window manager has put its frame around it
    (Qt then knows the frame's extents). True when both happened in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        handle = window.windowHandle()
        if (window.isVisible() and handle is not None and handle.isExposed()
                and not window.frameGeometry().isEmpty()
                and window.frameGeometry() != window.geometry()):
            settle(30)  # the last configure events (a window manager may still move it)
            return True
        settle(20)
    return False


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("&nbsp;", " ").replace("&amp;", "&")


def _scroll_area_of(widget: QWidget, window: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def _global(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def control_name(widget: QWidget) -> str:
    name = widget.objectName()
    if name and not name.startswith("qt_"):
        return name
    text = widget.text() if isinstance(widget, (QAbstractButton, QLabel)) else ""
    return f"{type(widget).__name__}:{_plain(text).strip()}" if text.strip() else ""


def controls(window: QWidget) -> dict[str, dict[str, Any]]:
    """Every named control of the window (or an unnamed button or label, by its text)."""
    client = _global(window)
    found: dict[str, dict[str, Any]] = {}
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.window() is not window:
            continue
        name = control_name(widget)
        if not name or name in found:
            continue
        where = _global(widget)
        area = _scroll_area_of(widget, window)
        # Inside a scroll area the control is reached by scrolling: the area must be inside.
        outer = _global(area) if area is not None else where
        # What the ancestors let show, on the screen.
        seen = where.intersected(window.screen().availableGeometry())
        parent = widget.parentWidget()
        while parent is not None and seen.isValid():
            seen = seen.intersected(_global(parent))
            parent = parent.parentWidget() if parent is not window else None
        found[name] = {"visible": widget.isVisible(), "rect": rect(where),
                       "in_view": seen == where,
                       "size": [widget.width(), widget.height()],
                       "inside": client.contains(outer), "scrolled": area is not None,
                       "enabled": widget.isEnabled()}
    return found


def texts(window: QWidget) -> dict[str, list[str]]:
    """What a user can read in the window: "words" (its title, labels, buttons, tabs, group
    titles, menu entries) and "data" (fields, list and table cells and headers)."""
    words: list[str] = [window.windowTitle()]
    data: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            words.append(_plain(widget.text()))
        elif isinstance(widget, QGroupBox):
            words.append(widget.title())
        elif isinstance(widget, QTabBar):
            words += [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        elif isinstance(widget, QComboBox):
            data += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            data += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, root = widget.model(), widget.rootIndex()
            try:
                columns = model.columnCount(root)
            except TypeError:  # a list model (QAbstractListModel hides columnCount)
                columns = 1
            for column in range(columns):
                header = model.headerData(column, Qt.Orientation.Horizontal,
                                          Qt.ItemDataRole.DisplayRole)
                data.append(str(header or ""))
                for row in range(min(model.rowCount(root), 60)):
                    data.append(str(model.index(row, column, root).data() or ""))
    bar = window.menuBar() if hasattr(window, "menuBar") else None
    for action in bar.actions() if bar is not None else ():
        words.append(action.text())
        if action.menu() is not None:
            words += [a.text() for a in action.menu().actions()]
    return {"words": [t for t in (s.strip() for s in words) if t],
            "data": [t for t in (s.strip() for s in data) if t]}


def menu_cuts(menu: QMenu) -> list[str]:
    """Entries of a shown menu whose text is cut short. Fusion sizes a menu about 52 px wider
    than its widest text and shortcut, yet draws the text in less: seen under openbox,
    "关于会议纪实台(A)" (141 px) cut to "关于会议…(A)" in a 192 px menu, "单位设置(S)…" with
    Ctrl+, (107 + 42 px) and "新建单位(N)…" beside it cut in 202 px, while entries with 100 px
    to spare were whole. An entry needs three lines' height beyond its text and the shortcuts'
    column."""
    metrics = menu.fontMetrics()
    entries = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
    # The shortcuts' column is as wide as the widest shortcut, for every entry.
    shortcuts = max((metrics.horizontalAdvance(a.shortcut().toString()) for a in entries),
                    default=0)
    cut = []
    for action in entries:
        label = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        need = metrics.horizontalAdvance(label) + shortcuts + 3 * metrics.height()
        if menu.width() < need:
            cut.append(action.text())
    return cut


class Probe:
    """Measurements of one child run, written as JSON for run_on_screen()."""

    def __init__(self) -> None:
        self.windows: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.extra: dict[str, Any] = {}
        self.shots = Path(os.environ[SHOTS_ENV]) if os.environ.get(SHOTS_ENV) else None

    def measure(self, key: str, window: QWidget, timeout: float = 5.0) -> dict[str, Any]:
        """Wait for the window manager, then measure `window` under the name `key`."""
        framed = wait_framed(window, timeout)
        screen = window.screen()
        available = screen.availableGeometry()
        frame = window.frameGeometry()
        handle = window.windowHandle()
        entry = {
            "key": key, "class": type(window).__name__, "title": window.windowTitle(),
            "visible": window.isVisible(), "framed": framed,
            "exposed": bool(handle is not None and handle.isExposed()),
            "maximized": window.isMaximized(),
            "frame": rect(frame), "client": rect(window.geometry()),
            "available": rect(available), "screen": rect(screen.geometry()),
            "fits": available.contains(frame),
            "centred": abs(frame.center().x() - available.center().x()) <= 2
            and abs(frame.center().y() - available.center().y()) <= 2,
            "font_px": window.fontInfo().pixelSize(),
            "controls": controls(window), "texts": texts(window),
        }
        self.windows.append(entry)
        self.shot(key)
        return entry

    def fail(self, key: str, error: BaseException) -> None:
        self.errors.append(f"{key}: {type(error).__name__}: {error}")

    def shot(self, key: str) -> None:
        """A screenshot of the whole screen, when run_on_screen() was given a folder."""
        if self.shots is None:
            return
        QApplication.processEvents()
        settle(150)
        name = re.sub(r"[^\w.-]+", "_", key) + ".png"
        subprocess.run(["import", "-window", "root", str(self.shots / name)],
                       check=False, capture_output=True, timeout=30)

    def report(self) -> None:
        Path(os.environ[REPORT_ENV]).write_text(json.dumps(
            {"windows": self.windows, "errors": self.errors, **self.extra},
            ensure_ascii=False, indent=1), "utf-8")


def positions(window: QWidget) -> dict[str, list[int]]:
    """Where each shown control of the window is on screen now."""
    return {name: c["rect"] for name, c in controls(window).items()
            if c["visible"] and not name.startswith("QLabel")}


def moved(before: dict[str, list[int]], after: dict[str, list[int]]) -> list[str]:
    """The controls that moved or changed size in between (a layout that jumped)."""
    return sorted(name for name, where in before.items()
                  if name in after and after[name] != where)
