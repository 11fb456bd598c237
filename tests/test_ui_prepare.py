"""Preparing a meeting through the real widgets (offscreen): the header and its automatic number
(R11), an agenda item with its 三重一大 badge (R1), the chief refused as presenter of a finance
item (R2), materials copied into storage, reordering, and a deferred item carried over."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from meetingdesk import paths
from meetingdesk.services import Desk
from meetingdesk.ui.main_window import MainWindow
from meetingdesk.ui.prepare import ItemDialog, PrepareDialog
from test_ui_helpers import chinese, click, click_row, desk, show, type_text, unit  # noqa: F401

pytestmark = pytest.mark.gui


def deferred_item(desk: Desk, unit: int) -> int:
    """A closed meeting whose one item was deferred (set-up through the services); returns the
    deferred item's id."""
    chief, mayor, deputy = (m.id for m in desk.members(unit))
    meeting = desk.create_meeting(unit, "party_committee", "2026-03-02T09:00:00+08:00",
                                  "乡政府三楼会议室", chief, "郑小玲")
    item = desk.add_item(meeting, title="乡文化礼堂改造工程追加投资", kind="decision",
                         category="project", amount="850000", fund_type="project",
                         area="工程建设", presenter_id=deputy, vote_mode="hands")
    desk.start_meeting(meeting)
    for member in (chief, mayor, deputy):
        desk.mark_present(meeting, member)
    desk.open_session(meeting)
    desk.open_item(meeting, 1)
    desk.report(meeting, 1, deputy, "设计变更需追加投资85万元。")
    for member in desk.meeting(meeting).speaking_queue(1):
        desk.record_opinion(meeting, 1, member, "defer", "建议暂缓。", "依据不充分，需进一步调研。")
    desk.record_opinion(meeting, 1, chief, "defer", "暂缓表决。", "请进一步核实预算。")
    desk.defer(meeting, 1, "意见分歧较大，暂缓表决，下次会议复议。")
    desk.close_meeting(meeting)
    return item


def new_meeting(qtbot, desk: Desk) -> tuple[MainWindow, PrepareDialog]:
    """Ctrl+N in the main window, then the header typed and saved."""
    window = show(qtbot, MainWindow(desk))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=20000)  # a loaded machine activates late
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(PrepareDialog)
    assert dialog is not None and dialog.isVisible()
    assert "（保存时编定）" in dialog.ui.numberValue.text()
    type_text(qtbot, dialog.ui.placeEdit, "乡政府三楼会议室")
    type_text(qtbot, dialog.ui.recorderEdit, "郑小玲")
    click(qtbot, dialog.ui.saveHeaderButton)
    assert dialog.meeting_id is not None
    return window, dialog


def open_item_dialog(qtbot, dialog: PrepareDialog) -> ItemDialog:
    click(qtbot, dialog.ui.addItemButton)
    [item] = [d for d in dialog.findChildren(ItemDialog) if d.isVisible()]
    return item


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def ok(qtbot, item: ItemDialog) -> None:
    buttons = item.findChild(QDialogButtonBox)
    click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Ok))


def test_prepare_a_meeting_with_a_major_item(qtbot, desk: Desk, unit: int):
    window, dialog = new_meeting(qtbot, desk)
    info = desk.meeting_info(dialog.meeting_id)
    assert dialog.ui.numberValue.text().startswith(info.title)  # the number R11 gave it
    assert window.ui.meetingsView.model().meeting(0).id == dialog.meeting_id
    assert dialog.ui.tabs.currentIndex() == 1  # on to the agenda

    item = open_item_dialog(qtbot, dialog)
    type_text(qtbot, item.ui.titleEdit, "乡村道路硬化工程项目资金安排")
    choose(item.ui.categoryCombo, "project")
    type_text(qtbot, item.ui.amountEdit, "1200000")
    choose(item.ui.fundCombo, "project")
    choose(item.ui.presenterCombo, desk.members(unit)[2].id)
    badge = item.ui.badgeLabel.text()
    assert "三重一大" in badge and "属“重大项目安排”" in badge
    assert "项目资金 1,200,000 元，达到 200,000 元标准" in badge
    ok(qtbot, item)
    assert not item.isVisible()

    rows = desk.agenda(dialog.meeting_id)
    assert [r.spec.title for r in rows] == ["乡村道路硬化工程项目资金安排"]
    assert rows[0].classification.major
    model = dialog.agenda_model
    assert model.index(0, 3).data() == "三重一大"
    assert model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == badge
    click_row(qtbot, dialog.ui.agendaView, "1")
    assert dialog.ui.itemDetail.text() == badge


