"""取消会议: a prepared meeting that will not take place is cancelled with a reason, never
deleted (R11). Its number stays taken and the list shows why the meeting has no record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from . import feedback

if TYPE_CHECKING:
    from meetingdesk.services import Desk, MeetingRow


class CancelMeetingDialog(QDialog):
    """Asks the reason (and who cancels); the services refuse what the rules do not allow."""

    cancelled = Signal(int)  # the meeting's id, once its cancellation is stored

    def __init__(self, desk: "Desk", meeting: "MeetingRow", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.meeting_id = meeting.id
        self.setWindowTitle(self.tr("取消会议"))
        intro = QLabel(self.tr(
            "“%1”不再召开。取消后会议不删除，编号（第 %2 次）保留不补，会议列表显示取消原因；"
            "取消后不能再修改或开始。").replace("%1", meeting.title)
            .replace("%2", str(meeting.number)))
        intro.setObjectName("introLabel")
        intro.setWordWrap(True)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("例如：主要负责人赴县参加紧急会议，改期召开"))
        self.reason_edit.setTabChangesFocus(True)
        self.by_edit = QLineEdit(meeting.recorder, self)
        self.by_edit.setObjectName("byEdit")
        self.message = QLabel(self)
        self.message.setObjectName("messageLabel")
        feedback.clear(self.message)  # its room kept: the buttons stay where they are
        form = QFormLayout()
        form.addRow(self.tr("取消原因（必填）："), self.reason_edit)
        form.addRow(self.tr("经办人："), self.by_edit)
        buttons = QDialogButtonBox(self)
        buttons.setObjectName("buttonBox")
        self.ok_button = buttons.addButton(self.tr("取消会议"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("返回"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(520, self.sizeHint().height())
        self.reason_edit.setFocus()

    def accept(self) -> None:
        try:
            self.desk.cancel_meeting(self.meeting_id, self.reason_edit.toPlainText(),
                                     self.by_edit.text())
        except feedback.refusals() as error:
            feedback.show_error(self.message, error)
            empty_by = not self.by_edit.text().strip() and self.reason_edit.toPlainText().strip()
            (self.by_edit if empty_by else self.reason_edit).setFocus()
            return
        self.cancelled.emit(self.meeting_id)
        super().accept()
