"""The supervision signals of a period as a workbook (one sheet a signal, numbers as numbers)
and as a printable report (A4, the record's Chinese faces: per signal its count and a short
table of its first rows)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer, Table

from meetingdesk.county.signal_tables import (COUNT, DAY, MONEY, RATE, SPECS, TEXT, TIME,
                                              SignalSpec, shown)
from meetingdesk.county.signals import SIGNAL_METHODS, Signals
from meetingdesk.domain.supervision import Period
from meetingdesk.record.fonts import find_cjk_font, register_font
from meetingdesk.record.layout import GRID_CELLS, Styles, para, table_style

PDF_ROWS = 15  # a signal's rows the report prints; the workbook has them all
MARGIN = 15 * mm
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
SIZE = 9
BEHIND = ("所涉记录", "Records")
NUMBER_FORMATS = {MONEY: "#,##0.00", RATE: "0.0%", DAY: "yyyy-mm-dd", TIME: "yyyy-mm-dd hh:mm",
                  COUNT: "0"}
WEIGHTS = {TEXT: 2.0, MONEY: 1.4, TIME: 1.4, DAY: 1.2}  # a column's share of the width


@dataclass(frozen=True)
class SignalTable:
    spec: SignalSpec
    rows: list[Any]

    def cells(self, lang: str = "zh") -> list[list[Any]]:
        return [[*self.spec.cells(r, lang), len(r.behind)] for r in self.rows]

    def text_cells(self, lang: str = "zh") -> list[list[str]]:
        kinds = [c.kind for c in self.spec.columns] + [COUNT]
        return [[shown(v, k) for v, k in zip(row, kinds)] for row in self.cells(lang)]


def run_all(signals: Signals) -> list[SignalTable]:
    return [SignalTable(spec, SIGNAL_METHODS[spec.code](signals)) for spec in SPECS]


def title_of(scope: str, period: Period) -> str:
    return f"{scope}监督信号报告（{period.label}）"


def render_xlsx(tables: list[SignalTable], scope: str, period: Period) -> bytes:
    """A sheet per signal: its name and period, what its rows are, the headers, the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        spec = table.spec
        sheet = book.create_sheet(spec.zh[:31])
        sheet.append([f"{spec.zh}（{scope}，{period.label}）"])
        sheet.append([spec.about_zh])
        sheet.append([*spec.headers("zh"), BEHIND[0]])
        kinds = [c.kind for c in spec.columns] + [COUNT]
        for row in table.cells("zh"):
            sheet.append([_excel(v) for v in row])
        sheet["A1"].font = Font(bold=True, size=14)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EBEBEB")
        for n, kind in enumerate(kinds, 1):
            letter = sheet.cell(row=3, column=n).column_letter
            sheet.column_dimensions[letter].width = 12 if kind != TEXT else 22
            if kind in NUMBER_FORMATS:
                for (cell,) in sheet.iter_rows(min_row=4, min_col=n, max_col=n):
                    cell.number_format = NUMBER_FORMATS[kind]
        sheet.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _excel(value: Any) -> Any:
    """Amounts as numbers; times as the local wall time (a workbook keeps no offset)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if hasattr(value, "as_tuple"):  # Decimal
        return float(value)
    return value


def render_pdf(tables: list[SignalTable], scope: str, period: Period) -> bytes:
    """Landscape A4: the title and period, a count a signal, then per signal its first rows."""
    font_name = register_font(find_cjk_font())
    styles = Styles.for_font(font_name)
    cell = ParagraphStyle("cell", styles.plain, fontSize=SIZE, leading=SIZE * 1.35)
    heading = ParagraphStyle("signal", styles.plain, fontSize=12, leading=18, spaceBefore=8,
                             keepWithNext=1)
    about = ParagraphStyle("about", cell, keepWithNext=1)
    title = title_of(scope, period)
    story: list[Any] = [para(title, ParagraphStyle("report-title", styles.title, fontSize=18,
                                                   leading=27)),
                        para(f"统计期间：{period.label}；范围：{scope}", cell),
                        para("；".join(f"{t.spec.zh} {len(t.rows)} 条" for t in tables), cell)]
    for table in tables:
        spec = table.spec
        story += [para(f"{spec.zh}：{len(table.rows)} 条", heading), para(spec.about_zh, about)]
        if not table.rows:
            continue
        kinds = [c.kind for c in spec.columns] + [COUNT]
        weights = [WEIGHTS.get(k, 1.0) for k in kinds]
        widths = [TEXT_WIDTH * w / sum(weights) for w in weights]
        data = [[para(h, cell) for h in [*spec.headers("zh"), BEHIND[0]]]]
        data += [[para(v, cell) for v in row] for row in table.text_cells()[:PDF_ROWS]]
        grid = Table(data, colWidths=widths, repeatRows=1)
        grid.setStyle(table_style(font_name, *GRID_CELLS, ("VALIGN", (0, 0), (-1, -1), "TOP")))
        story += [Spacer(1, 2 * mm), grid]
        if len(table.rows) > PDF_ROWS:
            story.append(para(f"另有 {len(table.rows) - PDF_ROWS} 条，见导出的 Excel 工作簿。", cell))

    def foot(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font_name, 8)
        canvas.drawCentredString(PAGE_WIDTH / 2, MARGIN / 2, f"{title}　第 {doc.page} 页")
        canvas.restoreState()

    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), initialFontName=font_name,
                          title=title, author=scope, creator="MeetingDesk 会议纪实台",
                          lang="zh-CN")
    frame = Frame(MARGIN, MARGIN, TEXT_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="text",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("report", [frame], onPage=foot)])
    doc.build(story)
    return out.getvalue()
