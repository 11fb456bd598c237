"""The 四性 check report of one verified file (DA/T 70: authenticity, integrity, usability,
security): a PDF for the archive's file, and XML with the same content for programs."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

from meetingdesk.record.fonts import find_cjk_font, register_font
from meetingdesk.record.verify import ASPECTS, STATUS_LABELS, Verdict, aspect_name, summary_lines

KINDS = {"pdf": "会议纪实 PDF", "package": "备案包", "unknown": "无法识别的文件"}
CHINESE_ORDINALS = "一二三四"


def report_xml(verdict: Verdict, file_name: str, checked_at: datetime) -> bytes:
    s = verdict.summary
    root = ET.Element("check-report", {"standard": "DA/T 70", "version": "1"})
    ET.SubElement(root, "file", {"kind": verdict.kind}).text = file_name
    ET.SubElement(root, "checked-at").text = checked_at.isoformat(timespec="seconds")
    ET.SubElement(root, "outcome", {"status": verdict.status, "exit-code": str(verdict.exit_code)}
                  ).text = STATUS_LABELS[verdict.status][0]
    record = ET.SubElement(root, "record")
    for tag, value in (("unit", s.unit), ("meeting", s.meeting), ("date", s.date),
                       ("pages", "" if s.pages is None else str(s.pages)),
                       ("fingerprint", verdict.fingerprint),
                       ("certificate-sha256", verdict.certificate_sha256)):
        ET.SubElement(record, tag).text = value
    for signer in s.signers:
        ET.SubElement(record, "signer", {"role": signer.role, "name": signer.name,
                                         "state": signer.state})
    if s.followup is not None:  # the 督办 log a package carries, as of its last entry
        f = s.followup
        ET.SubElement(root, "followup", {"tasks": str(f.tasks), "open": str(f.open),
                                         "overdue": str(f.overdue), "done": str(f.done),
                                         "cancelled": str(f.cancelled), "as-of": f.as_of}
                      ).text = f.line("zh")
    for aspect in ASPECTS:
        group = ET.SubElement(root, "aspect", {"name": aspect, "label": aspect_name(aspect, "zh")})
        for f in (f for f in verdict.findings if f.aspect == aspect):
            finding = ET.SubElement(group, "finding", {"ok": "true" if f.ok else "false"})
            ET.SubElement(finding, "text", {"lang": "zh"}).text = f.text
            if f.en:
                ET.SubElement(finding, "text", {"lang": "en"}).text = f.en
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def report_pdf(verdict: Verdict, file_name: str, checked_at: datetime) -> bytes:
    font = register_font(find_cjk_font())
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=26, alignment=TA_CENTER)
    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER)
    heading = ParagraphStyle("heading", parent=body, fontSize=13, leading=20, spaceBefore=8,
                             spaceAfter=4)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), style)

    facts = [("被检文件", file_name), ("文件类型", KINDS[verdict.kind]),
             ("检测时间", checked_at.strftime("%Y-%m-%d %H:%M:%S %z")),
             ("检测结论", STATUS_LABELS[verdict.status][0])]
    facts += [tuple(line.split("：", 1)) for line in summary_lines(verdict, "zh")]
    if verdict.fingerprint:
        facts.append(("记录指纹", verdict.fingerprint))
    if verdict.certificate_sha256:
        facts.append(("签名证书指纹", verdict.certificate_sha256))
    story = [p("电子文件四性检测报告", title), p("（会议纪实备案）", centred), Spacer(0, 4 * mm),
             _table([[p(k), p(v)] for k, v in facts], (32 * mm, 138 * mm), font)]
    for n, aspect in enumerate(ASPECTS):
        story.append(p(f"{CHINESE_ORDINALS[n]}、{aspect_name(aspect, 'zh')}检测", heading))
        found = [f for f in verdict.findings if f.aspect == aspect]
        rows = ([[p("通过" if f.ok else "不通过"), p(f.text)] for f in found]
                or [[p("未检测"), p("文件无法读取或前一步检查未通过，此项未能检测")]])
        story.append(_table(rows, (20 * mm, 150 * mm), font,
                            failed=[i for i, f in enumerate(found) if not f.ok]))
    story += [Spacer(0, 6 * mm), p("本报告由会议纪实台（meetingdesk verify）生成；"
                                   "同名 .xml 文件为供程序读取的同一内容。")]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                      topMargin=20 * mm, bottomMargin=20 * mm, title="电子文件四性检测报告",
                      author="MeetingDesk 会议纪实台", lang="zh-CN", initialFontName=font
                      ).build(story)
    return out.getvalue()


def _table(rows: list[list[Paragraph]], widths: tuple[float, float], font: str,
           failed: Sequence[int] = ()) -> Table:
    table = Table(rows, colWidths=widths)
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("FONTNAME", (0, 0), (-1, -1), font)]
    style += [("BACKGROUND", (0, i), (0, i), colors.Color(1, 0.85, 0.85)) for i in failed]
    table.setStyle(TableStyle(style))
    return table