def test_a_major_item_cannot_be_a_mere_briefing(qtbot, desk: Desk, unit: int):
    _, dialog = new_meeting(qtbot, desk)
    item = open_item_dialog(qtbot, dialog)
    type_text(qtbot, item.ui.titleEdit, "为村级公司融资提供担保")
    choose(item.ui.kindCombo, "briefing")
    choose(item.ui.fundCombo, "guarantee")
    assert "涉及担保，不论金额" in item.ui.badgeLabel.text()
    assert "须经班子会议集体讨论并表决，不能作为通报事项处理" in item.ui.checkLabel.text()
    ok(qtbot, item)
    assert item.isVisible() and desk.agenda(dialog.meeting_id) == []


def test_an_amount_finer_than_the_fen_is_refused_with_the_domains_message(
        qtbot, desk: Desk, unit: int):
    """49,999.999 yuan: under the threshold on the form, 50,000.00 in the county's index."""
    _, dialog = new_meeting(qtbot, desk)
    item = open_item_dialog(qtbot, dialog)
    type_text(qtbot, item.ui.titleEdit, "购置办公设备")
    choose(item.ui.fundCombo, "regular")
    type_text(qtbot, item.ui.amountEdit, "49999.999")
    assert item.ui.checkLabel.text() == "金额以元为单位，最多两位小数（到分）：49999.999。"
    ok(qtbot, item)
    assert item.isVisible() and desk.agenda(dialog.meeting_id) == []
    item.ui.amountEdit.backspace()
    assert not item.ui.checkLabel.isVisible()


def test_the_chief_cannot_present_a_finance_item(qtbot, desk: Desk, unit: int):
    _, dialog = new_meeting(qtbot, desk)
    item = open_item_dialog(qtbot, dialog)
    type_text(qtbot, item.ui.titleEdit, "调整年度财政预算")
    type_text(qtbot, item.ui.areaCombo.lineEdit(), "财务")
    choose(item.ui.presenterCombo, desk.members(unit)[0].id)
    assert "“一把手”徐颖峰不得直接分管“财务”" in item.ui.checkLabel.text()
    ok(qtbot, item)  # refused by the service too: the dialog stays, nothing is added
    assert item.isVisible()
    assert desk.agenda(dialog.meeting_id) == []
    choose(item.ui.presenterCombo, desk.members(unit)[1].id)
    assert not item.ui.checkLabel.isVisible()
    ok(qtbot, item)
    assert [r.spec.presenter_id for r in desk.agenda(dialog.meeting_id)] == [
        desk.members(unit)[1].id]


def test_an_appointment_typed_in_directly_is_refused(qtbot, desk: Desk, unit: int):
    """R13: an appointment reaches the agenda only through an approved submission whose
    materials were given ahead (不准临时动议); the dialog shows the domain's refusal."""
    _, dialog = new_meeting(qtbot, desk)
    item = open_item_dialog(qtbot, dialog)
    type_text(qtbot, item.ui.titleEdit, "推荐村党支部书记人选")
    choose(item.ui.categoryCombo, "appointment")
    click(qtbot, item.ui.addCandidateButton)
    item.candidates_model.setData(item.candidates_model.index(0, 0), "林玥")
    ok(qtbot, item)
    assert item.isVisible() and "不准临时动议" in item.ui.checkLabel.text()
    assert desk.agenda(dialog.meeting_id) == []


