"""A unit's settings as panels, shared by the first-run wizard and the settings dialog: the team
members, the division of work (R2), the meeting types and the rule set.

Every change is one Desk call, stored at once; a refusal is explained in the panel's message
line and changes nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QFileDialog, QGridLayout, QWidget

from meetingdesk.domain import Member, RuleSet
from meetingdesk.domain.words import CATEGORIES, DECISION_MODES, FUND_TYPES
from meetingdesk.services import Desk, MeetingTypeInfo
from meetingdesk.services.roster_import import import_roster
from meetingdesk.services.setup import default_settings

from . import feedback, i18n
from .loader import load_form
from .models import Column, RowsModel, select_row, selected_row, show_table


class MembersPanel(QWidget):
    """The leadership team: name, position, rank, the one chief; roster import."""

    changed = Signal()

    def __init__(self, desk: Desk, unit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.unit_id = desk, unit_id
        self.ui: Any = load_form("members_panel", self)
        self.model: RowsModel[Member] = RowsModel([
            Column(self.tr("排序"), lambda m: str(m.rank)),
            Column(self.tr("姓名"), lambda m: m.name),
            Column(self.tr("职务"), lambda m: m.position),
            Column(self.tr("一把手"), lambda m: self.tr("是") if m.is_chief else "",
                   badge=lambda m: m.is_chief),
        ], self)
        show_table(self.ui.membersView, self.model, stretch=2)
        self.ui.membersView.selectionModel().selectionChanged.connect(lambda *_: self._fill())
        self.ui.addButton.clicked.connect(self.add)
        self.ui.saveButton.clicked.connect(self.save)
        self.ui.retireButton.clicked.connect(self.retire)
        self.ui.importButton.clicked.connect(self._choose_roster)
        # Enter anywhere in the member's fields adds (or saves) the member: never the dialog's
        # default button, which in the set-up wizard is 下一步.
        for field in (self.ui.nameEdit, self.ui.positionEdit, self.ui.rankSpin,
                      self.ui.chiefCheck):
            field.installEventFilter(self)
        feedback.clear(self.ui.messageLabel)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.model.set_rows(self.desk.members(self.unit_id))
        select_row(self.ui.membersView, lambda m: m.id == select)
        self._fill()

    def members(self) -> list[Member]:
        return self.model.rows()

    def _selected(self) -> Member | None:
        return selected_row(self.ui.membersView)

    def _fill(self) -> None:
        member = self._selected()
        ui = self.ui
        ui.saveButton.setEnabled(member is not None)
        ui.retireButton.setEnabled(member is not None)
        if member is None:
            ui.nameEdit.clear()
            ui.positionEdit.clear()
            ui.rankSpin.setValue(max((m.rank for m in self.members()), default=0) + 1)
            ui.chiefCheck.setChecked(False)
            return
        ui.nameEdit.setText(member.name)
        ui.positionEdit.setText(member.position)
        ui.rankSpin.setValue(member.rank)
        ui.chiefCheck.setChecked(member.is_chief)

    def _fields(self) -> dict[str, Any]:
        ui = self.ui
        return {"name": ui.nameEdit.text(), "position": ui.positionEdit.text(),
                "rank": ui.rankSpin.value(), "is_chief": ui.chiefCheck.isChecked()}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.save() if self._selected() is not None else self.add()
            return True
        return super().eventFilter(watched, event)

    def unsaved(self) -> str:
        """The name typed for a new member and not yet added, or ''."""
        return "" if self._selected() is not None else self.ui.nameEdit.text().strip()

    def add(self) -> None:
        try:
            self.desk.add_member(self.unit_id, **self._fields())
        except feedback.refusals() as error:
            feedback.show_error(self.ui.messageLabel, error)
            return
        feedback.show_note(self.ui.messageLabel,
                           self.tr("已添加：%1").replace("%1", self.ui.nameEdit.text().strip()))
        self.reload()
        self.ui.nameEdit.setFocus()
        self.changed.emit()

    def save(self) -> None:
        member = self._selected()
        if member is None:
            return
        try:
            self.desk.update_member(member.id, **self._fields())
        except feedback.refusals() as error:
            feedback.show_error(self.ui.messageLabel, error)
            return
        feedback.show_note(self.ui.messageLabel, self.tr("已保存。"))
        self.reload(select=member.id)
        self.changed.emit()

    def retire(self) -> None:
        member = self._selected()
        if member is None:
            return

        def do_retire() -> None:
            try:
                self.desk.retire_member(member.id)
            except feedback.refusals() as error:
                feedback.show_error(self.ui.messageLabel, error)
                return
            feedback.show_note(self.ui.messageLabel, self.tr("%1 已退出班子，原有会议记录不受影响。")
                               .replace("%1", member.name))
            self.reload()
            self.changed.emit()

        feedback.confirm(self, self.tr("退出班子"), self.tr(
            "%1 将退出班子，其分管领域改为未分配；已有的会议记录保留其姓名。确定吗？")
            .replace("%1", member.name), do_retire)

    def _choose_roster(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入班子成员名单"), "",
            self.tr("名单文件 (*.csv *.xlsx);;所有文件 (*)"))
        if path:
            self.import_roster(path)

    def import_roster(self, path: str) -> None:
        """Import a CSV or XLSX roster: all of it, or nothing with every bad row listed."""
        try:
            added = import_roster(self.desk, self.unit_id, path)
        except feedback.refusals() as error:
            feedback.show_error(self.ui.messageLabel, error)
            return
        feedback.show_note(self.ui.messageLabel,
                           self.tr("已导入 %1 位成员。").replace("%1", str(len(added))))
        self.reload()
        self.changed.emit()


class DivisionPanel(QWidget):
    """The division of work: who holds which area. The chief may not hold the areas of R2."""

    def __init__(self, desk: Desk, unit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.unit_id = desk, unit_id
        self.ui: Any = load_form("division_panel", self)
        self._names: dict[int, str] = {}
        self._forbidden: tuple[str, ...] = ()
        self._extra_areas: list[str] = []
        self.model: RowsModel[tuple[str, int | None]] = RowsModel([
            Column(self.tr("分管领域"), lambda r: r[0]),
            Column(self.tr("分管领导"), lambda r: self._names.get(r[1], "") if r[1] else
                   self.tr("（未分配）")),
            Column(self.tr("说明"), lambda r: self.tr("一把手不直接分管")
                   if r[0] in self._forbidden else "",
                   badge=lambda r: r[0] in self._forbidden),
        ], self)
        show_table(self.ui.areasView, self.model, stretch=2)
        self.ui.assignButton.clicked.connect(self.assign)
        self.ui.unassignButton.clicked.connect(self.unassign)
        self.ui.addAreaButton.clicked.connect(self.add_area)
        self.ui.newAreaEdit.returnPressed.connect(self.add_area)
        self.ui.areasView.selectionModel().selectionChanged.connect(lambda *_: self._fill())
        feedback.clear(self.ui.messageLabel)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        rules = self.desk.rule_set(self.unit_id)
        self._forbidden = rules.forbidden_portfolios
        members = self.desk.members(self.unit_id)
        self._names = {m.id: m.name for m in members}
        combo = self.ui.memberCombo
        keep = combo.currentData()
        combo.clear()
        for m in members:
            combo.addItem(self.tr("%1（一把手）").replace("%1", m.name) if m.is_chief else m.name,
                          m.id)
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        division = self.desk.division_of_work(self.unit_id)
        areas = list(dict.fromkeys([*default_settings()["portfolio_areas"], *self._forbidden,
                                    *division, *self._extra_areas]))
        self.model.set_rows([(a, division.get(a)) for a in areas])
        self.ui.ruleLabel.setText(self._rule_text())
        select_row(self.ui.areasView, lambda r: r[0] == select)
        self._fill()

    def _rule_text(self) -> str:
        return self.tr("按照“五不直接分管”，主要负责人（一把手）不直接分管%1工作，由其他班子成员"
                       "分管，一把手履行监督责任。").replace("%1", "、".join(self._forbidden))

    def _fill(self) -> None:
        row = selected_row(self.ui.areasView)
        self.ui.assignButton.setEnabled(row is not None and self.ui.memberCombo.count() > 0)
        self.ui.unassignButton.setEnabled(row is not None and row[1] is not None)
        if row is not None and row[1] is not None:
            self.ui.memberCombo.setCurrentIndex(self.ui.memberCombo.findData(row[1]))

    def assign(self) -> None:
        row = selected_row(self.ui.areasView)
        member_id = self.ui.memberCombo.currentData()
        if row is None or member_id is None:
            return
        try:
            self.desk.assign_portfolio(self.unit_id, int(member_id), row[0])
        except feedback.refusals() as error:
            text = i18n.message(error)
            if getattr(error, "code", "") == "PORTFOLIO_FORBIDDEN":
                text += "\n" + self._rule_text() + self.tr("请改由其他班子成员分管。")
            feedback.show_error(self.ui.messageLabel, text)
            self.reload(select=row[0])
            return
        feedback.show_note(self.ui.messageLabel, self.tr("%1 分管 %2。")
                           .replace("%1", self._names.get(int(member_id), ""))
                           .replace("%2", row[0]))
        self.reload(select=row[0])

    def unassign(self) -> None:
        row = selected_row(self.ui.areasView)
        if row is None:
            return
        try:
            self.desk.unassign_portfolio(self.unit_id, row[0])
        except feedback.refusals() as error:
            feedback.show_error(self.ui.messageLabel, error)
            return
        feedback.clear(self.ui.messageLabel)
        self.reload(select=row[0])

    def add_area(self) -> None:
        area = self.ui.newAreaEdit.text().strip()
        if not area:
            return
        self._extra_areas.append(area)
        self.ui.newAreaEdit.clear()
        self.reload(select=area)


class TypesPanel(QWidget):
    """The unit's meeting types and how each decides (team vote or the head)."""

    def __init__(self, desk: Desk, unit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.unit_id = desk, unit_id
        self.ui: Any = load_form("types_panel", self)
        self.model: RowsModel[MeetingTypeInfo] = RowsModel([
            Column(self.tr("会议类型"), lambda t: t.name),
            Column(self.tr("决策方式"), lambda t: i18n.word(DECISION_MODES, t.decision_mode)),
        ], self)
        show_table(self.ui.typesView, self.model, stretch=1)
        for code in DECISION_MODES:
            self.ui.modeCombo.addItem(i18n.word(DECISION_MODES, code), code)
        self.ui.addButton.clicked.connect(self.add)
        feedback.clear(self.ui.messageLabel)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.desk.meeting_types(self.unit_id))

    def add(self) -> None:
        ui = self.ui
        codes = {t.code for t in self.model.rows()}
        # The code only tells types apart in files and scripts; a clerk never sees it.
        code = next(f"type_{n}" for n in range(len(codes) + 1, len(codes) + 100)
                    if f"type_{n}" not in codes)
        try:
            self.desk.add_meeting_type(self.unit_id, code, ui.nameEdit.text(),
                                       ui.modeCombo.currentData())
        except feedback.refusals() as error:
            feedback.show_error(ui.messageLabel, error)
            return
        feedback.show_note(ui.messageLabel, self.tr("已添加会议类型：%1")
                           .replace("%1", ui.nameEdit.text().strip()))
        ui.nameEdit.clear()
        self.reload()


