"""First-run set-up and unit settings, driven through the real widgets (offscreen): the wizard,
the division of work refusing the chief's forbidden portfolios (R2), roster import from CSV and
XLSX, and the rule set's validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from meetingdesk.services import Desk
from meetingdesk.ui.main_window import MainWindow
from meetingdesk.ui.setup_wizard import SetupWizard
from meetingdesk.ui.unit_settings import UnitSettingsDialog
from test_ui_helpers import chinese, click, click_row, desk, show, type_text, unit  # noqa: F401

pytestmark = pytest.mark.gui


def open_settings(qtbot, desk: Desk, unit: int, tab: int) -> UnitSettingsDialog:
    dialog = UnitSettingsDialog(desk, unit)
    show(qtbot, dialog)
    dialog.tabs.setCurrentIndex(tab)
    return dialog


def test_first_run_wizard_sets_up_a_unit(qtbot, desk: Desk):
    window = MainWindow(desk)  # an empty database: the set-up starts by itself
    qtbot.addWidget(window)
    window.show()
    wizard = window.findChild(SetupWizard)
    assert wizard is not None and wizard.isVisible()
    next_button = wizard.button(QWizard.WizardButton.NextButton)

    click(qtbot, next_button)  # no name: refused in words, still on the first page
    assert wizard.currentPage() is wizard.unit_page
    assert "请填写单位名称" in wizard.unit_page.ui.messageLabel.text()
    type_text(qtbot, wizard.unit_page.ui.nameEdit, "晓塘乡人民政府")
    click(qtbot, next_button)
    assert wizard.currentPage() is wizard.members_page
    assert [u.name for u in desk.units()] == ["晓塘乡人民政府"]

    panel = wizard.members_page.panel
    for name, position in (("李犇", "乡长"), ("孙昇", "副乡长")):
        type_text(qtbot, panel.ui.nameEdit, name)
        type_text(qtbot, panel.ui.positionEdit, position)
        qtbot.keyClick(panel.ui.positionEdit, Qt.Key.Key_Return)
    click(qtbot, next_button)  # no chief yet: the domain says so, and the page stays
    assert wizard.currentPage() is wizard.members_page
    assert "有且只有一位主要负责人" in panel.ui.messageLabel.text()

    click_row(qtbot, panel.ui.membersView, "1")
    click(qtbot, panel.ui.chiefCheck)
    click(qtbot, panel.ui.saveButton)
    click(qtbot, next_button)
    assert wizard.currentPage() is wizard.division_page

    division = wizard.division_page.panel
    click_row(qtbot, division.ui.areasView, "农业农村")
    division.ui.memberCombo.setCurrentIndex(division.ui.memberCombo.findText("孙昇"))
    click(qtbot, division.ui.assignButton)
    unit = desk.units()[0].id
    members = {m.name: m.id for m in desk.members(unit)}
    assert desk.division_of_work(unit) == {"农业农村": members["孙昇"]}

    click(qtbot, next_button)
    assert wizard.currentPage() is wizard.rules_page
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert not wizard.isVisible()
    assert window.ui.unitCombo.currentText() == "晓塘乡人民政府"
    assert [m.is_chief for m in desk.members(unit)] == [True, False]


def test_chief_may_not_hold_finance(qtbot, desk: Desk, unit: int):
    dialog = open_settings(qtbot, desk, unit, 1)
    panel = dialog.division
    chief = desk.members(unit)[0]
    click_row(qtbot, panel.ui.areasView, "财务")
    panel.ui.memberCombo.setCurrentIndex(panel.ui.memberCombo.findData(chief.id))
    click(qtbot, panel.ui.assignButton)
    message = panel.ui.messageLabel.text()
    assert "“一把手”徐颖峰不得直接分管“财务”（五不直接分管）" in message
    assert "不直接分管人事、财务、行政审批、工程建设、物资采购工作" in message
    assert panel.ui.messageLabel.isVisible()
    assert desk.division_of_work(unit) == {}  # nothing changed
    # Another member may hold it.
    panel.ui.memberCombo.setCurrentIndex(panel.ui.memberCombo.findText("李犇"))
    click(qtbot, panel.ui.assignButton)
    assert desk.division_of_work(unit) == {"财务": desk.members(unit)[1].id}


def test_second_chief_is_refused(qtbot, desk: Desk, unit: int):
    dialog = open_settings(qtbot, desk, unit, 0)
    panel = dialog.members
    type_text(qtbot, panel.ui.nameEdit, "王某")
    click(qtbot, panel.ui.chiefCheck)
    click(qtbot, panel.ui.addButton)
    assert "每个单位必须有且只有一位主要负责人（一把手），现有 2 位" in panel.ui.messageLabel.text()
    assert len(desk.members(unit)) == 3


def test_bad_roster_file_reports_every_bad_line_and_imports_nothing(
        qtbot, desk: Desk, unit: int, tmp_path: Path, monkeypatch):
    roster = tmp_path / "名单.csv"
    roster.write_text("姓名,职务,排序,一把手\n"
                      "陈玥,纪委书记,4,否\n"
                      ",组织委员,5,否\n"          # line 3: no name
                      "赵燊,宣传委员,6,否\n"
                      "刘珺,组织委员,第七,否\n",  # line 5: the rank is not a number
                      encoding="utf-8-sig")
    dialog = open_settings(qtbot, desk, unit, 0)
    panel = dialog.members
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(roster), ""))
    click(qtbot, panel.ui.importButton)
    message = panel.ui.messageLabel.text()
    assert "有 2 处错误，未导入任何成员" in message
    assert "第 3 行：请填写姓名" in message
    assert "第 5 行：排序的值无效：第七" in message
    assert "第 2 行" not in message and "第 4 行" not in message
    assert len(desk.members(unit)) == 3
    assert panel.model.rowCount() == 3


def test_good_xlsx_roster_is_imported(qtbot, desk: Desk, unit: int, tmp_path: Path,
                                      monkeypatch):
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "职务", "排序", "一把手"])
    sheet.append(["陈玥", "党委委员、纪委书记", 4, "否"])
    sheet.append(["刘珺", "党委委员、组织委员", 5, None])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    dialog = open_settings(qtbot, desk, unit, 0)
    panel = dialog.members
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(path), ""))
    click(qtbot, panel.ui.importButton)
    assert "已导入 2 位成员" in panel.ui.messageLabel.text()
    assert [(m.name, m.rank, m.is_chief) for m in desk.members(unit)][3:] == [
        ("陈玥", 4, False), ("刘珺", 5, False)]
    assert panel.model.rowCount() == 5


def test_invalid_rule_is_refused_and_a_valid_edit_makes_a_new_version(
        qtbot, desk: Desk, unit: int):
    dialog = open_settings(qtbot, desk, unit, 3)
    panel = dialog.rules
    panel.ui.quorumEdit.selectAll()
    type_text(qtbot, panel.ui.quorumEdit, "3/2")
    click(qtbot, panel.ui.saveButton)
    assert "规则设置“quorum_fraction”无效" in panel.ui.messageLabel.text()
    assert desk.rule_set(unit).version == 1

    panel.ui.quorumEdit.selectAll()
    type_text(qtbot, panel.ui.quorumEdit, "2/3")
    click(qtbot, panel.ui.allSignCheck)
    click(qtbot, panel.ui.saveButton)
    rules = desk.rule_set(unit)
    assert (rules.version, str(rules.quorum_fraction), rules.all_attendees_sign) == (2, "2/3", True)
    assert "已保存为第 2 版" in panel.ui.messageLabel.text()


def test_meeting_type_added_and_a_duplicate_refused(qtbot, desk: Desk, unit: int):
    dialog = open_settings(qtbot, desk, unit, 2)
    panel = dialog.types
    type_text(qtbot, panel.ui.nameEdit, "党组会")
    click(qtbot, panel.ui.addButton)
    assert "党组会" in [t.name for t in desk.meeting_types(unit)]
    type_text(qtbot, panel.ui.nameEdit, "党委会")
    click(qtbot, panel.ui.addButton)
    assert "已存在" in panel.ui.messageLabel.text()
    assert len(desk.meeting_types(unit)) == 4


def test_a_secret_ballot_may_be_entered_as_a_tally_only_when_the_unit_says_so(
        qtbot, desk: Desk, unit: int):
    dialog = open_settings(qtbot, desk, unit, 3)
    check = dialog.rules.ui.directTallyCheck
    assert check.isVisible() and not check.isChecked()
    assert check.text() == "无记名投票可直接录入计票结果（不逐张录入选票）"
    click(qtbot, check)
    click(qtbot, dialog.rules.ui.saveButton)
    assert desk.rule_set(unit).secret_ballot_direct_tally
    assert dialog.rules.ui.directTallyCheck.isChecked()


# ---- issue 13, point 9: the wizard's traps ---------------------------------------------------

def start_wizard(qtbot, desk: Desk) -> tuple[MainWindow, SetupWizard]:
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    wizard = window.findChild(SetupWizard)
    assert wizard is not None and wizard.isVisible()
    return window, wizard


def test_enter_on_the_members_page_adds_the_member_not_the_next_page(qtbot, desk: Desk):
    window, wizard = start_wizard(qtbot, desk)
    type_text(qtbot, wizard.unit_page.ui.nameEdit, "晓塘乡党委")
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    panel = wizard.members_page.panel
    type_text(qtbot, panel.ui.nameEdit, "王建堃")
    type_text(qtbot, panel.ui.positionEdit, "党委书记")
    click(qtbot, panel.ui.chiefCheck)  # the focus is on the tick box, as after a click
    qtbot.keyClick(panel.ui.chiefCheck, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.members_page
    unit = desk.units()[0].id
    assert [(m.name, m.is_chief) for m in desk.members(unit)] == [("王建堃", True)]
    assert "已添加：王建堃" in panel.ui.messageLabel.text()

    type_text(qtbot, panel.ui.nameEdit, "李犇")  # typed, not added, then 下一步
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is wizard.members_page
    assert "“李犇”尚未添加" in panel.ui.messageLabel.text()
    qtbot.keyClick(panel.ui.nameEdit, Qt.Key.Key_Enter)  # the keypad's Enter adds too
    assert [m.name for m in desk.members(unit)] == ["王建堃", "李犇"]
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is wizard.division_page


def test_a_set_up_cancelled_on_the_members_page_is_resumed(qtbot, desk: Desk):
    window, wizard = start_wizard(qtbot, desk)
    type_text(qtbot, wizard.unit_page.ui.nameEdit, "晓塘乡党委")
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
    assert not wizard.isVisible()
    # The unit exists without a team: the window says what is missing and offers to go on.
    assert "本单位的设置尚未完成" in window.ui.messageLabel.text()
    assert "还没有班子成员" in window.ui.messageLabel.text()
    assert "Invalid value" not in window.ui.messageLabel.text()
    assert window.ui.setupButton.isVisible() and window.ui.setupButton.text() == "继续设置本单位…"

    window.act_new.trigger()  # 新建会议: told in Chinese what to do, no form opened
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    assert "还没有班子成员" in box.text() and "单位设置" in box.text()
    box.close()

    click(qtbot, window.ui.setupButton)
    resumed = next(w for w in window.findChildren(SetupWizard) if w.isVisible())
    assert resumed.currentPage() is resumed.members_page
    panel = resumed.members_page.panel
    type_text(qtbot, panel.ui.nameEdit, "王建堃")
    click(qtbot, panel.ui.chiefCheck)
    qtbot.keyClick(panel.ui.nameEdit, Qt.Key.Key_Return)
    for _ in range(2):
        click(qtbot, resumed.button(QWizard.WizardButton.NextButton))
    click(qtbot, resumed.button(QWizard.WizardButton.FinishButton))
    assert [u.name for u in desk.units()] == ["晓塘乡党委"]
    assert window.ui.pages.currentWidget() is window.ui.listPage


def test_a_new_window_on_a_half_set_unit_resumes_its_set_up(qtbot, desk: Desk):
    desk.create_unit("晓塘乡党委")  # what a cancelled set-up leaves behind
    window, wizard = start_wizard(qtbot, desk)
    assert wizard.currentPage() is wizard.members_page
    with pytest.raises(Exception) as refused:
        desk.create_meeting(desk.units()[0].id, "party_committee", "2026-11-26T09:00:00+08:00",
                            "会议室", None, "郑小玲")
    assert "还没有班子成员" in str(getattr(refused.value, "message_zh", refused.value))
