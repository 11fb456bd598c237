"""Nothing typed is lost: text the recorder has not confirmed yet is kept as a draft.

A draft is saved one second after typing stops, when the editor loses focus and when the console
closes (a stance the moment it is chosen), under a key naming the meeting's item, member and field (e.g. "item:2/member:6/words").
Reopening the console puts every draft back into its editor; confirming an entry clears it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QLineEdit, QPlainTextEdit

from meetingdesk.domain import Meeting
from meetingdesk.store import StoreError

from .console_forms import uncheck
from .console_words import Words, translate

if TYPE_CHECKING:
    from meetingdesk.services import Desk

SAVE_AFTER_MS = 1000

FIELDS = {
    "words": QT_TRANSLATE_NOOP("Console", "发言"),
    "reason": QT_TRANSLATE_NOOP("Console", "理由"),
    "stance": QT_TRANSLATE_NOOP("Console", "表态"),
    "head_decision": QT_TRANSLATE_NOOP("Console", "主要负责人的决定选项"),
    "report": QT_TRANSLATE_NOOP("Console", "汇报"),
    "summary": QT_TRANSLATE_NOOP("Console", "小结"),
    "division": QT_TRANSLATE_NOOP("Console", "暂缓或继续表决的理由"),
    "decision": QT_TRANSLATE_NOOP("Console", "决定"),
    "head_text": QT_TRANSLATE_NOOP("Console", "主要负责人的决定"),
    "head_reason": QT_TRANSLATE_NOOP("Console", "决定的理由"),
    "absent_reason": QT_TRANSLATE_NOOP("Console", "缺席原因"),
    "scrutineers": QT_TRANSLATE_NOOP("Console", "监票人"),
    "counters": QT_TRANSLATE_NOOP("Console", "计票人"),
    "remark": QT_TRANSLATE_NOOP("Console", "程序性发言"),
    "written": QT_TRANSLATE_NOOP("Console", "书面意见"),
    "written_reason": QT_TRANSLATE_NOOP("Console", "书面意见的理由"),
    "recusal": QT_TRANSLATE_NOOP("Console", "回避理由"),
    "leave": QT_TRANSLATE_NOOP("Console", "离会原因"),
    "defer": QT_TRANSLATE_NOOP("Console", "缓议理由"),
}


def draft_key(field: str, item_no: int | None = None, member_id: int | None = None) -> str:
    parts = ([f"item:{item_no}"] if item_no is not None else []) + (
        [f"member:{member_id}"] if member_id is not None else []) + [field]
    return "/".join(parts)


def describe(key: str, state: Meeting) -> str:
    """'item:2/member:6/words' -> '第 2 项 赵燊的发言'."""
    where = []
    field = key.rsplit("/", 1)[-1]
    for part in key.split("/")[:-1]:
        kind, _, value = part.partition(":")
        if kind == "item" and value.isdigit():
            where.append(translate("Console", "第 {no} 项").format(no=value))
        elif kind == "member" and value.isdigit():
            where.append(state.name(int(value)))
    kind, _, no = field.partition("_")
    if kind == "reason" and no.isdigit():
        label = translate("Console", "对第 {no} 位人选的理由").format(no=no)
    elif kind == "stance" and no.isdigit():
        label = translate("Console", "对第 {no} 位人选的表态").format(no=no)
    else:
        label = translate("Console", FIELDS[field]) if field in FIELDS else field
    return " ".join(where) + (translate("Console", "的") if where else "") + label


class Drafts(QObject):
    """The drafts of one meeting: what the database holds, and the editors bound to them."""

    failed = Signal(str)  # a draft could not be saved: the message to show

    def __init__(self, desk: "Desk", meeting_id: int, words: Words,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.meeting_id = meeting_id
        self.words = words
        self.stored: dict[str, str] = desk.drafts(meeting_id)
        self.restored = sorted(self.stored)  # offered back when the console opens
        self.fields: list[Draft] = []

    def text(self, key: str) -> str:
        return self.stored.get(key, "")

    def save(self, key: str, text: str) -> None:
        if self.stored.get(key, "") == text:
            return
        try:
            self.desk.save_draft(self.meeting_id, key, text)
        except StoreError as error:
            self.failed.emit(self.words.error(error))
            return
        if text:
            self.stored[key] = text
        else:
            self.stored.pop(key, None)

    def bind(self, editor: QLineEdit | QPlainTextEdit) -> "DraftField":
        field = DraftField(self, editor)
        self.fields.append(field)
        return field

    def bind_choice(self, group: QButtonGroup,
                    buttons: dict[str, QAbstractButton]) -> "DraftChoice":
        choice = DraftChoice(self, group, buttons)
        self.fields.append(choice)
        return choice

    def release(self, field: "Draft") -> None:
        """The editor is going away (a dialog closed): keep its text, stop following it."""
        field.save()
        self.fields.remove(field)

    def flush(self) -> None:
        for field in self.fields:
            field.save()

    def discard(self) -> None:
        """Drop every draft of the meeting and empty the bound editors."""
        try:
            self.desk.clear_drafts(self.meeting_id)
        except StoreError as error:
            self.failed.emit(self.words.error(error))
            return
        self.stored.clear()
        for field in self.fields:
            field.reload()


class Draft(QObject):
    """One input whose unconfirmed value is kept under a key that follows what it is for."""

    def __init__(self, drafts: Drafts, parent: QObject) -> None:
        super().__init__(parent)
        self.drafts = drafts
        self.key: str | None = None
        self._loading = False

    def text(self) -> str:
        """The value as stored ("" for none)."""
        raise NotImplementedError

    def _set_text(self, text: str) -> None:
        raise NotImplementedError

    def set_key(self, key: str | None) -> None:
        """Point the input at another entry: keep what was given, show the new one's draft."""
        if key == self.key:
            return
        self.save()
        self.key = key
        self.reload()

    def reload(self) -> None:
        self._loading = True
        self._set_text(self.drafts.text(self.key) if self.key else "")
        self._loading = False

    def save(self) -> None:
        if self.key is not None:
            self.drafts.save(self.key, self.text())

    def confirmed(self) -> None:
        """The entry is recorded: its draft is no longer needed."""
        self._loading = True
        self._set_text("")
        self._loading = False
        if self.key is not None:
            self.drafts.save(self.key, "")


