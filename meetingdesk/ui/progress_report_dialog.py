"""督办情况汇报: a meeting in preparation hears how an earlier decision is being carried out
(R14). The recorder picks the decision and the tasks to report on among what the unit's
follow-up log offers (never a cancelled task), the item's title, kind and presenter; the
services link it, and a refusal is the domain's, shown in the dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from meetingdesk.domain.followup import STATUSES, DecisionRef, Task
from meetingdesk.domain.hearings import REPORT_KINDS, report_title
from meetingdesk.domain.words import KINDS

from . import feedback, i18n, screen_fit
from .loader import build_form
from .models import ROW_ROLE

if TYPE_CHECKING:
    from meetingdesk.services import Desk


class ProgressReportDialog(QDialog):
    saved = Signal(int)  # the agenda item's id

    def __init__(self, desk: "Desk", unit_id: int, meeting_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.meeting_id = desk, meeting_id
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("添加督办情况汇报"))
        self._names = {m.id: m.name for m in desk.members(unit_id, include_inactive=True)}
        self.reportable: list[tuple[DecisionRef, list[Task]]] = list(
            desk.reportable(unit_id).items())
        self.ui: Any = build_form("progress_report_dialog", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 9)
        layout.addWidget(screen_fit.scrollable(self.ui))
        layout.addWidget(buttons)
        screen_fit.fit(self, 760, 480)
        ui = self.ui
        self.tasks_model = QStandardItemModel(self)
        ui.tasksView.setModel(self.tasks_model)
        ui.tasksView.setMinimumHeight(4 * (ui.tasksView.fontMetrics().height() + 8))
        for ref, _ in self.reportable:
            ui.decisionCombo.addItem(self.tr("%1 第 %2 项：%3").replace("%1", ref.meeting_title)
                                     .replace("%2", str(ref.item_no))
                                     .replace("%3", ref.item_title))
        for code in REPORT_KINDS:  # a briefing unless the unit wants a decision
            ui.kindCombo.addItem(i18n.word(KINDS, code), code)
        ui.presenterCombo.addItem(self.tr("（未定）"), None)
        for m in desk.members(unit_id):
            ui.presenterCombo.addItem(f"{m.name}　{m.position}", m.id)
        ui.decisionCombo.currentIndexChanged.connect(lambda _: self._show_tasks())
        if not self.reportable:
            feedback.show_note(ui.messageLabel, self.tr(
                "没有可汇报的督办事项：以往会议的决定事项交办督办事项后，才能听取其督办情况汇报。"))
            self.ok_button.setEnabled(False)
        self._show_tasks()

    def _show_tasks(self) -> None:
        """The chosen decision's tasks, each ticked: what, who, by when, where it stands."""
        self.tasks_model.clear()
        index = self.ui.decisionCombo.currentIndex()
        if index < 0:
            return
        ref, tasks = self.reportable[index]
        for task in tasks:
            who = self._names.get(task.member_id, "") if task.member_id else task.department
            row = QStandardItem(self.tr("第 %1 号　%2（%3，%4 前，%5）")
                                .replace("%1", str(task.no)).replace("%2", task.what)
                                .replace("%3", who).replace("%4", task.deadline.isoformat())
                                .replace("%5", i18n.word(STATUSES, task.status)))
            row.setData(task.no, ROW_ROLE)
            row.setCheckable(True)
            row.setCheckState(Qt.CheckState.Checked)
            self.tasks_model.appendRow(row)
        self.ui.titleEdit.setPlaceholderText(report_title(ref.item_title))

    def chosen_tasks(self) -> list[int]:
        model = self.tasks_model
        return [model.item(r).data(ROW_ROLE) for r in range(model.rowCount())
                if model.item(r).checkState() == Qt.CheckState.Checked]

    def accept(self) -> None:
        ui = self.ui
        index = ui.decisionCombo.currentIndex()
        if index < 0:
            return
        ref = self.reportable[index][0]
        try:
            item_id = self.desk.add_progress_report(
                self.meeting_id, ref.meeting_uid, ref.item_no, self.chosen_tasks(),
                ui.titleEdit.text(), ui.kindCombo.currentData(), ui.presenterCombo.currentData())
        except feedback.refusals() as error:
            feedback.show_error(ui.messageLabel, error)
            code = getattr(error, "code", "")
            if code == "REPORT_KIND":
                ui.kindCombo.setFocus()
            else:
                (ui.tasksView if code.startswith("REPORT_") else ui.titleEdit).setFocus()
            return
        self.saved.emit(item_id)
        super().accept()
