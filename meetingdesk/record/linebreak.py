"""Chinese line breaking (禁则) for ReportLab paragraphs.

ReportLab's ``wordWrap='CJK'`` breaks between any two characters. When the character that
overflows a line may not start one, it hangs that single character in the right margin; it does
not know ，；：？！》 as such characters at all, never keeps an opening bracket off the end of a
line, and splits numbers such as "350,000". ``CJKParagraph`` fills each line greedily and then
moves the break back to the nearest place where one is allowed, so lines stay inside the text
area and no line starts with closing punctuation or ends with an opening bracket.
"""

from __future__ import annotations

from typing import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import ParaLines, Paragraph, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

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
    ends its line (and belongs to it).
    """
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
            end = next((b for b in range(end, start, -1) if can_break(chars[b - 1], chars[b])),
                       end)
        spans.append((start, end))
        start = end
    return spans


class CJKParagraph(Paragraph):
    """A Paragraph with ``wordWrap='CJK'`` whose lines obey the rules of ``can_break``."""

    def breakLinesCJK(self, maxWidths):  # noqa: N802,N803 - ReportLab's names
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        frags = self.frags
        if not frags:
            return super().breakLinesCJK(maxWidths)
        split = getattr(self, "_splitpara", 0) and hasattr(self, "blPara")
        if len(frags) == 1 and not hasattr(frags[0], "cbDefn"):
            frag = frags[0]
            if split:  # the first half of a split paragraph keeps its lines
                return frag.clone(kind=0, lines=self.blPara.lines)
            return self._break_plain(frag, maxWidths)
        if split:
            return self.blPara
        return self._break_frags(frags, maxWidths)

    @staticmethod
    def _break_plain(frag, max_widths: Sequence[float]):
        """One run of text in one font: the common case, and the fast one."""
        text = frag.text if hasattr(frag, "text") else "".join(frag.words)
        widths = _char_widths(text, frag.fontName, frag.fontSize)
        lines = []
        for start, end in line_spans(text, widths, max_widths):
            limit = max_widths[min(len(lines), len(max_widths) - 1)]
            lines.append((limit - sum(widths[start:end]), [text[start:end]]))
        return frag.clone(kind=0, lines=lines, ascent=frag.fontSize, descent=-0.2 * frag.fontSize)

    def _break_frags(self, frags, max_widths: Sequence[float]) -> ParaLines:
        """Several runs (fonts, sizes, <br/>): one cell per character, as ReportLab does."""
        cells: list[cjkU] = []
        for frag in frags:
            if frag.text:
                cells.extend(cjkU(ch, frag, "utf8") for ch in frag.text)
            else:
                cells.append(cjkU("", frag, "utf8"))  # an empty frag: a <br/>
        chars = "".join(
            c or (HARD_BREAK if hasattr(c.frag, "lineBreak") else "\u200b") for c in cells)
        widths = [c.width for c in cells]
        auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        calc_bounds = auto_leading not in ("", "off")
        lines = []
        for start, end in line_spans(chars, widths, max_widths):
            limit = max_widths[min(len(lines), len(max_widths) - 1)]
            used = sum(widths[start:end])
            hard = chars[end - 1] == HARD_BREAK
            lines.append(makeCJKParaLine(cells[start:end], limit, used, limit - used, hard,
                                         calc_bounds))
        return ParaLines(kind=1, lines=lines)


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def _char_widths(text: str, font: str, size: float) -> list[float]:
    """The advance width of each character, remembered per font and size."""
    known = _WIDTHS.setdefault((font, size), {})
    for ch in set(text).difference(known):
        known[ch] = stringWidth(ch, font, size)
    return [known[ch] for ch in text]
