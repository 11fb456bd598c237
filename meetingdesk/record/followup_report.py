"""The 督办 report of a period (R14): every task carrying out a decision that was open at some
time in the period, with who, by when, its progress and where it stood at the period's end;
as a PDF in the record's Chinese font, and as an XLSX workbook for the office's own lists.

Every word comes from the follow-up log as the domain folded it (Task, DecisionRef): nothing
is judged again here but where each task stood on the period's last day.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Table

from meetingdesk.domain.followup import STATUSES, Task
from meetingdesk.domain.hearings import Hearing
from meetingdesk.record.build import date_label
from meetingdesk.record.fonts import CJKFont, find_cjk_font, register_font
from meetingdesk.record.layout import GRID_CELLS, Styles, para, table_style
from meetingdesk.record.pdf import _check_glyphs

OVERDUE = "已逾期"
COLUMNS = ("序号", "决定事项", "督办事项", "责任人", "办结时限", "办理进展", "听取汇报", "状态")
MARGIN = 15 * mm
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
WIDTHS = (10 * mm, 44 * mm, 36 * mm, 20 * mm, 28 * mm, 70 * mm, 32 * mm)  # status: the rest
SIZE = 10.5


@dataclass(frozen=True)
class ReportRow:
    """One task as it stood on the period's last day."""

    no: int
    decision: str  # "2026年第1次党委会第1项：拨付……"
    decided_on: str
    what: str
    who: str
    deadline: str
    progress: tuple[str, ...]  # "2026年11月15日：……", then the completion or cancelling
    status: str  # 办理中, 已办结, 已撤销, 办理中（已逾期）
    overdue: bool
    heard: tuple[str, ...] = ()  # "2026年11月17日 2026年第2次党委会第1项": reports heard (R14)


@dataclass(frozen=True)
class FollowUpReport:
    unit_name: str
    start: date
    end: date
    rows: tuple[ReportRow, ...]

    @property
    def title(self) -> str:
        return f"{self.unit_name}决定事项督办情况报告"

    @property
    def period(self) -> str:
        return f"{date_label(self.start)}至{date_label(self.end)}"

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status.startswith(status))

    @property
    def summary(self) -> str:
        return (f"本期督办事项共 {len(self.rows)} 项：已办结 {self.count('已办结')} 项，"
                f"办理中 {self.count('办理中')} 项（其中已逾期 "
                f"{sum(r.overdue for r in self.rows)} 项），已撤销 {self.count('已撤销')} 项。")


def followup_report(unit_name: str, tasks: list[Task], names: dict[int, str], start: date,
                    end: date, today: date,
                    hearings: dict[int, list[Hearing]] | None = None) -> FollowUpReport:
    """The tasks open at some time from `start` to `end`, as they stood on `end` (or today,
    for a period not yet over: a deadline still to come is not overdue), with the meetings
    that heard a progress report on each by then."""
    stood = min(end, today)
    rows = []
    for t in tasks:
        if t.assigned_at.date() > end or (t.closed_at is not None and t.closed_at.date() < start):
            continue
        closed = t.closed_at is not None and t.closed_at.date() <= end
        status = t.status if closed else "open"
        overdue = status == "open" and t.deadline < stood
        progress = [f"{date_label(p.on)}：{p.note}" for p in t.progress if p.on <= end]
        if closed:
            verb = "办结" if status == "done" else "撤销"
            progress.append(f"{date_label(t.closed_at)}{verb}：{t.outcome}")
        d = t.decision
        rows.append(ReportRow(
            t.no, f"{d.meeting_title}第{d.item_no}项：{d.item_title}", date_label(d.decided_on),
            t.what, names.get(t.member_id, "") if t.member_id is not None else t.department,
            date_label(t.deadline), tuple(progress),
            STATUSES[status][0] + (f"（{OVERDUE}）" if overdue else ""), overdue,
            tuple(f"{date_label(h.on)} {h.meeting_title}第{h.item_no}项"
                  for h in (hearings or {}).get(t.no, []) if h.on <= end)))
    return FollowUpReport(unit_name, start, end, tuple(rows))


def render_pdf(report: FollowUpReport, font: CJKFont | None = None) -> bytes:
    """The report on landscape A4 pages: title, period, summary, one table row per task."""
    font_name = register_font(font or find_cjk_font())
    _check_glyphs(report, font_name)
    styles = Styles.for_font(font_name)
    cell = ParagraphStyle("cell", styles.plain, fontSize=SIZE, leading=SIZE * 1.4)
    data: list[list] = [[para(c, cell) for c in COLUMNS]]
    for r in report.rows:
        data.append([para(str(r.no), cell), para(f"{r.decision}（{r.decided_on}决定）", cell),
                     para(r.what, cell), para(r.who, cell), para(r.deadline, cell),
                     para("\n".join(r.progress) or "—", cell),
                     para("\n".join(r.heard) or "—", cell), para(r.status, cell)])
    table = Table(data, colWidths=[*WIDTHS, TEXT_WIDTH - sum(WIDTHS)], repeatRows=1)
    overdue = [("TEXTCOLOR", (7, n), (7, n), colors.Color(0.7, 0, 0))
               for n, r in enumerate(report.rows, 1) if r.overdue]
    table.setStyle(table_style(font_name, *GRID_CELLS, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               *overdue))
    title = ParagraphStyle("report-title", styles.title, fontSize=18, leading=27)
    story = [para(report.title, title),
             para(f"统计期间：{report.period}", cell), para(report.summary, cell), table]

    def foot(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font_name, 8)
        canvas.drawCentredString(PAGE_WIDTH / 2, MARGIN / 2,
                                 f"{report.title}　{report.period}　第 {doc.page} 页")
        canvas.restoreState()

    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), initialFontName=font_name,
                          title=f"{report.title}（{report.period}）", author=report.unit_name,
                          creator="MeetingDesk 会议纪实台", lang="zh-CN")
    frame = Frame(MARGIN, MARGIN, TEXT_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="text",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("report", [frame], onPage=foot)])
    doc.build(story)
    return out.getvalue()


def render_xlsx(report: FollowUpReport) -> bytes:
    """The same table as a workbook: a title row, the period and summary, then one row a task."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "督办情况"
    sheet.append([report.title])
    sheet.append([f"统计期间：{report.period}"])
    sheet.append([report.summary])
    sheet.append(list(COLUMNS))
    for r in report.rows:
        sheet.append([r.no, f"{r.decision}（{r.decided_on}决定）", r.what, r.who, r.deadline,
                      "\n".join(r.progress), "\n".join(r.heard), r.status])
    sheet["A1"].font = Font(bold=True, size=14)
    for c in sheet[4]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="EBEBEB")
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=5):
        for c in row:
            c.alignment = wrap
    for letter, width in zip("ABCDEFGH", (6, 40, 34, 12, 16, 50, 30, 16)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A5"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
