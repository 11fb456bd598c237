"""The console's small dialogs, for entries that can come at any moment: a late arrival, an early
leave, a remark, a recusal, a written opinion, a deferral, an amendment, a reconsideration; and
the speaking order.

They open without blocking (QDialog.open). A refusal of the rules is shown inside the dialog,
which stays open with everything typed; texts are kept as drafts like the console's own.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QSpinBox, QTimeEdit, QWidget)

from meetingdesk.domain import DomainError
from meetingdesk.store import StoreError

from . import feedback, screen_fit
from .console_candidates import CandidateStances
from .console_drafts import DraftField, Drafts
from .console_forms import child
from .console_words import Words, translate
from .loader import build_form

ROWS = ("person", "item", "stance", "time", "text", "reason", "candidates", "counts")


def _name_buttons(buttons: QDialogButtonBox, ok: Callable[[], None],
                  cancel: Callable[[], None]) -> None:
    """Our own words on the buttons, whatever Qt translation is installed."""
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Console", "确认"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("Console", "取消"))
    buttons.accepted.connect(ok)
    buttons.rejected.connect(cancel)


class EntryDialog(QObject):
    """One form (forms/console_dialog.ui) showing only the rows an entry needs.

    `submit` records the entry through the Desk; if the rules refuse it, the message appears in
    the dialog. `recorded` is emitted once the entry is stored."""

    recorded = Signal()

    def __init__(self, parent: QWidget, words: Words, drafts: Drafts, title: str, intro: str,
                 rows: dict[str, str], submit: Callable[["EntryDialog"], Any],
                 draft_keys: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.words = words
        self.drafts = drafts
        self.dialog: QDialog = build_form("console_dialog", parent)  # type: ignore[assignment]
        self.dialog.setWindowTitle(title)
        self.submit = submit
        form = child(self.dialog, QFormLayout, "entryForm")
        child(self.dialog, QLabel, "introLabel").setText(intro)
        self.person = child(self.dialog, QComboBox, "personCombo")
        self.item = child(self.dialog, QComboBox, "itemCombo")
        self.stance = child(self.dialog, QComboBox, "stanceCombo")
        self.time_edit = child(self.dialog, QTimeEdit, "timeEdit")
        self.text_edit = child(self.dialog, QPlainTextEdit, "textEdit")
        self.reason_edit = child(self.dialog, QLineEdit, "reasonEdit")
        self.message = child(self.dialog, QLabel, "messageLabel")
        feedback.reserve(self.message)
        self.candidates = CandidateStances(child(self.dialog, QWidget, "candidatesBox"))
        # candidates' rows go after the words in the tab order
        self.tab_span = (self.text_edit, child(self.dialog, QDialogButtonBox, "buttonBox"))
        self.counts = {key: child(self.dialog, QSpinBox, f"{key}Spin")
                       for key in ("agree", "disagree", "abstain")}
        self._form = form
        self.shown: set[str] = set()
        for row in ROWS:
            label = child(self.dialog, QLabel, f"{row}Label")
            if row in rows:
                label.setText(rows[row])
        self.show_rows(*rows)
        self._default_time = QTime()
        self._unpicked: dict[QComboBox, str] = {}  # choice -> what to say while none is made
        self.fields: list[DraftField] = []
        for row, key in (draft_keys or {}).items():
            field = drafts.bind(self.text_edit if row == "text" else self.reason_edit)
            field.set_key(key)
            self.fields.append(field)
        _name_buttons(child(self.dialog, QDialogButtonBox, "buttonBox"), self._ok,
                      self.dialog.reject)
        for field in (self.dialog, *self.dialog.findChildren(QWidget)):
            field.installEventFilter(self)  # Ctrl+Enter confirms, as in the console
        self.dialog.finished.connect(self._finished)

    def open(self) -> None:
        self.dialog.open()
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in any field records the entry, before the text box takes it as a new
        line or the console's own Ctrl+Enter takes it as its shortcut."""
        if (event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self._ok()
            return True
        return False

    def show_rows(self, *shown: str) -> None:
        """Show only the rows named (e.g. per-candidate stances for an appointment item)."""
        self.shown = set(shown)
        for row in ROWS:
            self._form.setRowVisible(child(self.dialog, QLabel, f"{row}Label"), row in shown)
        self._fit()

    def _fit(self) -> None:
        """Take the size the rows shown need (candidates' rows are added after the form): wide
        enough for the grounds per candidate, as tall as the wrapped texts need at that width."""
        self.dialog.ensurePolished()
        layout = self.dialog.layout()
        layout.activate()
        wide = 920 if "candidates" in self.shown else 0
        width = max(self.dialog.width(), self.dialog.sizeHint().width(), wide)
        height = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
                  else self.dialog.sizeHint().height())
        room = screen_fit.room(self.dialog)  # never wider or taller than the screen
        self.dialog.resize(min(width, room.width()),
                           min(max(height, self.dialog.minimumSizeHint().height()),
                               room.height()))

    def fill(self, combo: QComboBox, choices: list[tuple[str, Any]], current: Any = None) -> None:
        for text, data in choices:
            combo.addItem(text, data)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))

    def offer(self, combo: QComboBox, choices: list[tuple[str, Any]], prompt: str,
              missing: str) -> None:
        """Choices of which none is assumed (a stance): the combo starts empty showing `prompt`,
        and the dialog refuses to record, saying `missing`, until one is picked."""
        self.fill(combo, choices)
        combo.setPlaceholderText(prompt)
        combo.setCurrentIndex(-1)
        self._unpicked[combo] = missing

    def set_time(self, when: datetime) -> None:
        self._default_time = QTime(when.hour, when.minute)
        self.time_edit.setTime(self._default_time)

    def chosen_time(self, today: datetime) -> datetime | None:
        """The time typed, on today's date in the zone of `today`; None (meaning "now", to the
        second) while the recorder has left the proposed time as it was."""
        if self.time_edit.time() == self._default_time:
            return None
        picked: time = self.time_edit.time().toPython()  # type: ignore[assignment]
        return datetime.combine(today.date(), picked, today.tzinfo)

    def _ok(self) -> None:
        for combo, missing in self._unpicked.items():
            if combo.currentIndex() < 0 and combo.isVisibleTo(self.dialog):
                self._refuse(missing)
                combo.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        try:
            self.submit(self)
        except (DomainError, StoreError) as error:
            self._refuse(self.words.error(error))
            if "candidates" in self.shown:
                self.candidates.focus_incomplete()
            return
        for field in self.fields:
            field.confirmed()
        self.recorded.emit()
        self.dialog.accept()

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)

    def _finished(self) -> None:
        for field in self.fields:
            self.drafts.release(field)
        self.dialog.deleteLater()


