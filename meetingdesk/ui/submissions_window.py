"""议题申报: the unit's submissions and their status (R13), filing one (the agenda item's own
dialog, filed instead of added), marking its required checks done, the chief's approval or
return, recording when its materials were given, resubmitting a returned one, and its
submitter withdrawing it.

Who acts is chosen explicitly each time (the submitter or the chief): nothing is done in the
name of a member the user did not pick. Every refusal is the domain's, shown beside its field.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QFileDialog, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from meetingdesk.domain import classify
from meetingdesk.domain.agenda import yuan
from meetingdesk.domain.submissions import STATUSES, Submission
from meetingdesk.domain.words import CATEGORIES

from . import feedback, i18n, screen_fit
from .models import fit_rows
from .prepare import ItemDialog, local_minute
from .unit_window import UnitWindow

if TYPE_CHECKING:
    from meetingdesk.services import Desk


def fill_table(table: QTableWidget, headers: list[str], rows: list[list[str]]) -> None:
    """Read-only text rows, the first columns sized to their text, the second one stretched."""
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            table.setItem(r, c, cell)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)


class SubmissionDialog(ItemDialog):
    """The agenda item's dialog filing a submission (or a returned one again) for `member_id`."""

    def __init__(self, desk: "Desk", unit_id: int, member_id: int,
                 submission: Submission | None, parent: QWidget | None = None) -> None:
        super().__init__(desk, unit_id, None, "vote", None, parent)
        self.unit_id, self.member_id, self.submission = unit_id, member_id, submission
        name = self.members[member_id].name
        if submission is None:
            self.setWindowTitle(self.tr("议题申报 — 申报人：%1").replace("%1", name))
        else:
            self.setWindowTitle(self.tr("重新申报第 %1 号 — 申报人：%2")
                                .replace("%1", str(submission.no)).replace("%2", name))
            self._fill(submission.item)
            self._chosen_category = submission.item.category
            self.check()
        self.ui.materialsLabel.setText(self.tr(
            "前置程序的办理材料在申报后逐项登记；列入议程后可附加会议材料。"))

    def save(self, fields: dict[str, Any]) -> int:
        if self.submission is None:
            return self.desk.submit(self.unit_id, self.member_id, **fields)
        self.desk.resubmit(self.unit_id, self.submission.no, self.member_id, **fields)
        return self.submission.no


