"""Tables a keyboard user can leave and whose focus shows (the county window's tables)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget


class FocusSelection(QObject):
    """Draws a table's selected row in the highlight colour only while the table has the
    keyboard focus, grey otherwise: where a tab shows two tables, the clerk sees which one
    Enter acts on (Qt draws both alike while the window is active)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            show_focus(watched, event.type() == QEvent.Type.FocusIn)  # type: ignore[arg-type]
        return False


def show_focus(view: QWidget, focused: bool) -> None:
    base, palette = QApplication.palette(view), view.palette()
    roles = ((QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText) if focused
             else (QPalette.ColorRole.Mid, QPalette.ColorRole.Text))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, base.color(group, roles[0]))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, base.color(group, roles[1]))
    view.setPalette(palette)


def keyboard_table(view: QAbstractItemView) -> None:
    """Tab and Ctrl+Tab leave the table (to the next field, the next tab) instead of moving
    from cell to cell, and its selection shows whether it has the focus."""
    view.setTabKeyNavigation(False)
    view.installEventFilter(FocusSelection(view))
    show_focus(view, view.hasFocus())
