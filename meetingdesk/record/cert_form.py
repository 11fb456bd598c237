"""单位数字证书登记表: the paper form a unit prints, signs and seals so that the county can
register its signing certificate by fingerprint (`meetingdesk county register`). The county
compares the fingerprint it is shown with the one on the form, group by group, or scans the QR
code, which holds the fingerprint alone (64 hexadecimal digits).

A4, in the record's faces (fonts.py): the title in 小标宋, labels in 黑体, the rest in 仿宋.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

import qrcode
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (Flowable, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from meetingdesk.record.fonts import find_record_faces
from meetingdesk.record.trust import fingerprint_lines

if TYPE_CHECKING:
    from meetingdesk.services.certificates import UnitCertificate

TITLE = "单位数字证书登记表"
QR_SIZE = 34 * mm
QUIET_MODULES = 4


def qr_matrix(sha256: str) -> list[list[bool]]:
    """The QR code's modules (no quiet zone), dark as True: the fingerprint, upper case, which
    QR's alphanumeric mode packs tighter than lower case."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(sha256.upper())
    code.make(fit=True)
    return code.get_matrix()


class QrCode(Flowable):
    """The QR code drawn as black squares on the page (a reportlab Drawing would set
    Helvetica, a face never embedded)."""

    def __init__(self, sha256: str) -> None:
        super().__init__()
        self.matrix = qr_matrix(sha256)
        self.step = QR_SIZE / len(self.matrix)
        self.quiet = QUIET_MODULES * self.step  # the white border a scanner needs
        self.width = self.height = QR_SIZE + 2 * self.quiet

    def draw(self) -> None:
        self.canv.setFillColor(colors.black)
        top = self.quiet + QR_SIZE
        for y, row in enumerate(self.matrix):
            for x, dark in enumerate(row):
                if dark:
                    self.canv.rect(self.quiet + x * self.step, top - (y + 1) * self.step,
                                   self.step, self.step, stroke=0, fill=1)


def _date(when: datetime) -> str:
    local = when.astimezone()
    return f"{local.year}年{local.month}月{local.day}日"


def registration_form(cert: UnitCertificate, printed: datetime) -> bytes:
    faces = find_record_faces()
    body, title_face, label_face = faces.body.primary, faces.title.primary, faces.heading.primary
    text = ParagraphStyle("form", fontName=body, fontSize=13, leading=20, wordWrap="CJK")
    label = ParagraphStyle("label", text, fontName=label_face)
    title = ParagraphStyle("title", text, fontName=title_face, fontSize=22, leading=32,
                           alignment=TA_CENTER)
    digits = ParagraphStyle("digits", text, fontSize=14, leading=22)
    small = ParagraphStyle("small", text, fontSize=10.5, leading=16)

    def p(value: str, style: ParagraphStyle = text) -> Paragraph:
        return Paragraph(escape(value).replace("\n", "<br/>"), style)

    issuer = f"{cert.issuer}（单位自建证书）" if cert.self_made else f"{cert.issuer}（签发机构）"
    rows = [[p("单位名称", label), p(cert.unit)],
            [p("证书主题", label), p(cert.subject)],
            [p("签发者", label), p(issuer)],
            [p("有效期", label), p(f"{_date(cert.not_before)} 至 {_date(cert.not_after)}")],
            [p("证书指纹\n（SHA-256）", label), p("\n".join(fingerprint_lines(cert.sha256)), digits)],
            [p("指纹二维码", label), QrCode(cert.sha256)]]
    facts = Table(rows, colWidths=(36 * mm, 124 * mm))
    facts.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), body),  # not Helvetica, which is never embedded
        ("GRID", (0, 0), (-1, -1), 0.7, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (1, 5), (1, 5), 8), ("BOTTOMPADDING", (1, 5), (1, 5), 8)]))
    signing = Table(
        [[p("经办人（签名）：", label), p("______________"), p("日期：_____年___月___日")],
         [p("负责人（签名）：", label), p("______________"), p("日期：_____年___月___日")],
         [p("单位（盖章）：", label), p(""), p("")]],
        colWidths=(44 * mm, 46 * mm, 70 * mm), rowHeights=(14 * mm, 14 * mm, 34 * mm))
    signing.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), body),
                                 ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                 ("VALIGN", (0, 2), (-1, 2), "TOP"),
                                 ("BOX", (1, 2), (2, 2), 0.7, colors.black)]))
    story = [p(TITLE, title), p("（会议纪实备案数字签名证书）", ParagraphStyle(
                "sub", text, alignment=TA_CENTER)), Spacer(0, 6 * mm), facts, Spacer(0, 5 * mm),
             p(f"本单位确认：上述证书是{cert.unit}用于会议纪实备案数字签名的证书，证书私钥由本单位"
               "保管；如私钥遗失或泄露，本单位将立即报告县里吊销该证书。"),
             Spacer(0, 4 * mm), signing, Spacer(0, 6 * mm),
             p("县里登记时核对：meetingdesk county register 显示的证书指纹须与本表逐组一致"
               "（或扫描二维码比对）。本表由会议纪实台于"
               f"{printed.astimezone().strftime('%Y-%m-%d %H:%M')}打印。", small)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                      topMargin=22 * mm, bottomMargin=18 * mm,
                      title=f"{cert.unit}{TITLE}", author=cert.unit, lang="zh-CN",
                      creator="MeetingDesk 会议纪实台", initialFontName=body).build(story)
    return out.getvalue()