class OrderDialog(QObject):
    """The chair's speaking order for an item (forms/console_order.ui), before opinions start."""

    recorded = Signal()

    def __init__(self, parent: QWidget, words: Words, members: list[tuple[int, str]],
                 submit: Callable[[list[int]], Any]) -> None:
        super().__init__(parent)
        self.words = words
        self.submit = submit
        self.dialog: QDialog = build_form("console_order", parent)  # type: ignore[assignment]
        self.list = child(self.dialog, QListWidget, "orderList")
        for member_id, name in members:
            entry = QListWidgetItem(name)
            entry.setData(Qt.ItemDataRole.UserRole, member_id)
            self.list.addItem(entry)
        self.list.setCurrentRow(0)
        self.message = child(self.dialog, QLabel, "messageLabel")
        feedback.reserve(self.message)
        child(self.dialog, QPushButton, "upButton").clicked.connect(lambda: self._move(-1))
        child(self.dialog, QPushButton, "downButton").clicked.connect(lambda: self._move(1))
        _name_buttons(child(self.dialog, QDialogButtonBox, "buttonBox"), self._ok,
                      self.dialog.reject)
        self.dialog.finished.connect(self.dialog.deleteLater)

    def open(self) -> None:
        self.dialog.open()

    def order(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        self.list.insertItem(target, self.list.takeItem(row))
        self.list.setCurrentRow(target)

    def _ok(self) -> None:
        try:
            self.submit(self.order())
        except (DomainError, StoreError) as error:
            self.message.setText(self.words.error(error))
            self.message.setVisible(True)
            return
        self.recorded.emit()
        self.dialog.accept()
