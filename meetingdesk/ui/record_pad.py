"""Signing on screen: a pad that captures handwriting as vector strokes, and the dialog that
stores it in the meeting's log (Desk.add_signature).

Mouse, pen and touch all arrive as mouse events: Qt turns unhandled tablet and touch events into
left-button mouse events, so the pad handles only those. Points are kept in the pad's own
coordinates and normalised when stored: divided by the pad's longer side, so x and y lie in
0..1 and the handwriting keeps its proportions.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from meetingdesk.domain.words import SIGNER_ROLES
from meetingdesk.record.build import SigningPlace
from meetingdesk.services import Desk

from . import feedback, i18n

INK = QColor(13, 26, 89)  # the blue-black the record prints captured signatures in
MIN_STEP = 1.5  # pixels: closer points add nothing but bulk to the log


class SignaturePad(QWidget):
    """A white box to write a signature in with the mouse, a pen or a finger."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(520, 180)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[list[QPointF]] = []
        self._drawing = False

    def clear(self) -> None:
        self._strokes.clear()
        self._drawing = False
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return not self._strokes

    def strokes(self) -> list[list[list[float]]]:
        """The strokes normalised to 0..1 by the pad's longer side, as the log stores them."""
        scale = float(max(self.width(), self.height(), 1))

        def norm(v: float) -> float:
            return round(min(max(v / scale, 0.0), 1.0), 4)

        return [[[norm(p.x()), norm(p.y())] for p in stroke] for stroke in self._strokes]

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._strokes.append([event.position()])
            self._drawing = True
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drawing:
            stroke = self._strokes[-1]
            last, point = stroke[-1], event.position()
            if abs(point.x() - last.x()) + abs(point.y() - last.y()) >= MIN_STEP:
                stroke.append(point)
                self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drawing and event.button() == Qt.MouseButton.LeftButton:
            self._drawing = False
            self.changed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(QColor(150, 150, 150), 1, Qt.PenStyle.DashLine))
        baseline = int(self.height() * 0.75)
        painter.drawLine(12, baseline, self.width() - 12, baseline)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        pen = QPen(INK, 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
            else:
                painter.drawPolyline(stroke)
        painter.end()


class SignDialog(QDialog):
    """One person signs on screen; the signature is stored when they confirm."""

    signed = Signal()

    def __init__(self, desk: Desk, meeting_id: int, place: SigningPlace,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.meeting_id = meeting_id
        self.place = place
        self.setWindowTitle(self.tr("在屏幕上签名"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        role = i18n.word(SIGNER_ROLES, place.role)
        intro = QLabel(self.tr("请 %1（%2）在下框内签名，签好后按“确定”。")
                       .replace("%1", place.name).replace("%2", role), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.pad = SignaturePad(self)
        layout.addWidget(self.pad, 1)
        self.message = QLabel(self)
        feedback.clear(self.message)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.clear_button = QPushButton(self.tr("重写"), self)
        buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.clear_button.clicked.connect(self.pad.clear)
        self.pad.changed.connect(lambda: feedback.clear(self.message))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.pad.is_empty():
            feedback.show_error(self.message, self.tr("请先在框内签名。"))
            return
        try:
            self.desk.add_signature(self.meeting_id, self.place.role, self.place.name,
                                    self.pad.strokes(), member_id=self.place.member_id)
        except feedback.refusals() as error:
            feedback.show_error(self.message, error)
            return
        self.signed.emit()
        super().accept()