class DraftField(Draft):
    """An editor, saved a second after typing stops and when it loses the focus."""

    def __init__(self, drafts: Drafts, editor: QLineEdit | QPlainTextEdit) -> None:
        super().__init__(drafts, editor)
        self.editor = editor
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.save)
        editor.textChanged.connect(self._typed)
        editor.installEventFilter(self)

    def text(self) -> str:
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.toPlainText()
        return self.editor.text()

    def reload(self) -> None:
        self._timer.stop()
        super().reload()

    def save(self) -> None:
        self._timer.stop()
        super().save()

    def confirmed(self) -> None:
        self._timer.stop()
        super().confirmed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.save()
        return False

    def _typed(self) -> None:
        if not self._loading and self.key is not None:
            self._timer.start()

    def _set_text(self, text: str) -> None:
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText(text)
        else:
            self.editor.setText(text)


class DraftChoice(Draft):
    """A choice of buttons (a stance), saved the moment it is made: its code, or "" for none."""

    def __init__(self, drafts: Drafts, group: QButtonGroup,
                 buttons: dict[str, QAbstractButton]) -> None:
        super().__init__(drafts, group)
        self.group = group
        self.buttons = buttons
        group.buttonToggled.connect(self._toggled)

    def text(self) -> str:
        return next((code for code, b in self.buttons.items() if b.isChecked()), "")

    def _set_text(self, text: str) -> None:
        uncheck(self.group)
        if text in self.buttons:
            self.buttons[text].setChecked(True)

    def _toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked and not self._loading:
            self.save()
