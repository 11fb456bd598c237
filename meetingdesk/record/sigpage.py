"""The signature page: lines for wet ink, signatures captured on screen drawn as vector strokes,
and the record fingerprint as text and as a QR code (vector, no images)."""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from meetingdesk.record.layout import (GRID_CELLS, TEXT_WIDTH, PageCount, Styles, para,
                                       table_style)
from meetingdesk.record.minutes import Handwriting, Minutes

ROLE_WIDTH = 22 * mm
NAME_WIDTH = 28 * mm
WET_WIDTH = 44 * mm
DATE_WIDTH = 24 * mm
CAPTURED_WIDTH = TEXT_WIDTH - ROLE_WIDTH - NAME_WIDTH - WET_WIDTH - DATE_WIDTH
ROW_HEIGHT = 15 * mm
QR_SIZE = 30 * mm
INK = colors.Color(0.05, 0.1, 0.35)  # the blue-black of a signing pen


class HandwritingFlowable(Flowable):
    """A captured signature, scaled to fit ``width`` x ``height`` and drawn as pen strokes."""

    def __init__(self, handwriting: Handwriting, width: float, height: float) -> None:
        super().__init__()
        self.handwriting = handwriting
        self.width = width
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        hw = self.handwriting
        pad = 2.0
        scale = min((self.width - 2 * pad) / hw.width, (self.height - 2 * pad) / hw.height)
        x0 = (self.width - hw.width * scale) / 2
        y0 = pad + hw.height * scale  # screen y grows downwards, PDF y upwards

        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1.1)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        for stroke in hw.strokes:
            if not stroke:
                continue
            path = canvas.beginPath()
            (x, y), *rest = stroke
            path.moveTo(x0 + x * scale, y0 - y * scale)
            for x, y in rest or [(x, y)]:  # a lone point is a dot: a round-capped zero line
                path.lineTo(x0 + x * scale, y0 - y * scale)
            canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()


def qr_code(value: str, size: float, font: str) -> Drawing:
    """A QR code of ``value`` as vector squares, ``size`` points wide. (``font`` only replaces
    the drawing's default Helvetica, which would otherwise be listed as an unembedded font.)"""
    drawing = Drawing(size, size, initialFontName=font)
    drawing.add(QrCodeWidget(value, barWidth=size, barHeight=size, barLevel="M", barBorder=2))
    return drawing


def signature_section(m: Minutes, styles: Styles) -> list[Flowable]:
    """The last page(s): who signs, where, and the fingerprint to check the paper against
    (the QR code holds the fingerprint's 64 hex digits and nothing else)."""
    header = [para(text, styles.table) for text in ("职责", "姓名", "签字", "日期", "屏幕签名")]
    rows: list[list] = [header]
    for signer in m.signers:
        captured: list[Flowable] = []
        if signer.handwriting:
            captured = [
                HandwritingFlowable(signer.handwriting, CAPTURED_WIDTH - 6, ROW_HEIGHT * 0.6),
                para(signer.signed_at or "", styles.small)]
        rows.append([para(signer.role_label, styles.table), para(signer.name, styles.table),
                     "", "", captured])
    table = Table(rows, colWidths=[ROLE_WIDTH, NAME_WIDTH, WET_WIDTH, DATE_WIDTH, CAPTURED_WIDTH],
                  rowHeights=[None] + [ROW_HEIGHT] * len(m.signers), repeatRows=1)
    table.setStyle(table_style(styles.font, *GRID_CELLS))

    check = Table(
        [[qr_code(m.fingerprint, QR_SIZE, styles.font),
          [para("记录指纹（SHA-256）：", styles.small), para(m.fingerprint, styles.small),
           Spacer(1, 4),
           PageCount("本纪实共", "页（含本页），每页页脚印有上列指纹。", styles.small),
           para("本纪实由会议纪实台根据会议事件记录生成。将上列指纹与系统中该次会议的记录核对，"
                "可查验纸质件、PDF 文件与数据库是否一致；签字后如有更正，须重新签字。",
                styles.small)]]],
        colWidths=[QR_SIZE + 6 * mm, TEXT_WIDTH - QR_SIZE - 6 * mm], hAlign="LEFT")
    check.setStyle(table_style(styles.font, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)))
    return [PageBreak(), para("签　字", styles.title), check, Spacer(1, 6 * mm), table]
