"""Windows that fit the screen they open on.

A township laptop has 1366x768 pixels, less the taskbar; a window opened larger than that hides
its status bar or its last buttons below the screen's edge (issue 13). Every window is therefore
sized here: at most the size it asks for, at most what the screen's available geometry leaves once
the window manager's frame is added, and centred on that geometry.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

# The frame a window manager adds before any window has been framed: a title bar and borders
# (Windows 10/11: about 31 px of title, openbox about 23 px; the borders a few pixels).
DEFAULT_FRAME = QMargins(4, 32, 4, 4)


def _frame() -> QMargins:
    """The frame margins of a window already on screen, else the usual ones."""
    for widget in QApplication.topLevelWidgets():
        handle = widget.windowHandle()
        if widget.isVisible() and handle is not None:
            margins = handle.frameMargins()
            if margins.top() > 0:
                return margins
    return DEFAULT_FRAME


def screen_of(window: QWidget) -> QScreen:
    parent = window.parentWidget()
    for widget in (window, parent.window() if parent is not None else None):
        if widget is not None and widget.isVisible() and widget.screen() is not None:
            return widget.screen()
    return QGuiApplication.primaryScreen()


def room(window: QWidget) -> QSize:
    """The largest client size whose frame lies within the screen's available geometry."""
    available = screen_of(window).availableGeometry()
    frame = _frame()
    return QSize(available.width() - frame.left() - frame.right(),
                 available.height() - frame.top() - frame.bottom())


def fit(window: QWidget, width: int, height: int) -> None:
    """Size `window` to width x height or what fits, whichever is smaller, centred on the
    available geometry of its screen (its parent's when it has one)."""
    space = room(window)
    size = QSize(min(width, space.width()), min(height, space.height()))
    window.resize(size)
    centre(window)


def centre(window: QWidget) -> None:
    available = screen_of(window).availableGeometry()
    frame = _frame()
    outer = QSize(window.width() + frame.left() + frame.right(),
                  window.height() + frame.top() + frame.bottom())
    # A top-level window's move() places its frame's top-left corner.
    window.move(available.x() + max(0, (available.width() - outer.width()) // 2),
                available.y() + max(0, (available.height() - outer.height()) // 2))


def clamp(geometry: QRect, window: QWidget) -> QRect:
    """A saved client geometry made to fit the screen it now opens on (another screen, a
    smaller resolution): shrunk to the room there is and moved inside the available area."""
    available = screen_of(window).availableGeometry()
    frame = _frame()
    space = room(window)
    width, height = min(geometry.width(), space.width()), min(geometry.height(), space.height())
    left = available.x() + frame.left()
    top = available.y() + frame.top()
    right = available.right() - frame.right() - width + 1
    bottom = available.bottom() - frame.bottom() - height + 1
    return QRect(min(max(geometry.x(), left), right), min(max(geometry.y(), top), bottom),
                 width, height)


def scrollable(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area: at its own size when the screen has room, with a
    scroll bar instead of a window taller than the screen when it has not (large text, a
    small screen)."""
    area = QScrollArea()
    area.setObjectName(f"{content.objectName()}Scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    return area
