"""议题申报 to 督办 driven through the real windows (R13, R14): a funds item submitted by its
portfolio holder, the chief's approval refused while a check is pending (in words, beside the
buttons), the checks marked done (one with a file), approval, materials given, the item taken
onto a meeting being prepared while an appointment given too late is refused there, the meeting
decided (through the services), and the decision followed up to completion."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDialogButtonBox

from meetingdesk.domain import DomainError
from meetingdesk.services import Desk
from meetingdesk.ui.followup_window import FollowUpWindow
from meetingdesk.ui.prepare import PrepareDialog
from meetingdesk.ui.submissions_window import SubmissionDialog, SubmissionsWindow
from submitted import MinuteClock
from test_ui_followup import clock, desk, unit  # noqa: F401 (fixtures)
from test_ui_helpers import chinese, click, show, type_text  # noqa: F401 (fixture)

TZ = timezone(timedelta(hours=8))


def act_as(window: SubmissionsWindow, name: str) -> None:
    combo = window.ui.actorCombo
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(name))
    combo.setCurrentIndex(index)


def listed(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def appointment_approved(desk: Desk, unit: int) -> int:
    """An appointment submitted, checked and approved through the services."""
    chief, deputy, _ = (m.id for m in desk.members(unit))
    no = desk.submit(unit, deputy, title="推荐村党支部书记人选", kind="decision",
                     category="appointment", presenter_id=deputy,
                     candidates=[{"name": "林玥", "proposed_post": "晓塘村党支部书记"}])
    for check in desk.submission(unit, no).required_checks:
        desk.mark_check_done(unit, no, check, deputy, "已完成。")
    desk.approve_submission(unit, no, chief)
    return no


def test_from_submission_to_a_completed_task(qtbot, desk: Desk, unit: int, clock: MinuteClock,
                                             tmp_path: Path):
    chief, deputy, third = (m.id for m in desk.members(unit))
    window = show(qtbot, SubmissionsWindow(desk, unit))
    ui = window.ui

    # nobody is acted for until chosen
    click(qtbot, ui.newButton)
    assert "请先选择经办人" in ui.actorMessage.text() and window.findChild(SubmissionDialog) is None
    act_as(window, "李犇")
    click(qtbot, ui.newButton)
    dialog = window.findChild(SubmissionDialog)
    assert dialog.isVisible() and "申报人：李犇" in dialog.windowTitle()
    type_text(qtbot, dialog.ui.titleEdit, "修缮村委会办公用房")
    type_text(qtbot, dialog.ui.amountEdit, "300000")
    dialog.ui.fundCombo.setCurrentIndex(dialog.ui.fundCombo.findData("project"))
    dialog.ui.presenterCombo.setCurrentIndex(dialog.ui.presenterCombo.findData(deputy))
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    assert listed(ui.submissionsTable) == [["1", "修缮村委会办公用房", "李犇", "大额资金使用",
                                            "300,000", "待审定"]]
    checks = [row[0] for row in listed(ui.checksTable)]
    assert checks == ["可行性论证", "合法性审查", "风险评估", "征求意见"]

    # the chief cannot approve while checks are pending: the domain's words, nothing changed
    act_as(window, "徐颖峰")
    click(qtbot, ui.approveButton)
    assert ui.actionMessage.text() == DomainError(
        "CHECKS_PENDING", title="修缮村委会办公用房", checks="、".join(checks)).message_zh
    assert desk.submission(unit, 1).status == "submitted"

    act_as(window, "李犇")
    opinion = tmp_path / "合法性审查意见.pdf"
    opinion.write_bytes(b"%PDF-1.4\n%%EOF\n")
    for row, check in enumerate(checks):
        ui.checksTable.selectRow(row)
        if check == "合法性审查":
            window.choose_file(str(opinion))
        type_text(qtbot, ui.noteEdit, f"{check}已完成。")
        click(qtbot, ui.checkButton)
        assert not ui.actionMessage.isVisible()
    assert listed(ui.checksTable)[1][1] == "合法性审查已完成。（李犇），附件：合法性审查意见.pdf"
    act_as(window, "徐颖峰")
    click(qtbot, ui.approveButton)
    assert listed(ui.submissionsTable)[0][-1] == "已同意上会"
    act_as(window, "李犇")
    given = datetime(2026, 11, 10, 9, 0, tzinfo=TZ).astimezone()  # the edit's local time
    ui.givenEdit.setDateTime(QDateTime(given.replace(tzinfo=None)))
    click(qtbot, ui.givenButton)
    assert f"材料送达：{given:%Y-%m-%d %H:%M}" in ui.detailLabel.text()
    assert desk.submission(unit, 1).materials_given == given

    # an appointment whose materials reach members on the meeting's day: refused on the agenda
    appointment = appointment_approved(desk, unit)
    clock.now = datetime(2026, 11, 12, 8, 0, tzinfo=TZ)
    desk.record_materials_given(unit, appointment, deputy, "2026-11-12T08:00:00+08:00")
    meeting = desk.create_meeting(unit, "party_committee", "2026-11-12T09:00:00+08:00",
                                  "会议室", chief, "郑小玲")
    prepare = show(qtbot, PrepareDialog(desk, unit, meeting))
    view = prepare.ui.approvedView
    assert [view.model().index(r, 1).data() for r in range(view.model().rowCount())] == [
        "修缮村委会办公用房", "推荐村党支部书记人选"]
    view.selectRow(1)
    click(qtbot, prepare.ui.scheduleButton)
    assert prepare.ui.approvedNote.text() == DomainError(
        "MATERIALS_LATE", title="推荐村党支部书记人选", days=1, given="2026-11-12",
        date="2026-11-12").message_zh
    assert desk.agenda(meeting) == []
    view.selectRow(0)
    click(qtbot, prepare.ui.scheduleButton)
    assert [r.spec.title for r in desk.agenda(meeting)] == ["修缮村委会办公用房"]
    assert prepare.agenda_model.rowCount() == 1 and view.model().rowCount() == 1
    window.reload()
    assert listed(ui.submissionsTable)[0][-1] == "已列入议程"

    # the meeting itself through the services: the item passed
    clock.now = datetime(2026, 11, 12, 9, 0, tzinfo=TZ)
    desk.start_meeting(meeting)
    for member in (chief, deputy, third):
        desk.mark_present(meeting, member)
    desk.open_session(meeting)
    desk.open_item(meeting, 1)
    desk.report(meeting, 1, deputy, "汇报。")
    for member in [*desk.meeting(meeting).speaking_queue(1), chief]:
        desk.record_opinion(meeting, 1, member, "agree", "同意。")
    for member in desk.meeting(meeting).eligible(1):
        desk.cast_vote(meeting, 1, member, "agree")
    desk.decide(meeting, 1, "同意修缮。")
    desk.close_meeting(meeting)

    follow = show(qtbot, FollowUpWindow(desk, unit))
    fu = follow.ui
    assert fu.decisionCombo.currentText() == "2026年第1次党委会 第 1 项：修缮村委会办公用房"
    type_text(qtbot, fu.whatEdit, "完成修缮并组织验收")
    type_text(qtbot, fu.departmentEdit, "党政办")
    click(qtbot, fu.assignButton)
    type_text(qtbot, fu.noteEdit, "已完工并通过验收。")
    click(qtbot, fu.completeButton)
    [task] = desk.tasks(unit)
    assert (task.decision.item_title, task.department, task.status, task.outcome) == (
        "修缮村委会办公用房", "党政办", "done", "已完工并通过验收。")


def test_a_returned_submission_is_resubmitted_by_its_submitter(qtbot, desk: Desk, unit: int):
    deputy = desk.members(unit)[1].id
    desk.submit(unit, deputy, title="新建乡政府停车场", kind="decision", amount="30000",
                fund_type="regular", presenter_id=deputy)
    window = show(qtbot, SubmissionsWindow(desk, unit))
    ui = window.ui
    act_as(window, "徐颖峰")
    click(qtbot, ui.returnButton)  # no reason: the domain asks for one
    assert ui.actionMessage.text() == "请填写退回理由。"
    assert desk.submission(unit, 1).status == "submitted"
    type_text(qtbot, ui.reasonEdit, "选址未征求村民意见。")
    click(qtbot, ui.returnButton)
    assert listed(ui.submissionsTable)[0][-1] == "已退回"
    assert "退回理由：选址未征求村民意见。" in ui.detailLabel.text()
    act_as(window, "李犇")
    click(qtbot, ui.resubmitButton)
    dialog = window.findChild(SubmissionDialog)
    assert dialog.ui.titleEdit.text() == "新建乡政府停车场"
    dialog.ui.titleEdit.setText("新建乡政府停车场（已征求村民意见）")
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    assert listed(ui.submissionsTable)[0][1:] == ["新建乡政府停车场（已征求村民意见）", "李犇",
                                                   "一般事项", "30,000", "待审定"]


def test_a_scheduled_submission_withdrawn_by_its_submitter_leaves_the_agenda(
        qtbot, desk: Desk, unit: int):
    chief, deputy, _ = (m.id for m in desk.members(unit))
    no = desk.submit(unit, deputy, title="新建乡政府停车场", kind="decision", amount="30000",
                     fund_type="regular", presenter_id=deputy)
    desk.approve_submission(unit, no, chief)
    meeting = desk.create_meeting(unit, "party_committee", "2026-11-20T09:00:00+08:00",
                                  "会议室", chief, "郑小玲")
    desk.schedule_submission(meeting, no)
    window = show(qtbot, SubmissionsWindow(desk, unit))
    ui = window.ui
    act_as(window, "徐颖峰")  # not the submitter: the domain says who may
    type_text(qtbot, ui.reasonEdit, "不再上会。")
    click(qtbot, ui.withdrawButton)
    assert ui.actionMessage.text() == DomainError("NOT_SUBMITTER_WITHDRAW", no=no,
                                                  name="李犇").message_zh
    act_as(window, "李犇")
    ui.reasonEdit.clear()
    click(qtbot, ui.withdrawButton)  # no reason: the domain asks for one
    assert ui.actionMessage.text() == "请填写撤回理由。"
    assert window.focusWidget() is ui.reasonEdit
    type_text(qtbot, ui.reasonEdit, "选址需重新论证。")
    click(qtbot, ui.withdrawButton)
    assert not ui.actionMessage.isVisible() and ui.reasonEdit.text() == ""
    assert listed(ui.submissionsTable)[0][-1] == "已撤回"
    assert "撤回理由：选址需重新论证。" in ui.detailLabel.text()
    assert desk.agenda(meeting) == []  # off the agenda of the meeting being prepared
