"""A refusal shown next to the field it is about (请填写“不同意”的依据和理由。 under the reason
box), over the window rather than in its layout, so that nothing moves under the pointer. It goes
when the field is edited or the next message is shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QLabel, QWidget

from .feedback import ERROR_STYLE


class FieldNote(QLabel):
    """One note for a window: under a line edit (above it near the window's bottom), inside
    the bottom corner of a text box, so that it hides no button."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("fieldNoteLabel")
        self.setStyleSheet(ERROR_STYLE + "border: 1px solid #e5a4a4;")
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.field: QWidget | None = None
        self.hide()

    def show_at(self, field: QWidget, text: str) -> None:
        self._forget()
        self.field = field
        field.installEventFilter(self)
        self.setText(text)
        window = self.parentWidget()
        box = field.height() >= 3 * (self.fontMetrics().height() + 16)
        width = min(field.width() - 8, 520) if box else max(field.width(), 320)
        self.setFixedWidth(min(width, window.width()))
        self.adjustSize()
        if box:  # a text box: in its own bottom corner
            spot = field.mapTo(window, QPoint(field.width() - self.width() - 4,
                                              field.height() - self.height() - 4))
        else:  # a line: under it, or above it near the window's bottom
            below = field.mapTo(window, QPoint(0, field.height() + 2))
            above = field.mapTo(window, QPoint(0, -self.height() - 2))
            spot = below if below.y() + self.height() <= window.height() else above
        x = max(0, min(spot.x(), window.width() - self.width()))
        self.move(x, spot.y())
        self.raise_()
        self.show()

    def hide(self) -> None:
        self._forget()
        super().hide()

    def _forget(self) -> None:
        if self.field is not None:
            self.field.removeEventFilter(self)
            self.field = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.InputMethod, QEvent.Type.Hide):
            self.hide()
        return False
