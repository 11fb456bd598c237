"""First-run set-up: the unit's name, its team, the division of work, meeting types and rules.

The unit is created when the first page is confirmed; each later page edits it live through the
same panels as the settings dialog, so cancelling half-way keeps what was entered. A unit left
without its team is resumed at the members page (SetupWizard(desk, parent, unit_id)): the main
window offers it until the team has its chief.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget, QWizard, QWizardPage

from meetingdesk.domain import check_team
from meetingdesk.services import Desk

from . import feedback, i18n, screen_fit
from .loader import load_form
from .unit_panels import DivisionPanel, MembersPanel, RulesPanel, TypesPanel


class SetupWizard(QWizard):
    unit_created = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None,
                 unit_id: int | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.unit_id: int | None = unit_id
        self.setWindowTitle(self.tr("设置本单位"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        screen_fit.fit(self, 980, 700)
        self.unit_page = UnitPage(self)
        self.members_page = PanelPage(
            self.tr("班子成员"),
            self.tr("逐一录入班子成员，或从 CSV / Excel 名单导入。须有且只有一位主要负责人（一把手）。"),
            lambda: MembersPanel(desk, self._unit(), None), self._team_problem)
        self.division_page = PanelPage(
            self.tr("分工"),
            self.tr("选中一个领域，再选分管领导。一把手不能直接分管的领域会当场拒绝并说明原因。"),
            lambda: DivisionPanel(desk, self._unit(), None))
        self.rules_page = PanelPage(
            self.tr("会议类型和议事规则"),
            self.tr("默认设置即可使用；如本县另有规定，可在此调整。"),
            self._rules_tabs)
        for page in (self.unit_page, self.members_page, self.division_page, self.rules_page):
            self.addPage(page)
        if unit_id is not None:  # resumed: the unit exists, its team comes next
            self.setStartId(self.pageIds()[1])

    def _unit(self) -> int:
        assert self.unit_id is not None, "the unit page creates the unit first"
        return self.unit_id

    def _team_problem(self) -> str:
        """A member typed and not added, or the domain's objection to the team as it stands
        (no chief yet), or ''."""
        typed = self.members_page.panel.unsaved()
        if typed:
            self.members_page.panel.ui.nameEdit.setFocus()
            return self.tr("“%1”尚未添加：请按回车或点“添加”，再点“下一步”。").replace("%1", typed)
        try:
            check_team(self.desk.members(self._unit()))
        except feedback.refusals() as error:
            return i18n.message(error)
        return ""

    def _rules_tabs(self) -> QWidget:
        tabs = QTabWidget()
        tabs.addTab(TypesPanel(self.desk, self._unit()), self.tr("会议类型"))
        tabs.addTab(RulesPanel(self.desk, self._unit()), self.tr("议事规则"))
        return tabs


class UnitPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("本单位"))
        self.ui: Any = load_form("setup_unit_page", self)
        feedback.clear(self.ui.messageLabel)

    def validatePage(self) -> bool:
        wizard = self._wizard
        if wizard.unit_id is not None:
            return True
        try:
            wizard.unit_id = wizard.desk.create_unit(self.ui.nameEdit.text())
        except feedback.refusals() as error:
            feedback.show_error(self.ui.messageLabel, error)
            return False
        self.ui.nameEdit.setReadOnly(True)
        feedback.clear(self.ui.messageLabel)
        wizard.unit_created.emit(wizard.unit_id)
        return True


class PanelPage(QWizardPage):
    """A wizard page showing one settings panel, built once the unit exists."""

    def __init__(self, title: str, subtitle: str, make: Callable[[], QWidget],
                 problem: Callable[[], str] | None = None) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self._make = make
        self._problem = problem
        self.panel: Any = None
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def initializePage(self) -> None:
        """Build the panel on the first visit; show the latest data on later ones (members
        added on the previous page appear in the division of work)."""
        if self.panel is None:
            self.panel = self._make()
            self.layout().addWidget(screen_fit.scrollable(self.panel))
        elif hasattr(self.panel, "reload"):
            self.panel.reload()

    def validatePage(self) -> bool:
        problem = self._problem() if self._problem else ""
        if problem:
            feedback.show_error(self.panel.ui.messageLabel, problem)
            return False
        return True
