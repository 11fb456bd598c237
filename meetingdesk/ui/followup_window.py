"""督办: the tasks that carry out a unit's decisions (R14) — who, by when, where they stand,
the overdue ones marked — assigning a task to a decided item, noting progress, completing or
cancelling it, and the 督办 report of a period as PDF and XLSX.

Every action goes to the services; a refusal is the domain's, shown next to what was refused.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QDate
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFileDialog, QHeaderView, QLabel, QTableWidgetItem, QWidget

from meetingdesk.domain.followup import STATUSES, Task
from meetingdesk.domain.hearings import Hearing

from . import feedback, i18n, prefs, screen_fit
from .models import fit_rows
from .unit_window import UnitWindow

if TYPE_CHECKING:
    from meetingdesk.services import Desk

OVERDUE_BRUSH = QBrush(QColor("#fde2e1"))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: Any) -> date:
    return edit.date().toPython()


class FollowUpWindow(UnitWindow):
    """The unit's 督办 list and what can be done with a task."""

    def __init__(self, desk: "Desk", unit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, unit_id, "followup_window", parent)
        self.setWindowTitle(self.tr("督办 — %1").replace("%1", self.unit_name))
        self._tasks: list[Task] = []
        self._hearings: dict[int, list[Hearing]] = {}
        self._meeting_ids: dict[str, int] = {}
        ui = self.ui
        feedback.reserve(ui.overdueLabel, 1)  # one line says it
        for label in (ui.assignMessage, ui.handleMessage, ui.reportMessage):
            feedback.clear(label)
        ui.tasksTable.setColumnCount(6)
        ui.tasksTable.setHorizontalHeaderLabels([
            self.tr("序号"), self.tr("决定事项"), self.tr("督办事项"), self.tr("责任人"),
            self.tr("办结时限"), self.tr("状态")])
        header = ui.tasksTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        ui.tasksTable.verticalHeader().setVisible(False)
        fit_rows(ui.tasksTable, 4)
        ui.ownerCombo.addItem(self.tr("（由部门负责）"), None)
        ui.byCombo.addItem(self.tr("（请选择经办人）"), None)
        for member in desk.members(unit_id):
            ui.ownerCombo.addItem(member.name, member.id)
            ui.byCombo.addItem(member.name, member.id)
        today = _qdate(desk.clock().date())
        ui.deadlineEdit.setDate(today.addDays(30))
        ui.onEdit.setDate(today)
        ui.startEdit.setDate(QDate(today.year(), 1, 1))
        ui.endEdit.setDate(today)
        ui.assignButton.clicked.connect(self.assign)
        ui.whatEdit.returnPressed.connect(self.assign)
        ui.progressButton.clicked.connect(self.note_progress)
        ui.noteEdit.returnPressed.connect(self.note_progress)
        ui.completeButton.clicked.connect(self.complete)
        ui.cancelButton.clicked.connect(self.cancel)
        ui.exportPdfButton.clicked.connect(lambda: self.export("pdf"))
        ui.exportXlsxButton.clicked.connect(lambda: self.export("xlsx"))
        ui.closeButton.clicked.connect(self.close)
        ui.tasksTable.itemSelectionChanged.connect(self._show_selected)
        self.reload()
        screen_fit.fit(self, 1180, 720)

    # ---- showing -----------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Read the decisions and tasks again and show them; `select` a task by its number."""
        ui = self.ui
        current = ui.decisionCombo.currentData()
        ui.decisionCombo.clear()
        for ref in self.desk.decisions(self.unit_id):
            ui.decisionCombo.addItem(self.tr("%1 第 %2 项：%3").replace("%1", ref.meeting_title)
                                     .replace("%2", str(ref.item_no))
                                     .replace("%3", ref.item_title),
                                     (ref.meeting_uid, ref.item_no))
        if current is not None:
            ui.decisionCombo.setCurrentIndex(max(0, ui.decisionCombo.findData(current)))
        # a decision names its meeting by uid (as the closed record does); tasks go by its id
        self._meeting_ids = {row.uid: row.id for status in ("closed", "filed")
                             for row in self.desk.list_meetings(self.unit_id, status, limit=10**6)}
        today = self.desk.clock().date()
        self._tasks = self.desk.tasks(self.unit_id)
        self._hearings = self.desk.hearings(self.unit_id)
        table = ui.tasksTable
        table.setRowCount(len(self._tasks))
        for row, task in enumerate(self._tasks):
            status = i18n.word(STATUSES, task.status)
            if task.overdue(today):
                status = self.tr("%1（已逾期）").replace("%1", status)
            cells = (str(task.no), f"{task.decision.meeting_title} · {task.decision.item_title}",
                     task.what, self._who(task), task.deadline.isoformat(), status)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if task.overdue(today):
                    cell.setBackground(OVERDUE_BRUSH)
                table.setItem(row, column, cell)
        overdue = sum(t.overdue(today) for t in self._tasks)
        if overdue:
            feedback.show_error(ui.overdueLabel, self.tr("%1 项督办事项已逾期（红色标出）")
                                .replace("%1", str(overdue)))
        elif self._tasks:
            feedback.show_note(ui.overdueLabel, self.tr("没有逾期的督办事项"))
        else:
            feedback.show_note(ui.overdueLabel, self.tr("还没有督办事项：在下方为已作出的决定指派"))
        numbers = [t.no for t in self._tasks]
        if numbers:
            table.selectRow(numbers.index(select) if select in numbers else 0)
        self._show_selected()

    def _who(self, task: "Task") -> str:
        return self._names.get(task.member_id, "") if task.member_id else task.department

    def selected(self) -> "Task | None":
        rows = self.ui.tasksTable.selectionModel().selectedRows()
        return self._tasks[rows[0].row()] if rows else None

    def _show_selected(self) -> None:
        task = self.selected()
        self.ui.handleBox.setEnabled(task is not None and task.status == "open")
        if task is None:
            self.ui.progressLabel.clear()
            return
        lines = [self.tr("进展：") + (self.tr("尚无") if not task.progress else "")]
        lines += [f"{p.on.isoformat()}  {p.note}" for p in task.progress]
        if task.outcome:
            lines.append(f"{i18n.word(STATUSES, task.status)}：{task.outcome}")
        for heard in self._hearings.get(task.no, []):  # R14: the meetings that heard it
            lines.append(self.tr("听取汇报：%1 %2第 %3 项议题").replace(
                "%1", heard.on.isoformat()).replace("%2", heard.meeting_title)
                .replace("%3", str(heard.item_no)))
        self.ui.progressLabel.setText("\n".join(lines))

    # ---- acting ------------------------------------------------------------------------------

    def _try(self, label: QLabel, action: Callable[[], Any], focus: QWidget) -> Any:
        """Run a service call; on a refusal say why next to it and leave the focus there."""
        try:
            result = action()
        except feedback.refusals() as error:
            feedback.show_error(label, error)
            focus.setFocus()
            return None
        feedback.clear(label)
        self.changed.emit(self.unit_id)
        return result if result is not None else True

    def assign(self) -> None:
        ui = self.ui
        key = ui.decisionCombo.currentData()
        if key is None:
            feedback.show_error(ui.assignMessage, self.tr("还没有可督办的决定：会议闭会后，"
                                                          "表决通过或同意的议题才能指派督办"))
            return
        meeting_id = self._meeting_ids[key[0]]
        no = self._try(ui.assignMessage, lambda: self.desk.assign_task(
            meeting_id, key[1], ui.whatEdit.text(), _day(ui.deadlineEdit),
            member_id=ui.ownerCombo.currentData(), department=ui.departmentEdit.text(),
            by=ui.byCombo.currentData()), ui.whatEdit)
        if no:
            ui.whatEdit.clear()
            ui.departmentEdit.clear()
            self.reload(select=no)

    def _handle(self, act: Callable[[int, str, Any], Any]) -> None:
        task = self.selected()
        if task is None:
            return
        ui = self.ui
        if self._try(ui.handleMessage, lambda: act(task.no, ui.noteEdit.text(),
                                                   ui.byCombo.currentData()), ui.noteEdit):
            ui.noteEdit.clear()
            self.reload(select=task.no)

    def note_progress(self) -> None:
        self._handle(lambda no, note, by: self.desk.note_progress(
            self.unit_id, no, _day(self.ui.onEdit), note, by=by))

    def complete(self) -> None:
        self._handle(lambda no, note, by: self.desk.complete_task(self.unit_id, no, note, by=by))

    def cancel(self) -> None:
        self._handle(lambda no, note, by: self.desk.cancel_task(self.unit_id, no, note, by=by))

    def report(self) -> Any:
        return self.desk.followup_report(self.unit_id, _day(self.ui.startEdit),
                                         _day(self.ui.endEdit))

    def export(self, kind: str) -> None:
        """Save the 督办 report of the period chosen, where the user says (at first in the
        documents folder)."""
        from meetingdesk.record.followup_report import render_pdf, render_xlsx
        ui = self.ui
        report = self._try(ui.reportMessage, self.report, ui.startEdit)
        if not report:
            return
        filters = self.tr("PDF 文件 (*.pdf)") if kind == "pdf" else self.tr("Excel 工作簿 (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出督办报告"),
                                              prefs.export_path(f"{report.title}.{kind}"), filters)
        if not path:
            return
        render = render_pdf if kind == "pdf" else render_xlsx
        try:
            Path(path).write_bytes(render(report))
        except OSError as error:
            feedback.show_error(ui.reportMessage, self.tr("未能保存：%1").replace("%1", str(error)))
            return
        prefs.exported_to(path)
        feedback.show_note(ui.reportMessage, self.tr("已导出：%1").replace("%1", path))

