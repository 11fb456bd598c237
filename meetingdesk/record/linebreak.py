"""Chinese text set on a character grid, with the line-breaking rules (禁则), as a flowable.

GB/T 9704 sets the body in lines of 28 characters that fill the 156 mm text area, both edges
flush: a word processor's character grid, whose pitch (156 mm / 28) is a little narrower than
the 16 pt characters. ``CJKParagraph`` places each full-width character on that grid (a style's
``grid``, the pitch as a share of the font size; 0: the characters' own width), lets runs of Latin letters and digits take their
own width, and justifies every line but a paragraph's last and those ended by a typed line
break, spreading what is left between the characters (not inside a Latin run).

Lines are filled greedily and the break is then moved back to the nearest place where one is
allowed, so that no line starts with closing punctuation or ends with an opening bracket and a
number such as "350,000" stays whole. Each character is set in the first face of the style's
``faces`` chain that has it (fonts.py). A paragraph split across pages keeps its typed line
breaks, and its first part stays justified to the last line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus.paragraph import normalizeTRBL
from reportlab.rl_config import _FUZZ

from meetingdesk.record.fonts import FaceChain, FontNotFoundError

# May not start a line: closing punctuation, pause and stop marks (full and half width).
NO_LINE_START = "，。、；：？！）」』》】〕〗〉’”％·,.;:?!)]}% \u3000"
# May not end a line: opening brackets and quotes.
NO_LINE_END = "（「『《【〔〖〈‘“([{"
# Pairs that stay together: the two-em dash and the ellipsis.
UNSPLIT_PAIRS = "—…"
HARD_BREAK = "\n"


def _is_word_char(ch: str) -> bool:
    """Latin letters, digits and ASCII signs: a run of them (a number, a time) stays whole."""
    return "!" <= ch <= "~"


def can_break(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` with ``after`` starting the next line."""
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before == after and before in UNSPLIT_PAIRS:
        return False
    return not (_is_word_char(before) and _is_word_char(after))


def line_spans(chars: str, widths: Sequence[float],
               max_widths: Sequence[float]) -> list[tuple[int, int]]:
    """Split ``chars`` into lines, as (start, end) index pairs.

    Each line takes as many characters as fit in its width (``max_widths[i]`` for line i, the
    last width for all further lines), then gives back characters until the break is allowed.
    When no break is allowed anywhere in the line it is cut where it is full. ``HARD_BREAK``
    ends its line (and belongs to it). A short mark in 【】 (such as 【见更正一】) stays whole.
    """
    inside = _inside_marks(chars)
    spans: list[tuple[int, int]] = []
    start, n = 0, len(chars)
    while start < n:
        limit = max_widths[min(len(spans), len(max_widths) - 1)]
        end, used = start, 0.0
        while end < n and chars[end] != HARD_BREAK:
            if used + widths[end] > limit + _FUZZ and end > start:
                break
            used += widths[end]
            end += 1
        if end < n and chars[end] == HARD_BREAK:
            end += 1
        elif end < n:
            end = next((b for b in range(end, start, -1)
                        if can_break(chars[b - 1], chars[b]) and b not in inside), end)
        spans.append((start, end))
        start = end
    return spans


MAX_STRETCH = 4  # characters' worth of space a justified line may spread between its characters
MARK = re.compile(r"【[^【】\n]{1,8}】")


def _inside_marks(chars: str) -> set[int]:
    """Break positions inside a short 【】 mark (a break at b falls between b-1 and b)."""
    if "【" not in chars:
        return set()
    return {b for m in MARK.finditer(chars) for b in range(m.start() + 1, m.end())}


@dataclass(frozen=True)
class Run:
    """Characters drawn in one go: same face, same spacing after each glyph, from ``x``."""

    x: float
    face: str
    char_space: float
    text: str


