"""Checking the time (时间核对): shown when the services refuse an entry because the laptop's
clock is in doubt. The recorder confirms the time or corrects it with a reason; the rules
decide whether that is enough, and a refusal is shown in the dialog, which stays open."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QDateTime, QObject, Signal
from PySide6.QtWidgets import (QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QLineEdit,
                               QWidget)

from meetingdesk.domain import DomainError
from meetingdesk.store import StoreError

from . import feedback
from .console_forms import child
from .console_words import translate
from .loader import build_form

# submit(time stated, reason) records the confirmation or correction through the Desk.
Submit = Callable[[datetime, str], object]


class ClockCheck(QObject):
    """forms/clock_dialog.ui, filled from the refusal that asked for it."""

    confirmed = Signal()

    def __init__(self, parent: QWidget, refusal: DomainError, english: bool,
                 submit: Submit) -> None:
        super().__init__(parent)
        self.english = english
        self.submit = submit
        self.dialog: QDialog = build_form("clock_dialog", parent)  # type: ignore[assignment]
        child(self.dialog, QLabel, "introLabel").setText(refusal.message("en" if english else "zh"))
        self.time_edit = child(self.dialog, QDateTimeEdit, "timeEdit")
        suggested = datetime.fromisoformat(refusal.params["suggested"])
        self.tz = suggested.tzinfo
        self.time_edit.setDateTime(QDateTime(suggested.replace(tzinfo=None)))
        self.reason_edit = child(self.dialog, QLineEdit, "reasonEdit")
        self.message = child(self.dialog, QLabel, "messageLabel")
        feedback.reserve(self.message)
        self.message.hide()
        buttons = child(self.dialog, QDialogButtonBox, "buttonBox")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Console", "确认"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("Console", "取消"))
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.dialog.reject)
        self.reason_edit.returnPressed.connect(self._ok)

    def open(self) -> None:
        self.dialog.open()
        self.time_edit.setFocus()

    def stated(self) -> datetime:
        return self.time_edit.dateTime().toPython().replace(tzinfo=self.tz)

    def _ok(self) -> None:
        try:
            self.submit(self.stated(), self.reason_edit.text())
        except (DomainError, StoreError) as error:
            self.message.setText(error.message("en" if self.english else "zh"))
            self.message.show()
            self.reason_edit.setFocus()
            return
        self.dialog.accept()
        self.confirmed.emit()
