"""Unit settings: members, division of work, meeting types and rules, one tab each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from meetingdesk.services import Desk

from . import screen_fit
from .unit_panels import DivisionPanel, MembersPanel, RulesPanel, TypesPanel


class UnitSettingsDialog(QDialog):
    def __init__(self, desk: Desk, unit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name = next((u.name for u in desk.units() if u.id == unit_id), "")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("单位设置 — %1").replace("%1", name))
        screen_fit.fit(self, 1000, 720)
        self.members = MembersPanel(desk, unit_id)
        self.division = DivisionPanel(desk, unit_id)
        self.types = TypesPanel(desk, unit_id)
        self.rules = RulesPanel(desk, unit_id)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.members, self.tr("班子成员(&1)"))
        self.tabs.addTab(self.division, self.tr("分工(&2)"))
        self.tabs.addTab(self.types, self.tr("会议类型(&3)"))
        self.tabs.addTab(self.rules, self.tr("议事规则(&4)"))
        # A member added, renamed or retired shows at once in the division of work.
        self.members.changed.connect(self.division.reload)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
