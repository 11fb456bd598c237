"""Windows that fit the screen they open on.

A township laptop has 1366x768 pixels, less the taskbar; a window opened larger than that hides
its status bar or its last buttons below the screen's edge (issue 13). Every window is therefore
sized here: at most the size it asks for, at most what the screen's available geometry leaves once
the window manager's frame is added, and centred on that geometry.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication, QResizeEvent, QScreen
from PySide6.QtWidgets import (QApplication, QFrame, QScrollArea, QSizePolicy, QStackedWidget,
                               QWidget)

# The frame a window manager adds before any window has been framed: a title bar and borders
# (Windows 10/11: about 31 px of title, openbox about 23 px; the borders a few pixels).
DEFAULT_FRAME = QMargins(4, 32, 4, 4)


def _frame() -> QMargins:
    """The frame margins of a normal window already on screen, else the usual ones (a
    maximised window's frame is thinner: it has no borders to drag)."""
    for widget in QApplication.topLevelWidgets():
        handle = widget.windowHandle()
        if widget.isVisible() and handle is not None and not (
                widget.isMaximized() or widget.isFullScreen()):
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


def restore(window: QWidget, geometry: QRect) -> None:
    """Put `window` where a saved client geometry says, made to fit the screen it opens on now
    (another screen, a smaller resolution): shrunk to the room there is and moved inside the
    available area."""
    available = screen_of(window).availableGeometry()
    frame = _frame()
    space = room(window)
    window.resize(min(geometry.width(), space.width()), min(geometry.height(), space.height()))
    outer = QSize(window.width() + frame.left() + frame.right(),
                  window.height() + frame.top() + frame.bottom())
    left = min(max(geometry.x() - frame.left(), available.x()),
               available.x() + available.width() - outer.width())
    top = min(max(geometry.y() - frame.top(), available.y()),
              available.y() + available.height() - outer.height())
    window.move(left, top)  # the frame's top-left corner


class _Scroll(QScrollArea):
    """Gives its content the viewport's size, or the content's minimum where the viewport is
    smaller (QScrollArea's own resizing asks a word-wrapping layout for its preferred height,
    which scrolls long before anything has to)."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(content)
        content.installEventFilter(self)

    def _fit_content(self) -> None:
        content = self.widget()
        if content is None:
            return
        least = content.minimumSizeHint().expandedTo(content.minimumSize())
        viewport = self.maximumViewportSize()
        width = max(viewport.width(), least.width())
        if width > viewport.width():  # a horizontal bar takes room below
            viewport.setHeight(viewport.height() - self.horizontalScrollBar().sizeHint().height())
        height = max(viewport.height(), least.height())
        if height > viewport.height() and width == viewport.width():
            width = max(least.width(), width - self.verticalScrollBar().sizeHint().width())
        content.resize(width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._fit_content()
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit_content()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:  # noqa: D102
        content = self.widget()
        return content.sizeHint() if content is not None else super().sizeHint()


def scrollable(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area: at the area's size when the screen has room, with
    scroll bars instead of a window larger than the screen when it has not (large text, a
    small screen)."""
    area = _Scroll(content)
    area.setObjectName(f"{content.objectName()}Scroll")
    return area


def size_to_current(stack: QStackedWidget) -> None:
    """A stacked widget needs only its current page's room, not its largest page's: the
    others are told to ignore their size while hidden."""
    current = stack.currentWidget()
    for index in range(stack.count()):
        page = stack.widget(index)
        policy = (QSizePolicy.Policy.Preferred if page is current
                  else QSizePolicy.Policy.Ignored)
        page.setSizePolicy(policy, policy)
    stack.updateGeometry()
