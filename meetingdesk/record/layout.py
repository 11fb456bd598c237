"""Page geometry and paragraph styles of the record, after GB/T 9704-2012.

A4; top margin 37 mm, binding (left) margin 28 mm, text area 156 x 225 mm; body 三号 (16 pt)
with 22 lines to the page; title 二号 (22 pt); page numbers 四号 (14 pt) below the text area.
At 16 pt a line of the 156 mm text area holds 27 full-width characters (the standard's 28 rely
on a word processor's character grid squeezing each character by about 0.2 pt).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle

from meetingdesk.record.linebreak import CJKParagraph

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 37 * mm
LEFT_MARGIN = 28 * mm
TEXT_WIDTH = 156 * mm
TEXT_HEIGHT = 225 * mm
BOTTOM_MARGIN = PAGE_HEIGHT - TOP_MARGIN - TEXT_HEIGHT

BODY_SIZE = 16.0
LINES_PER_PAGE = 22
BODY_LEADING = TEXT_HEIGHT / LINES_PER_PAGE
TITLE_SIZE = 22.0
TABLE_SIZE = 14.0
PAGE_NUMBER_SIZE = 14.0
RUNNING_SIZE = 8.0
LABEL_WIDTH = 5.5 * BODY_SIZE  # the longest field label, "议事规则：", and a little air


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one rendering, all in the record's Chinese font."""

    font: str
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    plain: ParagraphStyle
    badge: ParagraphStyle
    table: ParagraphStyle
    small: ParagraphStyle

    @classmethod
    def for_font(cls, font: str) -> Styles:
        body = ParagraphStyle("body", fontName=font, fontSize=BODY_SIZE, leading=BODY_LEADING,
                              wordWrap="CJK")
        return cls(
            font=font,
            title=ParagraphStyle("title", body, fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.5,
                                 alignment=TA_CENTER, spaceAfter=BODY_LEADING / 2),
            heading=ParagraphStyle("heading", body, spaceBefore=BODY_LEADING / 2),
            subheading=ParagraphStyle("subheading", body, leftIndent=BODY_SIZE),
            body=ParagraphStyle("text", body, firstLineIndent=2 * BODY_SIZE),
            plain=body,
            # The box's padding is matched by indents, so that it stays inside the text area.
            badge=ParagraphStyle("badge", body, borderWidth=0.8, borderColor=colors.black,
                                 borderPadding=(2, 4, 3, 4), leftIndent=4, rightIndent=4,
                                 spaceBefore=6, spaceAfter=8),
            table=ParagraphStyle("table", body, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.4),
            small=ParagraphStyle("small", body, fontSize=10, leading=14),
        )


def heading(text: str, style: ParagraphStyle, lines_after: int) -> list[Flowable]:
    """A heading that starts a new page unless ``lines_after`` body lines fit below it.

    (Not keepWithNext: that moves a heading and the whole long paragraph after it to the next
    page, leaving a gap, where the paragraph could have been split.)
    """
    return [CondPageBreak((lines_after + 1.5) * BODY_LEADING), para(text, style)]


def para(text: str, style: ParagraphStyle) -> CJKParagraph:
    """A paragraph of plain text (never markup: names and words are escaped); the line breaks
    a recorder typed are kept."""
    return CJKParagraph(escape(text).replace("\n", "<br/>"), style)


def field_rows(rows: list[tuple[str, str]], styles: Styles, space_before: float = 0) -> Table:
    """Label / value lines ("时间：…") with the values aligned and wrapping under themselves;
    a row with an empty label continues the field above."""
    data = [[para(f"{label}：" if label else "", styles.plain), para(value, styles.plain)]
            for label, value in rows]  # an empty label continues the field above
    table = Table(data, colWidths=[LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH], hAlign="LEFT",
                  spaceBefore=space_before, splitInRow=2 * BODY_LEADING)
    table.setStyle(table_style(styles.font, *BARE_CELLS))
    return table


def table_style(font: str, *commands: tuple) -> TableStyle:
    """A table style in the record font (a table's own default, Helvetica, would otherwise be
    listed in the PDF as a font that is not embedded)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), font), *commands])


BARE_CELLS = (
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
)
# Ruled, with a shaded header row: votes, signatures.
GRID_CELLS = (
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
)


CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 40 -> 四十, 99 -> 九十九; Arabic digits from 100 on."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ("" if tens == 0 else ("十" if tens == 1 else CHINESE_DIGITS[tens] + "十"))
    return text + (CHINESE_DIGITS[ones] if ones else "")
