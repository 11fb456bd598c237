"""Chinese line breaking (禁则): no line starts with closing punctuation or ends with an opening
bracket, checked on the break positions and on real PDFs read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from meetingdesk.record.fonts import find_cjk_font, register_font
from meetingdesk.record.linebreak import (NO_LINE_END, NO_LINE_START, CJKParagraph, can_break,
                                          line_spans)

FORBIDDEN_START = "，。、；：？！）」』》"
FORBIDDEN_END = "（「『《"


def lines_of(text: str, width: int) -> list[str]:
    """Break ``text`` with every character one unit wide, ``width`` units to the line."""
    return [text[s:e] for s, e in line_spans(text, [1.0] * len(text), [width])]


def test_the_brief_s_punctuation_is_covered():
    assert set(FORBIDDEN_START) <= set(NO_LINE_START)
    assert set(FORBIDDEN_END) <= set(NO_LINE_END)


@pytest.mark.parametrize("mark", list(FORBIDDEN_START))
def test_closing_punctuation_does_not_start_a_line(mark):
    # Greedy filling would put the mark at the head of line two: the char before it goes along.
    assert lines_of(f"一二三四五{mark}六七", 5) == ["一二三四", f"五{mark}六七"]


@pytest.mark.parametrize("mark", list(FORBIDDEN_END))
def test_opening_bracket_does_not_end_a_line(mark):
    assert lines_of(f"一二三四{mark}五六七", 5) == ["一二三四", f"{mark}五六七"]


def test_two_marks_in_a_row_stay_with_the_word_before_them():
    assert lines_of("一二三四五）。六", 5) == ["一二三四", "五）。六"]


def test_numbers_and_times_are_not_split():
    assert lines_of("金额为350,000元", 7) == ["金额为", "350,000", "元"]
    assert lines_of("会议于09:05开始", 5) == ["会议于", "09:05", "开始"]


def test_dash_and_ellipsis_pairs_stay_whole():
    assert lines_of("一二三四——五", 5) == ["一二三四", "——五"]
    assert lines_of("一二三四……五", 5) == ["一二三四", "……五"]


def test_a_short_mark_in_lenticular_brackets_stays_whole():
    assert lines_of("一二三【见更正一】", 7) == ["一二三", "【见更正一】"]


def test_unbreakable_run_longer_than_a_line_is_cut_when_full():
    assert lines_of("a" * 12, 5) == ["aaaaa", "aaaaa", "aa"]


def test_hard_break_ends_its_line():
    assert lines_of("一二\n三四五六七", 5) == ["一二\n", "三四五六七"]


def test_first_line_has_its_own_width():
    text = "一二三四五六七"
    assert [text[s:e] for s, e in line_spans(text, [1.0] * 7, [3, 5])] == ["一二三", "四五六七"]


def test_can_break_between_ideographs():
    assert can_break("会", "议")
    assert not can_break("会", "，")
    assert not can_break("《", "会")


def _pdftotext_lines(tmp_path, story) -> list[str]:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    path = tmp_path / "p.pdf"
    SimpleDocTemplate(str(path)).build(story)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def test_rendered_paragraphs_obey_the_rules(tmp_path):
    font = register_font(find_cjk_font())
    style = ParagraphStyle("t", fontName=font, fontSize=16, leading=24, wordWrap="CJK")
    # Every punctuation mark at every offset against the line end, with and without a typed
    # line break before it.
    chunk = "".join(f"会议{m}纪实（台）" for m in FORBIDDEN_START + "，。")
    text = "".join(chunk[k:] + chunk[:k] for k in range(0, 28, 3))
    lines = _pdftotext_lines(tmp_path, [CJKParagraph(text, style),
                                        CJKParagraph("开头\n" + text, style)])
    assert len(lines) > 40
    assert re.sub(r"\s", "", "".join(lines)).count("会议") == 2 * text.count("会议")
    assert [ln for ln in lines if ln[0] in FORBIDDEN_START] == []
    assert [ln for ln in lines if ln[-1] in FORBIDDEN_END] == []


def test_typed_line_breaks_survive_a_page_break(tmp_path):
    """A paragraph of typed lines split across pages keeps every line as typed (the first part
    is justified to its last line; the second starts where the typed line does)."""
    font = register_font(find_cjk_font())
    style = ParagraphStyle("t", fontName=font, fontSize=16, leading=24)
    typed = [f"第{n}行：村民代表会议讨论通过" for n in range(1, 70)]
    lines = _pdftotext_lines(tmp_path, [CJKParagraph("\n".join(typed), style)])
    assert len(typed) > 60  # more than a page of a SimpleDocTemplate at 24 pt
    assert [re.sub(r"\s", "", ln) for ln in lines if "行" in ln] == typed


def test_a_character_its_face_lacks_comes_from_the_next_face(tmp_path):
    """Per-character fallback: a face without a glyph hands that character to the next face
    of the chain; none at all is refused, never drawn as a box."""
    from meetingdesk.record.fonts import FaceChain, FontNotFoundError, find_record_faces

    chain = find_record_faces().body
    if len(chain.names) < 2:
        pytest.skip("needs two Chinese faces")
    first, second = chain.names[:2]
    lacks = next((ch for ch in map(chr, range(0x4E00, 0x9FA6))
                  if chain.face_for(ch) == second), None)
    if lacks is None:
        pytest.skip("the first face has every character the second has")
    style = ParagraphStyle("t", fontName=first, faces=chain, fontSize=16, leading=24)
    lines = _pdftotext_lines(tmp_path, [CJKParagraph(f"会议{lacks}纪实", style)])
    assert lines == [f"会议{lacks}纪实"]
    fonts = subprocess.run(["pdffonts", str(tmp_path / "p.pdf")], capture_output=True,
                           text=True, check=True).stdout
    assert len([ln for ln in fonts.splitlines()[2:] if ln.strip()]) >= 2
    only = ParagraphStyle("o", fontName=first, faces=FaceChain((first,)), fontSize=16,
                          leading=24)
    with pytest.raises(FontNotFoundError):
        CJKParagraph(f"会议{lacks}", only).wrap(400, 400)