class RulesPanel(QWidget):
    """The rule set (R1-R9 of the domain notes): every edit is saved as a new version, checked by the domain."""

    def __init__(self, desk: Desk, unit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.unit_id = desk, unit_id
        self.ui: Any = load_form("rules_panel", self)
        self._fund_checks = self._checks(self.ui.fundTypesBox, FUND_TYPES,
                                         ("lending", "guarantee", "financing"))
        self._major_checks = self._checks(self.ui.categoriesBox, CATEGORIES,
                                          [c for c in CATEGORIES if c != "general"])
        self._personnel_checks = self._checks(self.ui.personnelCategoriesBox, CATEGORIES,
                                              [c for c in CATEGORIES if c != "general"])
        self.ui.orderCombo.addItem(self.tr("从排序最后的成员开始（资历浅者先发言）"), "junior_first")
        self.ui.orderCombo.addItem(self.tr("从排序最前的成员开始"), "senior_first")
        self.ui.saveButton.clicked.connect(self.save)
        self.ui.revertButton.clicked.connect(self.reload)
        feedback.clear(self.ui.messageLabel)
        self.reload()

    @staticmethod
    def _checks(box: QWidget, vocabulary: dict[str, tuple[str, str]],
                codes: Any) -> dict[str, QCheckBox]:
        layout = box.layout()
        assert isinstance(layout, QGridLayout)
        checks = {}
        for n, code in enumerate(codes):
            check = QCheckBox(i18n.word(vocabulary, code), box)
            layout.addWidget(check, n // 3, n % 3)
            checks[code] = check
        return checks

    def reload(self) -> None:
        rules: RuleSet = self.desk.rule_set(self.unit_id)
        ui = self.ui
        ui.nameEdit.setText(rules.name)
        ui.versionLabel.setText(self.tr("当前为第 %1 版；保存修改即生成新版本，会议记录注明所依据的版本。")
                                .replace("%1", str(rules.version)))
        ui.regularEdit.setText(str(rules.regular_spending_threshold))
        ui.projectEdit.setText(str(rules.project_funds_threshold))
        for checks, chosen in ((self._fund_checks, rules.always_major_fund_types),
                               (self._major_checks, rules.major_categories),
                               (self._personnel_checks, rules.personnel_categories)):
            for code, check in checks.items():
                check.setChecked(code in chosen)
        ui.forbiddenEdit.setText("、".join(rules.forbidden_portfolios))
        ui.quorumEdit.setText(str(rules.quorum_fraction))
        ui.personnelQuorumEdit.setText(str(rules.personnel_quorum_fraction))
        ui.passEdit.setText(str(rules.pass_fraction))
        ui.recusedCheck.setChecked(rules.recused_excluded_from_base)
        ui.writtenCheck.setChecked(rules.written_opinions_in_division)
        ui.directTallyCheck.setChecked(rules.secret_ballot_direct_tally)
        ui.divisionEdit.setText(str(rules.division_fraction))
        ui.marginSpin.setValue(rules.division_margin)
        ui.orderCombo.setCurrentIndex(ui.orderCombo.findData(rules.speaking_order))
        ui.allSignCheck.setChecked(rules.all_attendees_sign)

    def changes(self) -> dict[str, Any]:
        """The settings as typed, for the domain to validate (RULES_INVALID names a bad one)."""
        ui = self.ui
        forbidden = ui.forbiddenEdit.text()
        for separator in "，,;；/ ":
            forbidden = forbidden.replace(separator, "、")

        def chosen(checks: dict[str, QCheckBox]) -> list[str]:
            return [code for code, check in checks.items() if check.isChecked()]

        return {
            "name": ui.nameEdit.text(),
            "regular_spending_threshold": ui.regularEdit.text().strip(),
            "project_funds_threshold": ui.projectEdit.text().strip(),
            "always_major_fund_types": chosen(self._fund_checks),
            "major_categories": chosen(self._major_checks),
            "forbidden_portfolios": [a for a in forbidden.split("、") if a.strip()],
            "quorum_fraction": ui.quorumEdit.text().strip(),
            "personnel_quorum_fraction": ui.personnelQuorumEdit.text().strip(),
            "personnel_categories": chosen(self._personnel_checks),
            "recused_excluded_from_base": ui.recusedCheck.isChecked(),
            "pass_fraction": ui.passEdit.text().strip(),
            "written_opinions_in_division": ui.writtenCheck.isChecked(),
            "secret_ballot_direct_tally": ui.directTallyCheck.isChecked(),
            "division_fraction": ui.divisionEdit.text().strip(),
            "division_margin": ui.marginSpin.value(),
            "speaking_order": ui.orderCombo.currentData(),
            "all_attendees_sign": ui.allSignCheck.isChecked(),
        }

    def save(self) -> None:
        try:
            rules = self.desk.update_rule_set(self.unit_id, self.changes())
        except feedback.refusals() as error:
            feedback.show_error(self.ui.messageLabel, error)
            return
        self.reload()
        feedback.show_note(self.ui.messageLabel, self.tr("已保存为第 %1 版。")
                           .replace("%1", str(rules.version)))
