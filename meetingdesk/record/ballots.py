"""The paper of a secret ballot (R7): the ballots handed out, and the count sheet (计票单) and
the result report (表决结果报告单) the scrutineers and counters sign.

Ballots: A4 pages cut in two (two A5 ballots, a dashed cut line between them), or one ballot to
the page when its candidates do not fit half a page. Each ballot carries the unit, the meeting,
the item, its serial number, the candidates in the agreed order with their current and proposed
posts, a box for 同意, 不同意 and 弃权 on each, and how to mark it. The count forms are laid out
like the record (its margins, font and tables). Every word comes from the meeting state and the
domain's own texts (BallotResult.text_zh): nothing is counted or judged again here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, FrameBreak, KeepTogether,
                                PageBreak, PageTemplate, Spacer, Table)

from meetingdesk.domain import DomainError, Meeting
from meetingdesk.domain.numbering import serials
from meetingdesk.record.build import date_label
from meetingdesk.record.fonts import CJKFont, find_cjk_font, register_font
from meetingdesk.record.layout import (BOTTOM_MARGIN, GRID_CELLS, LEFT_MARGIN, PAGE_HEIGHT,
                                       PAGE_WIDTH, RUNNING_SIZE, TEXT_HEIGHT, TEXT_WIDTH,
                                       TOP_MARGIN, Styles, field_rows, para, table_style)
from meetingdesk.record.pdf import _check_glyphs

WHOLE_ITEM = "本议题"
CHOICES = ("同意", "不同意", "弃权")
BALLOT_MARGIN = 14 * mm
BALLOT_WIDTH = PAGE_WIDTH - 2 * BALLOT_MARGIN
HALF_HEIGHT = PAGE_HEIGHT / 2
BOX_SIZE = 7 * mm
MARK_WIDTH = 17 * mm
BOX_PAD = 2 * mm  # around a box or a post's lines: rows of at least 11 mm to mark in
SIGN_ROW = 13 * mm


@dataclass(frozen=True)
class BallotLine:
    """What is voted on: one candidate, or the item as a whole (number None)."""

    number: int | None
    name: str
    current_post: str = ""
    proposed_post: str = ""


@dataclass(frozen=True)
class Ballots:
    """The ballots of one item, numbered first_serial … first_serial + issued - 1."""

    unit_name: str
    meeting_title: str
    item_number: int
    item_title: str
    lines: tuple[BallotLine, ...]
    issued: int
    first_serial: int
    posts: int | None = None  # printed when fewer posts than candidates: agreeing to more voids

    @property
    def serials(self) -> list[str]:
        return serials(self.first_serial, self.issued)


@dataclass(frozen=True)
class CountLine:
    line: BallotLine
    agree: int
    disagree: int
    abstain: int
    passed: bool
    result_text: str  # the domain's words: "同意 6 票，…；同意票超过应到会 9 人的半数，通过"


@dataclass(frozen=True)
class CountForms:
    """What the count sheet and the result report of a counted item say."""

    unit_name: str
    meeting_title: str
    item_number: int
    item_title: str
    date: str
    issued: int
    returned: int
    valid: int
    void: int
    serial_range: str  # "001—008", or "" when the ballots were not printed here
    lines: tuple[CountLine, ...]
    scrutineers: tuple[str, ...]
    counters: tuple[str, ...]


# ---- from the meeting state --------------------------------------------------------------

def _lines(state: Meeting, item_no: int) -> tuple[BallotLine, ...]:
    spec = state.items[item_no].spec
    if not spec.candidates:
        return (BallotLine(None, WHOLE_ITEM),)
    return tuple(BallotLine(n, c.name, c.current_post, c.proposed_post)
                 for n, c in enumerate(spec.candidates, 1))


def ballots_of(state: Meeting, item_no: int, issued: int, first_serial: int) -> Ballots:
    """The ballots of an item of ``state``, as many as ``issued``."""
    spec = state.items[item_no].spec
    posts = spec.post_count if spec.post_count < len(spec.candidates) else None
    return Ballots(state.header["unit"]["name"], state.header["title"], item_no, spec.title,
                   _lines(state, item_no), issued, first_serial, posts)


def count_forms_of(state: Meeting, item_no: int) -> CountForms:
    """The count forms of an item whose every ballot is tallied (see Meeting.pending_votes)."""
    item = state.items[item_no]
    count = item.ballot_count
    if count is None or state.started_at is None:
        raise DomainError("BALLOTS_NOT_ISSUED")
    lines = []
    for line in _lines(state, item_no):
        result = item.results.get(line.number) or state.outcome(item_no, line.number)
        lines.append(CountLine(line, result.agree, result.disagree, result.abstain,
                               result.passed, result.text_zh))
    tally = item.tallies[lines[0].line.number]
    numbers = serials(count.first_serial, count.issued) if count.first_serial else []
    return CountForms(state.header["unit"]["name"], state.header["title"], item_no,
                      item.spec.title, date_label(state.started_at), count.issued,
                      count.returned, count.valid, count.void,
                      f"{numbers[0]}—{numbers[-1]}" if numbers else "", tuple(lines),
                      tally.scrutineers, tally.counters)


# ---- drawing -----------------------------------------------------------------------------

class Box(Flowable):
    """An empty square to mark with a tick."""

    def __init__(self, size: float = BOX_SIZE) -> None:
        super().__init__()
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setLineWidth(1)
        self.canv.rect(0, 0, self.width, self.height)


def _style(styles: Styles, size: float, align: int = 0, leading: float = 1.35) -> ParagraphStyle:
    return ParagraphStyle(f"ballot{size}{align}", styles.plain, fontSize=size,
                          leading=size * leading, alignment=align)


def _ballot(b: Ballots, serial: str, styles: Styles) -> list[Flowable]:
    """One ballot: heading, the table of boxes, how to mark it."""
    small, cell = _style(styles, 10.5), _style(styles, 12, TA_CENTER)
    head = Table([[para(f"{b.unit_name}　{b.meeting_title}", small),
                   para(f"编号：{serial}", _style(styles, 12, TA_RIGHT))]],
                 colWidths=[BALLOT_WIDTH * 0.7, BALLOT_WIDTH * 0.3])
    head.setStyle(table_style(styles.font, ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)))
    whole = b.lines[0].number is None
    if whole:
        header = ["表决事项"]
        rows = [[para(b.item_title, _style(styles, 12))] for _ in b.lines]
        widths = [BALLOT_WIDTH - 3 * MARK_WIDTH]
    else:
        header = ["序号", "人选", "现任职务", "拟任职务"]
        rows = [[para(str(line.number), cell), para(line.name, cell),
                 para(line.current_post or "—", cell), para(line.proposed_post or "—", cell)]
                for line in b.lines]
        post = (BALLOT_WIDTH - 3 * MARK_WIDTH - 12 * mm - 28 * mm) / 2
        widths = [12 * mm, 28 * mm, post, post]
    data = [[para(text, cell) for text in (*header, *CHOICES)]]
    data += [row + [Box(), Box(), Box()] for row in rows]
    table = Table(data, colWidths=widths + [MARK_WIDTH] * 3, repeatRows=1, spaceBefore=3 * mm,
                  spaceAfter=3 * mm)
    table.setStyle(table_style(styles.font, *GRID_CELLS, ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("TOPPADDING", (0, 1), (-1, -1), BOX_PAD),
                               ("BOTTOMPADDING", (0, 1), (-1, -1), BOX_PAD)))
    if whole:
        rules = ["请在“同意”“不同意”“弃权”中选择一项，在其下方格内划“√”，只能划一个“√”。",
                 "不划“√”的，按弃权计算。"]
    else:
        rules = ["请对每位人选在“同意”“不同意”“弃权”中选择一项，在其下方格内划“√”，"
                 "每位人选只能划一个“√”。", "对某位人选不划“√”的，按弃权计算。"]
        if b.posts is not None:
            rules.append(f"本次推荐（任用）职数为 {b.posts} 名，划“同意”的人选超过 {b.posts} 名的，"
                         "本票作废。")
    rules.append("本票不记名，请勿在票面署名。")
    notes = [para("说明：", small)] + [para(f"{n}. {text}", small)
                                      for n, text in enumerate(rules, 1)]
    return [head, Spacer(1, 2 * mm), para("无记名投票表决票", _style(styles, 20, TA_CENTER)),
            para(f"第 {b.item_number} 项：{b.item_title}", _style(styles, 13, TA_CENTER)),
            table, *notes]


def _cut_line(font: str) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setStrokeColor(colors.Color(0.4, 0.4, 0.4))
        canvas.setDash(4, 3)
        canvas.setLineWidth(0.6)
        canvas.line(6 * mm, HALF_HEIGHT, PAGE_WIDTH - 6 * mm, HALF_HEIGHT)
        canvas.setFont(font, RUNNING_SIZE)
        canvas.setFillColor(colors.Color(0.4, 0.4, 0.4))
        canvas.drawCentredString(PAGE_WIDTH / 2, HALF_HEIGHT + 1.5 * mm, "沿虚线裁开")
        canvas.restoreState()
    return draw


def render_ballots(b: Ballots, font: CJKFont | None = None) -> bytes:
    """Every ballot of ``b`` as one PDF: two to an A4 page where one fits half a page."""
    font_name = register_font(font or find_cjk_font())
    _check_glyphs(b, font_name)
    styles = Styles.for_font(font_name)
    height = HALF_HEIGHT - 2 * BALLOT_MARGIN
    halves = sum(f.wrap(BALLOT_WIDTH, PAGE_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                 for f in _ballot(b, b.serials[-1], styles)) <= height
    if halves:
        frames = [Frame(BALLOT_MARGIN, HALF_HEIGHT + BALLOT_MARGIN, BALLOT_WIDTH, height,
                        id="top", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
                  Frame(BALLOT_MARGIN, BALLOT_MARGIN, BALLOT_WIDTH, height, id="bottom",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)]
        template = PageTemplate("halves", frames, onPage=_cut_line(font_name))
    else:
        template = PageTemplate("whole", [Frame(
            BALLOT_MARGIN, BALLOT_MARGIN, BALLOT_WIDTH, PAGE_HEIGHT - 2 * BALLOT_MARGIN,
            id="page", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)])
    story: list[Flowable] = []
    for n, serial in enumerate(b.serials):
        if n:
            story.append(FrameBreak() if halves else PageBreak())
        story.append(KeepTogether(_ballot(b, serial, styles)))
    return _build(story, template, font_name, f"{b.unit_name}{b.meeting_title}第{b.item_number}项选票",
                  b.unit_name)


def _signatures(f: CountForms, styles: Styles) -> Table:
    rows: list[list] = [[para(t, styles.table) for t in ("职责", "姓名", "签字")]]
    rows += [[para(role, styles.table), para(name, styles.table), ""]
             for role, names in (("监票人", f.scrutineers), ("计票人", f.counters))
             for name in names]
    table = Table(rows, colWidths=[30 * mm, 40 * mm, TEXT_WIDTH - 70 * mm],
                  rowHeights=[None] + [SIGN_ROW] * (len(rows) - 1), spaceBefore=5 * mm)
    table.setStyle(table_style(styles.font, *GRID_CELLS))
    return table


def _form_head(f: CountForms, title: str, styles: Styles) -> list[Flowable]:
    rows = [("单位", f.unit_name), ("会议", f.meeting_title),
            ("议题", f"第 {f.item_number} 项　{f.item_title}"), ("表决方式", "无记名投票"),
            ("日期", f.date)]
    serials = f"（编号 {f.serial_range}）" if f.serial_range else ""
    return [para(title, styles.title), field_rows(rows, styles),
            para(f"发出选票 {f.issued} 张{serials}，收回 {f.returned} 张，"
                 f"其中有效票 {f.valid} 张，废票 {f.void} 张。", styles.body)]


def _count_table(f: CountForms, styles: Styles, report: bool) -> Table:
    small = _style(styles, 12, TA_CENTER)
    whole = f.lines[0].line.number is None
    if whole:
        header = ["表决事项"]
        lead = [[para(f.item_title, small)] for _ in f.lines]
    elif report:
        header = ["序号", "人选", "现任职务", "拟任职务"]
        lead = [[para(str(c.line.number), small), para(c.line.name, small),
                 para(c.line.current_post or "—", small),
                 para(c.line.proposed_post or "—", small)] for c in f.lines]
    else:
        header = ["序号", "人选", "拟任职务"]
        lead = [[para(str(c.line.number), small), para(c.line.name, small),
                 para(c.line.proposed_post or "—", small)] for c in f.lines]
    tail = ["结果"] if report else ["合计"]
    data = [[para(t, small) for t in (*header, *CHOICES, *tail)]]
    for row, c in zip(lead, f.lines):
        last = ("通过" if c.passed else "未通过") if report else str(c.agree + c.disagree + c.abstain)
        data.append(row + [para(str(n), small) for n in (c.agree, c.disagree, c.abstain, last)])
    counts = [14 * mm, 17 * mm, 14 * mm, 19 * mm]
    rest = TEXT_WIDTH - sum(counts)
    if whole:
        widths = [rest]
    elif report:
        widths = [11 * mm, 22 * mm, (rest - 33 * mm) / 2, (rest - 33 * mm) / 2]
    else:
        widths = [11 * mm, 26 * mm, rest - 37 * mm]
    table = Table(data, colWidths=widths + counts, repeatRows=1, spaceBefore=3 * mm,
                  spaceAfter=3 * mm)
    table.setStyle(table_style(styles.font, *GRID_CELLS))
    return table


def render_count_forms(f: CountForms, font: CJKFont | None = None) -> bytes:
    """The count sheet and the result report, each on its own A4 page, to sign."""
    font_name = register_font(font or find_cjk_font())
    _check_glyphs(f, font_name)
    styles = Styles.for_font(font_name)
    note = _style(styles, 12)
    story: list[Flowable] = [
        *_form_head(f, "计　票　单", styles), _count_table(f, styles, report=False),
        para("每张有效票对每位人选只计一种意见；未划“√”的按弃权计算。", note),
        _signatures(f, styles), PageBreak(),
        *_form_head(f, "表决结果报告单", styles), _count_table(f, styles, report=True),
        para("表决结果：", styles.plain)]
    story += [para(c.result_text if c.line.number is None else f"{c.line.name}：{c.result_text}",
                   styles.body) for c in f.lines]
    story += [para("以上计票结果经监票人、计票人核对无误，报告主持人。", styles.body),
              _signatures(f, styles)]
    frame = Frame(LEFT_MARGIN, BOTTOM_MARGIN, TEXT_WIDTH, TEXT_HEIGHT, id="text",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def foot(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font_name, RUNNING_SIZE)
        canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
        canvas.drawCentredString(LEFT_MARGIN + TEXT_WIDTH / 2, BOTTOM_MARGIN - 12 * mm,
                                 f"{f.unit_name}　{f.meeting_title}　第 {f.item_number} 项"
                                 f"　无记名投票　第 {doc.page} 页")
        canvas.restoreState()

    return _build(story, PageTemplate("form", [frame], onPage=foot), font_name,
                  f"{f.unit_name}{f.meeting_title}第{f.item_number}项计票单和表决结果报告单",
                  f.unit_name)


def _build(story: list[Flowable], template: PageTemplate, font_name: str, title: str,
           author: str) -> bytes:
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), initialFontName=font_name,
                          leftMargin=LEFT_MARGIN, topMargin=TOP_MARGIN, title=title,
                          author=author, creator="MeetingDesk 会议纪实台", lang="zh-CN")
    doc.addPageTemplates([template])
    doc.build(story)
    return out.getvalue()
