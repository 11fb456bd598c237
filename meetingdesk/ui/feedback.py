"""Showing refusals and notices: a rule's refusal changes nothing and is explained in words."""

from __future__ import annotations

import math
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from . import i18n

ERROR_STYLE = "color: #a3120b; background: #fde2e1; padding: 6px; border-radius: 4px;"
NOTE_STYLE = "color: #1d4e89; background: #e3eefb; padding: 6px; border-radius: 4px;"


def refusals() -> tuple[type[Exception], ...]:
    """The errors that mean "refused, nothing was changed", each with message_zh/message_en.
    Imported on first use, so that start-up does not load the rules and the database layer."""
    from meetingdesk.domain import DomainError
    from meetingdesk.services.roster_import import RosterError
    from meetingdesk.store import StoreError
    return DomainError, StoreError, RosterError


def tell(parent: QWidget, title: str, text: str,
         icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
    """A window-modal message that does not block the caller (open(), not exec())."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box


def refuse(parent: QWidget, error: BaseException, title: str = "") -> QMessageBox:
    title = title or QCoreApplication.translate("Feedback", "未能完成")
    return tell(parent, title, i18n.message(error))


def reserve(label: QLabel, lines: int | None = None) -> None:
    """Keep a message label's room while it is empty or hidden, so that a message appearing
    or going away never moves the buttons under the user's pointer (issue 13, point 12). A
    message longer than `lines` lines (default: as reserved before, else 2) still gets the
    room it needs. A label last in its column moves nothing: it reserves 0 lines."""
    if lines is None:
        lines = label.property("reservedLines")
        lines = 2 if lines is None else int(lines)
    label.setProperty("reservedLines", lines)
    policy = label.sizePolicy()
    if not policy.retainSizeWhenHidden():
        policy.setRetainSizeWhenHidden(True)
        label.setSizePolicy(policy)
    label.setWordWrap(True)
    padding = 2 * 6 + 2 + 1  # the styles' padding and border, and the text layout's rounding
    # Lines are laid out at the font's fractional spacing (27.5 px at 14 pt): whole pixels per
    # line would fall short by a pixel or two, and a two-line message would still move things.
    spacing = QFontMetricsF(label.font()).lineSpacing()
    label.setMinimumHeight(math.ceil(lines * spacing) + padding if lines else 0)


def show_error(label: QLabel, error: BaseException | str) -> None:
    """Explain a refusal in an inline label next to what was refused."""
    reserve(label)
    label.setText(error if isinstance(error, str) else i18n.message(error))
    label.setStyleSheet(ERROR_STYLE)
    label.setVisible(True)


def show_note(label: QLabel, text: str) -> None:
    reserve(label)
    label.setText(text)
    label.setStyleSheet(NOTE_STYLE)
    label.setVisible(bool(text))


def clear(label: QLabel) -> None:
    reserve(label)
    label.clear()
    label.setVisible(False)


def confirm(parent: QWidget, title: str, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """Ask before an action that cannot be undone, without blocking; `on_yes` runs on 是."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    yes = box.button(QMessageBox.StandardButton.Yes)
    box.finished.connect(lambda _: on_yes() if box.clickedButton() is yes else None)
    box.open()
    return box