class SubmissionsWindow(UnitWindow):
    """The unit's 议题申报 list and what the submitter and the chief do with a submission."""

    def __init__(self, desk: "Desk", unit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, unit_id, "submissions_window", parent)
        self.setWindowTitle(self.tr("议题申报 — %1").replace("%1", self.unit_name))
        self.rules = desk.rule_set(unit_id)
        self._submissions: list[Submission] = []
        self._file: str | None = None
        ui = self.ui
        feedback.reserve(ui.actorMessage, 1)  # one line says it
        for label in (ui.actorMessage, ui.actionMessage):
            feedback.clear(label)
        fit_rows(ui.submissionsTable, 4)
        ui.actorCombo.addItem(self.tr("（请选择：申报人或主要负责人）"), None)
        for member in desk.members(unit_id):
            ui.actorCombo.addItem(member.name + (self.tr("（主要负责人）") if member.is_chief
                                                 else ""), member.id)
        now = desk.clock().astimezone()  # the edit shows this computer's local time
        ui.givenEdit.setDateTime(QDateTime(now.replace(tzinfo=None, second=0, microsecond=0)))
        ui.newButton.clicked.connect(lambda: self._open_dialog(None))
        ui.resubmitButton.clicked.connect(lambda: self._open_dialog(self.selected()))
        ui.fileButton.clicked.connect(self._choose_file)
        ui.checkButton.clicked.connect(self.mark_check)
        ui.noteEdit.returnPressed.connect(self.mark_check)
        ui.approveButton.clicked.connect(self.approve)
        ui.returnButton.clicked.connect(self.send_back)
        ui.withdrawButton.clicked.connect(self.withdraw)
        ui.reasonEdit.returnPressed.connect(self.send_back)
        ui.givenButton.clicked.connect(self.materials_given)
        ui.closeButton.clicked.connect(self.close)
        ui.actorCombo.currentIndexChanged.connect(lambda _: feedback.clear(ui.actorMessage))
        ui.submissionsTable.itemSelectionChanged.connect(self._show_selected)
        self.reload()
        fit_rows(ui.checksTable, 4)  # the most a category requires by default, read whole
        ui.checksTable.setMaximumHeight(ui.checksTable.minimumHeight())
        screen_fit.fit(self, 1180, 740)

    # ---- showing -----------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        self._submissions = self.desk.submissions(self.unit_id)
        fill_table(self.ui.submissionsTable, [
            self.tr("序号"), self.tr("议题"), self.tr("申报人"), self.tr("类别"),
            self.tr("金额(元)"), self.tr("状态")], [
            [str(s.no), s.item.title, self._names.get(s.submitter_id, ""),
             i18n.word(CATEGORIES, classify(s.item, self.rules).category),
             yuan(s.item.amount) if s.item.amount is not None else "",
             i18n.word(STATUSES, s.status)] for s in self._submissions])
        numbers = [s.no for s in self._submissions]
        if numbers:
            self.ui.submissionsTable.selectRow(numbers.index(select) if select in numbers else 0)
        self._show_selected()

    def selected(self) -> Submission | None:
        rows = self.ui.submissionsTable.selectionModel().selectedRows()
        return self._submissions[rows[0].row()] if rows else None

    def _show_selected(self) -> None:
        ui, sub = self.ui, self.selected()
        for widget in (ui.resubmitButton, ui.checksBox, ui.approveButton, ui.returnButton,
                       ui.withdrawButton, ui.givenButton):
            widget.setEnabled(sub is not None)
        if sub is None:
            ui.detailLabel.setText(self.tr("还没有申报的议题：选择经办人后点“新申报”。"))
            fill_table(ui.checksTable, [self.tr("前置程序"), self.tr("办理情况")], [])
            return
        lines = [self.tr("第 %1 号“%2”：%3，%4 申报").replace("%1", str(sub.no))
                 .replace("%2", sub.item.title).replace("%3", i18n.word(STATUSES, sub.status))
                 .replace("%4", self._names.get(sub.submitter_id, ""))]
        if sub.returned_reason:
            lines.append(self.tr("退回理由：%1").replace("%1", sub.returned_reason))
        if sub.withdrawn_reason:
            lines.append(self.tr("撤回理由：%1").replace("%1", sub.withdrawn_reason))
        if sub.materials_given:
            lines.append(self.tr("材料送达：%1").replace(
                "%1", local_minute(sub.materials_given)))
        ui.detailLabel.setText("\n".join(lines))
        rows = []
        for check in sub.required_checks:
            done = sub.checks.get(check)
            note = self.tr("未完成") if done is None else (
                f"{done.note}（{self._names.get(done.member_id, '')}）"
                + (self.tr("，附件：%1").replace("%1", done.file) if done.file else ""))
            rows.append([check, note])
        fill_table(ui.checksTable, [self.tr("前置程序"), self.tr("办理情况")], rows)
        if not rows:
            ui.checksBox.setTitle(self.tr("前置程序（本类别无须前置程序）"))
        else:
            ui.checksBox.setTitle(self.tr("前置程序（按议题类别须完成）"))
            pending = [r for r, check in enumerate(sub.required_checks)
                       if check not in sub.checks]
            ui.checksTable.selectRow(pending[0] if pending else 0)

    # ---- acting ------------------------------------------------------------------------------

    def actor(self) -> int | None:
        """The member acting now, as chosen; none chosen is said beside the choice."""
        member = self.ui.actorCombo.currentData()
        if member is None:
            feedback.show_error(self.ui.actorMessage, self.tr(
                "请先选择经办人：申报、登记由申报人办理，同意上会或退回由主要负责人办理。"))
            self.ui.actorCombo.setFocus()
        return member

    def _act(self, action: Callable[[int, Submission], Any], focus: QWidget) -> bool:
        sub, member = self.selected(), self.actor()
        if sub is None or member is None:
            return False
        try:
            action(member, sub)
        except feedback.refusals() as error:
            feedback.show_error(self.ui.actionMessage, error)
            focus.setFocus()
            return False
        feedback.clear(self.ui.actionMessage)
        self.changed.emit(self.unit_id)
        self.reload(select=sub.no)
        return True

    def _open_dialog(self, submission: Submission | None) -> None:
        member = self.actor()
        if member is None:
            return
        dialog = SubmissionDialog(self.desk, self.unit_id, member, submission, self)
        dialog.saved.connect(self._filed)
        dialog.open()

    def _filed(self, no: int) -> None:
        feedback.clear(self.ui.actionMessage)
        self.changed.emit(self.unit_id)
        self.reload(select=no)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择办理材料"))
        self.choose_file(path or None)

    def choose_file(self, path: str | None) -> None:
        self._file = path
        self.ui.fileLabel.setText(self.tr("附件：%1").replace("%1", Path(path).name) if path
                                  else "")

    def mark_check(self) -> None:
        rows = self.ui.checksTable.selectionModel().selectedRows()
        sub = self.selected()
        if not rows or sub is None:
            return
        check = sub.required_checks[rows[0].row()]
        if self._act(lambda member, s: self.desk.mark_check_done(
                self.unit_id, s.no, check, member, self.ui.noteEdit.text(), self._file),
                self.ui.noteEdit):
            self.ui.noteEdit.clear()
            self.choose_file(None)

    def approve(self) -> None:
        self._act(lambda member, s: self.desk.approve_submission(self.unit_id, s.no, member),
                  self.ui.approveButton)

    def send_back(self) -> None:
        if self._act(lambda member, s: self.desk.return_submission(
                self.unit_id, s.no, member, self.ui.reasonEdit.text()), self.ui.reasonEdit):
            self.ui.reasonEdit.clear()

    def withdraw(self) -> None:
        """The submitter withdraws it (R13), with the reason typed beside the buttons; one on
        the agenda of a meeting still being prepared comes off it."""
        if self._act(lambda member, s: self.desk.withdraw_submission(
                self.unit_id, s.no, member, self.ui.reasonEdit.text()), self.ui.reasonEdit):
            self.ui.reasonEdit.clear()

    def materials_given(self) -> None:
        on = self.ui.givenEdit.dateTime().toPython().astimezone()
        self._act(lambda member, s: self.desk.record_materials_given(self.unit_id, s.no, member,
                                                                     on), self.ui.givenEdit)


