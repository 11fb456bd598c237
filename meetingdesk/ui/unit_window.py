"""A window of one unit's own records (议题申报, 督办): its Designer form scrolled when the screen is
small, the unit's name in the title, its members' names, and Ctrl+W to close."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from . import screen_fit
from .loader import build_form

if TYPE_CHECKING:
    from meetingdesk.services import Desk


class UnitWindow(QWidget):
    changed = Signal(int)  # the unit's id, after something was recorded in this window

    def __init__(self, desk: "Desk", unit_id: int, form: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.desk, self.unit_id = desk, unit_id
        self.ui: Any = build_form(form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(screen_fit.scrollable(self.ui))
        self.unit_name = next(u.name for u in desk.units() if u.id == unit_id)
        self._names = {m.id: m.name for m in desk.members(unit_id, include_inactive=True)}
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