class CJKParagraph(Flowable):
    """Plain text (a typed ``\n`` is a line break) in ``style``, on its grid; ``style.faces``
    is the chain of faces (default: the style's font alone). ``continued`` marks the part of a
    split paragraph after the first (no first-line indent); ``open_end`` the part before the
    last (its last line is justified like any full line)."""

    def __init__(self, text: str, style: ParagraphStyle, continued: bool = False,
                 open_end: bool = False) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.continued = continued
        self.open_end = open_end
        self.faces: FaceChain = getattr(style, "faces", None) or FaceChain((style.fontName,))
        self._lines: list[list[Run]] = []
        self._starts: list[int] = []
        self._laid_for = -1.0

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab's name
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.style.spaceAfter

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._layout(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def minWidth(self) -> float:  # noqa: N802
        s = self.style
        return s.leftIndent + s.rightIndent + max(self._widths()[0] or [s.fontSize])

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._layout(availWidth)
        fit = int((availHeight + _FUZZ) // self.style.leading)
        if fit <= 0 or fit >= len(self._lines):
            return [] if fit <= 0 else [self]
        cut = self._starts[fit]
        return [CJKParagraph(self.text[:cut], self.style, self.continued, open_end=True),
                CJKParagraph(self.text[cut:], self.style, continued=True,
                             open_end=self.open_end)]

    def draw(self) -> None:
        s = self.style
        canvas = self.canv
        if s.borderWidth and s.borderColor:
            top, right, bottom, left = normalizeTRBL(s.borderPadding)
            canvas.saveState()
            canvas.setStrokeColor(s.borderColor)
            canvas.setLineWidth(s.borderWidth)
            canvas.rect(s.leftIndent - left, -bottom,
                        self.width - s.leftIndent - s.rightIndent + left + right,
                        self.height + top + bottom, stroke=1, fill=0)
            canvas.restoreState()
        canvas.saveState()
        canvas.setFillColor(s.textColor)
        text = canvas.beginText()
        # The characters' em box (0.88 above the baseline, 0.12 below) centred in the line.
        baseline = self.height - s.leading / 2 - 0.38 * s.fontSize
        face, space = "", 0.0
        for line in self._lines:
            for run in line:
                if run.face != face:
                    text.setFont(run.face, s.fontSize)
                    face = run.face
                if run.char_space != space:
                    text.setCharSpace(run.char_space)
                    space = run.char_space
                text.setTextOrigin(run.x, baseline)
                text.textOut(run.text)
            baseline -= s.leading
        canvas.drawText(text)
        canvas.restoreState()

    # ---- layout ---------------------------------------------------------------------------

    def _widths(self) -> tuple[list[float], list[float], list[str]]:
        """Per character: its place on the line (the grid's pitch for a full-width character),
        its glyph's own width, and its face."""
        size = self.style.fontSize
        pitch = getattr(self.style, "grid", 0.0) * size
        places, natural, faces = [], [], []
        for ch in self.text:
            face, width = _metrics(self.faces, ch, size)
            faces.append(face)
            natural.append(width)
            places.append(pitch if pitch and width >= 0.9 * size else width)
        return places, natural, faces

    def _layout(self, avail: float) -> None:
        if avail == self._laid_for:
            return
        s = self.style
        first = 0.0 if self.continued else s.firstLineIndent
        width = avail - s.leftIndent - s.rightIndent
        places, natural, faces = self._widths()
        text = self.text
        spans = line_spans(text, places, [width - first, width])
        self._lines, self._starts = [], []
        for n, (start, end) in enumerate(spans):
            hard = text[end - 1] == HARD_BREAK
            last = hard or (end == len(text) and not self.open_end)
            stop = end - 1 if hard else end
            limit = width - (first if n == 0 else 0.0)
            left = s.leftIndent + (first if n == 0 else 0.0)
            self._lines.append(_runs(text, places, natural, faces, start, stop, limit, left,
                                     s.alignment, justify=s.alignment == TA_JUSTIFY and not last))
            self._starts.append(start)
        self._laid_for = avail


def _runs(text: str, places: list[float], natural: list[float], faces: list[str], start: int,
          stop: int, limit: float, left: float, alignment: int, justify: bool) -> list[Run]:
    """One line as runs: the characters ``start:stop`` placed from ``left`` in ``limit``."""
    extra = limit - sum(places[start:stop])
    gaps = [i for i in range(start, stop - 1)
            if not (_is_word_char(text[i]) and _is_word_char(text[i + 1]))]
    # A line that gave more than a few characters to the next (an unbreakable run or mark moved
    # down) stays ragged rather than spaced out.
    justify = justify and extra <= MAX_STRETCH * (sum(places[start:stop]) / max(stop - start, 1))
    per_gap = extra / len(gaps) if justify and gaps else 0.0
    gap_set = set(gaps) if per_gap else set()
    x = left
    if alignment == TA_CENTER:
        x += extra / 2
    elif alignment == TA_RIGHT:
        x += extra
    runs: list[Run] = []
    chars: list[str] = []
    run_x, run_face, run_space = x, "", 0.0
    for i in range(start, stop):
        advance = places[i] + (per_gap if i in gap_set else 0.0)
        space = round(advance - natural[i], 4)
        if chars and (faces[i] != run_face or space != run_space):
            runs.append(Run(run_x, run_face, run_space, "".join(chars)))
            chars = []
        if not chars:
            run_x, run_face, run_space = x, faces[i], space
        chars.append(text[i])
        x += advance
    if chars:
        runs.append(Run(run_x, run_face, run_space, "".join(chars)))
    return runs


_METRICS: dict[tuple[FaceChain, float], dict[str, tuple[str, float]]] = {}


def _metrics(faces: FaceChain, ch: str, size: float) -> tuple[str, float]:
    """The face that sets ``ch`` and the glyph's width at ``size``, remembered."""
    known = _METRICS.setdefault((faces, size), {})
    found = known.get(ch)
    if found is None:
        face = faces.face_for(ch)
        if face is None:
            raise FontNotFoundError(f"所用字体缺少字符“{ch}”的字形。\n"
                                    f"No face of {faces.names} has a glyph for {ch!r}.")
        width = 0.0 if ch in (HARD_BREAK, "\u200b") else stringWidth(ch, face, size)
        found = known[ch] = (face, width)
    return found
