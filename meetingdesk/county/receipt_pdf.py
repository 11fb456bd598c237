"""The 回执 of one receipt batch: an A4 PDF for the units and the county's file, listing every
package received with its outcome, and every reason a package was refused."""

from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from meetingdesk.county.models import Archive
from meetingdesk.county.receipt import ACCEPTED, ALREADY, REFUSED, STATUS_WORDS, Batch
from meetingdesk.record.fonts import find_cjk_font, register_font
from meetingdesk.store.database import Database

REFUSED_SHADE = colors.Color(1, 0.85, 0.85)
SHOWN_REASONS = 20  # a package's reasons printed; the rest stay with the refused package


def receipt_pdf(archive: Database, batch: Batch) -> bytes:
    with archive.session() as session:
        county = session.get(Archive, 1)
        county_name = county.name if county else ""
    font = register_font(find_cjk_font())
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=11)
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=26, alignment=TA_CENTER)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    received = datetime.fromisoformat(batch.received_at).strftime("%Y-%m-%d %H:%M")
    counts = (f"共 {len(batch.outcomes)} 个备案包：受理 {batch.count(ACCEPTED)} 个，"
              f"拒收 {batch.count(REFUSED)} 个，已受理过 {batch.count(ALREADY)} 个")
    story = [p(f"{county_name}备案回执", title), Spacer(0, 3 * mm),
             p(f"受理单位：{county_name}"), p(f"受理时间：{received}"),
             p(f"批次编号：{batch.id}"), p(counts), Spacer(0, 4 * mm)]
    rows = [[p(h) for h in ("序号", "结果", "单位", "会议（编号）", "记录指纹／原因")]]
    shaded = []
    for n, o in enumerate(batch.outcomes, 1):
        detail = [f"记录指纹 {o.fingerprint}"] if o.fingerprint else []
        detail += [("· " if not r.ok else "") + r.text for r in o.reasons[:SHOWN_REASONS]]
        if len(o.reasons) > SHOWN_REASONS:
            detail.append(f"……另有 {len(o.reasons) - SHOWN_REASONS} 条原因，随拒收的备案包保存")
        meeting = o.meeting + (f"（第 {o.number} 次）" if o.number else "")
        rows.append([p(str(n)), p(STATUS_WORDS[o.status][0]), p(o.unit or "—"),
                     p(f"{meeting}\n{o.file_name}" if meeting else o.file_name, small),
                     p("\n".join(detail) or "—", small)])
        if o.status == REFUSED:
            shaded.append(n)
    table = Table(rows, colWidths=(10 * mm, 20 * mm, 28 * mm, 44 * mm, 68 * mm), repeatRows=1,
                  splitInRow=1)  # a row taller than a page continues on the next
    table.setStyle(TableStyle(
        [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
         ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]
        + [("BACKGROUND", (1, n), (1, n), REFUSED_SHADE) for n in shaded]))
    if batch.interrupted is not None:
        story += [Spacer(0, 4 * mm), p(batch.interrupted.line())]
    story += [table, Spacer(0, 6 * mm),
              p("受理的备案包已逐一验证：由县里签发或登记给该单位的证书签名、记录链完整、按会议规则重放"
                "无误、PDF 与记录一致。拒收的备案包另行保存备查，未计入备案。"),
              Spacer(0, 10 * mm), p(f"{county_name}（盖章）　　　　经办人：　　　　　　"
                                    f"日期：{received[:10]}")]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                      topMargin=20 * mm, bottomMargin=20 * mm, title=f"{county_name}备案回执",
                      author=county_name, lang="zh-CN", initialFontName=font).build(story)
    return out.getvalue()