def test_appointment_items_list_their_candidates(qtbot, desk: Desk, unit: int):
    desk.update_rule_set(unit, {"notice_categories": []})  # rules that allow typing them in
    _, dialog = new_meeting(qtbot, desk)
    item = open_item_dialog(qtbot, dialog)
    type_text(qtbot, item.ui.titleEdit, "推荐村党支部书记人选")
    choose(item.ui.categoryCombo, "appointment")
    assert item.ui.candidatesGroup.isVisible()
    assert "须列出拟任免人选" in item.ui.checkLabel.text()
    click(qtbot, item.ui.addCandidateButton)
    model = item.candidates_model
    model.setData(model.index(0, 0), "林玥")
    model.setData(model.index(0, 2), "晓塘村党支部书记")
    choose(item.ui.voteCombo, "secret")
    ok(qtbot, item)
    spec = desk.agenda(dialog.meeting_id)[0].spec
    assert [(c.name, c.proposed_post) for c in spec.candidates] == [("林玥", "晓塘村党支部书记")]
    assert spec.vote_mode == "secret"


def test_materials_are_copied_and_items_reordered(qtbot, desk: Desk, unit: int,
                                                  tmp_path: Path, monkeypatch):
    _, dialog = new_meeting(qtbot, desk)
    for title in ("学习县委文件", "采购办公设备"):
        item = open_item_dialog(qtbot, dialog)
        type_text(qtbot, item.ui.titleEdit, title)
        ok(qtbot, item)
    material = tmp_path / "采购清单.xlsx"
    material.write_bytes(b"quantities and prices")
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileNames",
                        lambda *a, **k: ([str(material)], ""))
    click_row(qtbot, dialog.ui.agendaView, "2")
    click(qtbot, dialog.ui.attachButton)
    assert "已附加 1 份材料" in dialog.ui.agendaMessage.text()
    stored = list((paths.user_data_dir() / "attachments").iterdir())
    assert [p.read_bytes() for p in stored] == [b"quantities and prices"]
    click(qtbot, dialog.ui.upButton)
    rows = desk.agenda(dialog.meeting_id)
    assert [(r.spec.title, r.spec.materials) for r in rows] == [
        ("采购办公设备", ("采购清单.xlsx",)), ("学习县委文件", ())]
    assert dialog.agenda_model.index(0, 7).data() == "1"


def test_a_deferred_item_is_carried_over(qtbot, desk: Desk, unit: int):
    source = deferred_item(desk, unit)
    _, dialog = new_meeting(qtbot, desk)
    assert dialog.deferred_model.rowCount() == 1
    assert not dialog.ui.carryButton.isEnabled()
    click_row(qtbot, dialog.ui.deferredView, "2026年第1次党委会")
    click(qtbot, dialog.ui.carryButton)
    rows = desk.agenda(dialog.meeting_id)
    assert [(r.spec.title, r.carried_from_item_id) for r in rows] == [
        ("乡文化礼堂改造工程追加投资", source)]
    assert dialog.agenda_model.index(0, 1).data() == "乡文化礼堂改造工程追加投资（复议）"
    assert dialog.deferred_model.rowCount() == 0
    assert "没有待复议的事项" in dialog.ui.deferredNote.text()


def test_editing_the_header_keeps_the_number(qtbot, desk: Desk, unit: int):
    window, dialog = new_meeting(qtbot, desk)
    title = desk.meeting_info(dialog.meeting_id).title
    dialog.close()
    window.prepare_meeting()  # the selected meeting, as 筹备会议 does
    again = [d for d in window.findChildren(PrepareDialog) if d.isVisible()][0]
    assert not again.ui.typeCombo.isEnabled()
    again.ui.tabs.setCurrentIndex(0)
    again.ui.placeEdit.clear()
    type_text(qtbot, again.ui.placeEdit, "党群服务中心会议室")
    click(qtbot, again.ui.saveHeaderButton)
    info = desk.meeting_info(dialog.meeting_id)
    assert (info.title, info.place) == (title, "党群服务中心会议室")
    assert again.ui.headerMessage.text() == "已保存。"


