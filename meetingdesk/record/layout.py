"""Page geometry and paragraph styles of the record, after GB/T 9704-2012.

A4; top margin 37 mm, binding (left) margin 28 mm, text area 156 x 225 mm; body 三号 (16 pt)
in 22 lines of 28 characters, set on a character grid as a word processor does (the pitch,
156 mm / 28, is 0.2 pt narrower than a 16 pt character; linebreak.py); title 二号 (22 pt);
page numbers 四号 (14 pt) below the text area. Each level has its face (fonts.py): title
小标宋, body 仿宋, 一、 headings 黑体, （一） headings 楷体.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle

from meetingdesk.record.fonts import RecordFaces
from meetingdesk.record.linebreak import CJKParagraph

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 37 * mm
LEFT_MARGIN = 28 * mm
TEXT_WIDTH = 156 * mm
TEXT_HEIGHT = 225 * mm
BOTTOM_MARGIN = PAGE_HEIGHT - TOP_MARGIN - TEXT_HEIGHT

BODY_SIZE = 16.0
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_LEADING = TEXT_HEIGHT / LINES_PER_PAGE
GRID = TEXT_WIDTH / CHARS_PER_LINE  # the character grid's pitch
TITLE_SIZE = 22.0
TABLE_SIZE = 14.0
PAGE_NUMBER_SIZE = 14.0
RUNNING_SIZE = 8.0
LABEL_WIDTH = 5 * GRID  # the longest field label, "议事规则：", on the grid


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one rendering, each in its level's faces; ``font`` is the
    body's face (a table's default), ``number_font`` that of the page numbers."""

    font: str
    number_font: str
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
        """Every level in one (registered) face."""
        return cls.for_faces(RecordFaces.single(font))

    @classmethod
    def for_faces(cls, faces: RecordFaces) -> Styles:
        body = ParagraphStyle("body", fontName=faces.body.primary, faces=faces.body,
                              fontSize=BODY_SIZE, leading=BODY_LEADING, grid=GRID / BODY_SIZE,
                              alignment=TA_JUSTIFY)
        free = ParagraphStyle("free", body, grid=0.0, alignment=0)  # off the grid, ragged
        return cls(
            font=faces.body.primary,
            number_font=faces.number.primary,
            title=ParagraphStyle("title", free, fontName=faces.title.primary, faces=faces.title,
                                 fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.5,
                                 alignment=TA_CENTER, spaceAfter=BODY_LEADING / 2),
            heading=ParagraphStyle("heading", body, fontName=faces.heading.primary,
                                   faces=faces.heading, firstLineIndent=2 * GRID,
                                   spaceBefore=BODY_LEADING / 2),
            subheading=ParagraphStyle("subheading", body, fontName=faces.subheading.primary,
                                      faces=faces.subheading, firstLineIndent=2 * GRID),
            body=ParagraphStyle("text", body, firstLineIndent=2 * GRID),
            plain=body,
            # The box's padding is matched by indents, so that it stays inside the text area.
            badge=ParagraphStyle("badge", body, borderWidth=0.8, borderColor=colors.black,
                                 borderPadding=(2, 4, 3, 4), leftIndent=4, rightIndent=4,
                                 spaceBefore=6, spaceAfter=8),
            table=ParagraphStyle("table", free, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.4),
            small=ParagraphStyle("small", free, fontSize=10, leading=14),
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
    return CJKParagraph(text, style)


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


PAGE_COUNT_FORM = "pageCount"
FORM_SIZE = 10.0  # the page count is drawn at this size in its form, then scaled


class PageCountCanvas(Canvas):
    """A canvas that knows the number of pages only when it is saved: pages show it through a
    form (an XObject) drawn at save, so "共 N 页" costs no second rendering."""

    def __init__(self, *args, count_font: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._count_font = count_font

    @classmethod
    def maker(cls, count_font: str) -> Callable[..., PageCountCanvas]:
        return lambda *args, **kwargs: cls(*args, count_font=count_font, **kwargs)

    def save(self) -> None:
        if self._code:  # an unfinished page counts too
            self.showPage()
        total = self.getPageNumber() - 1
        self.beginForm(PAGE_COUNT_FORM, lowerx=-50, lowery=-10, upperx=50, uppery=20)
        self.setFont(self._count_font, FORM_SIZE)
        self.drawCentredString(0, 0, str(total))
        self.endForm()
        super().save()


def draw_page_count(canvas: Canvas, x: float, y: float, font: str, size: float, before: str,
                    after: str, centred: bool = False) -> None:
    """``before`` N ``after`` at (x, y) (centred on x when asked), N the number of pages."""
    gap = stringWidth("0000", font, size)
    width = stringWidth(before, font, size) + gap + stringWidth(after, font, size)
    left = x - width / 2 if centred else x
    canvas.setFont(font, size)
    canvas.drawString(left, y, before)
    middle = left + stringWidth(before, font, size) + gap / 2
    canvas.drawString(middle + gap / 2, y, after)
    canvas.saveState()
    canvas.translate(middle, y)
    canvas.scale(size / FORM_SIZE, size / FORM_SIZE)
    canvas.doForm(PAGE_COUNT_FORM)
    canvas.restoreState()


class PageCount(Flowable):
    """A line "``before`` N ``after``" in ``style``'s face and size: the number of pages."""

    def __init__(self, before: str, after: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.before, self.after, self.style = before, after, style

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.style.leading

    def draw(self) -> None:
        s = self.style
        draw_page_count(self.canv, 0, s.leading - s.fontSize, s.fontName, s.fontSize,
                        self.before, self.after)