def test_the_category_follows_the_domains_classification(qtbot, desk: Desk, unit: int):
    """R1: 一般事项 with 300,000 yuan of project funds is a 大额资金使用 item; the category shown
    and the 三重一大 badge never contradict, and the category comes back once it is minor."""
    _, dialog = new_meeting(qtbot, desk)
    item = open_item_dialog(qtbot, dialog)
    type_text(qtbot, item.ui.titleEdit, "拨付农业合作社补助资金")
    assert item.ui.categoryCombo.currentText() == "一般事项"
    choose(item.ui.fundCombo, "project")
    type_text(qtbot, item.ui.amountEdit, "300000")
    assert item.ui.categoryCombo.currentText() == "大额资金使用"
    assert "项目资金 300,000 元，达到 200,000 元标准" in item.ui.badgeLabel.text()
    item.ui.amountEdit.selectAll()
    type_text(qtbot, item.ui.amountEdit, "30000")
    assert item.ui.categoryCombo.currentText() == "一般事项"
    assert not item.ui.badgeLabel.isVisible()
    type_text(qtbot, item.ui.amountEdit, "0")  # 300,000 again
    ok(qtbot, item)
    row = desk.agenda(dialog.meeting_id)[0]
    assert row.classification.major and row.classification.category == "funds"


def test_an_appointment_item_gives_its_posts(qtbot, desk: Desk, unit: int):
    desk.update_rule_set(unit, {"notice_categories": []})  # rules that allow typing them in
    _, dialog = new_meeting(qtbot, desk)
    item = open_item_dialog(qtbot, dialog)
    type_text(qtbot, item.ui.titleEdit, "推荐村党支部书记人选")
    choose(item.ui.categoryCombo, "appointment")
    model = item.candidates_model
    for name in ("林玥", "何犇"):
        click(qtbot, item.ui.addCandidateButton)
        model.setData(model.index(model.rowCount() - 1, 0), name)
    assert item.ui.postsSpin.isVisible() and item.ui.postsSpin.text() == "按人选人数"
    item.ui.postsSpin.setValue(3)  # more posts than candidates: the domain refuses
    assert "职数的值无效" in item.ui.checkLabel.text()
    item.ui.postsSpin.setValue(1)
    assert not item.ui.checkLabel.isVisible()
    ok(qtbot, item)
    assert desk.agenda(dialog.meeting_id)[0].spec.posts == 1
    desk.start_meeting(dialog.meeting_id)  # the posts go into the record's agenda
    assert desk.meeting(dialog.meeting_id).items[1].spec.post_count == 1


def test_the_candidates_are_read_whole_in_the_programs_type(qtbot, desk: Desk, unit: int):
    """In the program's own 13 pt type the table showed a row and a half: three candidates
    must each show in full, names and posts uncut, in a dialog that fits 1366×768."""
    from PySide6.QtWidgets import QApplication

    from meetingdesk.ui import prefs

    app = QApplication.instance()
    before = app.font()
    prefs.apply_font(app, prefs.DEFAULT_POINT_SIZE)
    try:
        _, dialog = new_meeting(qtbot, desk)
        item = open_item_dialog(qtbot, dialog)
        choose(item.ui.categoryCombo, "appointment")
        model = item.candidates_model
        people = [("林玥", "村委委员", "村党支部书记"), ("何犇", "村文书", "村党支部副书记"),
                  ("欧阳晓燕", "乡农业综合服务中心副主任", "村党支部第一书记")]
        for row, person in enumerate(people):
            click(qtbot, item.ui.addCandidateButton)
            for column, value in enumerate(person):
                model.setData(model.index(row, column), value)
        view = item.ui.candidatesView
        view.scrollToTop()
        metrics = view.fontMetrics()

        def whole() -> None:  # the columns fit their contents once the view has laid out
            for row, person in enumerate(people):
                cell = view.visualRect(model.index(row, 0))
                assert view.viewport().rect().contains(cell), f"row {row + 1} is cut off"
                for column, value in enumerate(person):
                    assert view.columnWidth(column) >= metrics.horizontalAdvance(value), value

        qtbot.waitUntil(whole, timeout=2000)
        assert item.height() <= 768 - 30 and item.width() <= 1366  # a title bar above
    finally:
        app.setFont(before)
