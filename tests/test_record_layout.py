"""The record's layout after GB/T 9704, measured in the PDF with poppler (pdftotext -bbox,
pdftohtml -xml, pdffonts): 28 characters filling each full line, a face per level, page numbers
odd right and even left, 共 N 页, the agenda and quorum on page 1, a vote never split across
pages, corrected entries marked, written opinions apart."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from meetingdesk.record.build import minutes_from_meeting
from meetingdesk.record.fonts import find_record_faces
from meetingdesk.record.pdf import render_minutes
from meetingdesk.record.sample import sample_minutes
from test_record_build import FP, closed_vote_meeting

MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, (28 + 156) * MM
TOP, BOTTOM = 37 * MM, (37 + 225) * MM
GRID = 156 * MM / 28
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"(.*?)</word>")


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          check=True).stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def render(tmp_path: Path, minutes, name: str = "record.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(render_minutes(minutes))
    return path


def pages_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, the words pdftotext -bbox finds: (x0, y0, x1, y1, text), y from the top."""
    out = run("pdftotext", "-bbox", pdf, "-")
    return [[(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in
             WORD.findall(page)] for page in out.split("<page ")[1:]]


def lines(words) -> list[list[tuple[float, float, float, float, str]]]:
    """Words of the text area grouped into lines (same top)."""
    rows: dict[float, list] = {}
    for w in words:
        if TOP - 2 <= w[1] and w[3] <= BOTTOM + 2:
            rows.setdefault(round(w[1], 1), []).append(w)
    return [sorted(r) for _, r in sorted(rows.items())]


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    return render(tmp_path_factory.mktemp("layout"), sample_minutes())


def test_full_lines_hold_28_characters_flush_with_both_edges(sample_pdf):
    full = []
    for page in pages_words(sample_pdf):
        for line in lines(page):
            x0, x1 = line[0][0], line[-1][2]
            assert x1 <= RIGHT + 1, line  # nothing beyond the right edge
            text = "".join(w[4] for w in line)
            if abs(x0 - LEFT) < 0.5 and abs(x1 - RIGHT) < 1 and len(line) == 1 \
                    and not re.search(r"[!-~]", text):
                full.append(len(text))
    # A full line of Chinese holds 28 characters; 27 where a closing mark took the last one
    # along to the next line (禁则), the line still justified to both edges.
    assert set(full) <= {27, 28}
    assert len(full) > 12 and full.count(28) > 0.6 * len(full)


def test_22_lines_to_a_page(sample_pdf):
    counts = [len(lines(page)) for page in pages_words(sample_pdf)[1:-1]]
    assert max(counts) == 22


def test_a_line_with_digits_is_justified_too(sample_pdf):
    # Justified lines that hold Latin runs ("3万元", "09:12") also end at the right edge.
    ends = [line[-1][2] for page in pages_words(sample_pdf) for line in lines(page)
            if re.search(r"[0-9]", "".join(w[4] for w in line)) and len(line) > 1]
    assert sum(1 for x in ends if abs(x - RIGHT) < 1) >= 5


def test_each_level_has_its_face(sample_pdf):
    faces = find_record_faces()
    postscript = {level: pdfmetrics.getFont(getattr(faces, level).primary).face.name.decode()
                  for level in ("title", "body", "heading", "subheading", "number")}
    xml = run("pdftohtml", "-xml", "-i", "-stdout", "-f", "1", "-l", "3", sample_pdf)
    families = dict(re.findall(r'<fontspec id="(\d+)" size="[\d.]+" family="[A-Z]{6}\+([^"]+)"',
                               xml))
    texts = [(families[f], unescape(re.sub("<[^>]+>", "", t))) for f, t in re.findall(r'<text [^>]*font="(\d+)">(.*?)</text>',
                                                              xml)]

    def face_of(pattern: str) -> str:  # the last match: "一、关于" is in the agenda too
        return [f for f, t in texts if re.search(pattern, t)][-1]

    for level, pattern in (("title", r"^中共青石乡委员会$"), ("heading", r"^一、关于"),
                           ("subheading", r"^（一）汇报"), ("body", r"^地点："),
                           ("number", r"^—")):
        family = face_of(pattern)  # "NotoSerifCJKsc" for -Regular/-Bold, "UKaiCN-0" in a .ttc
        assert postscript[level].startswith(family) or family.startswith(postscript[level]), level
    fonts = run("pdffonts", sample_pdf)
    for name in postscript.values():
        assert name in fonts
    if postscript["body"] == "NotoSerifCJKsc-Regular":  # Debian with bootstrap.sh's fonts
        assert postscript["title"] == "NotoSerifCJKsc-Bold"
        assert postscript["heading"].startswith("WenQuanYiZenHei")
        assert postscript["subheading"].startswith("UKaiCN")


def test_page_numbers_odd_right_even_left_one_character_in_7_mm_below(sample_pdf):
    pages = pages_words(sample_pdf)
    assert len(pages) >= 4
    for n, words in enumerate(pages, 1):
        number = [w for w in words if BOTTOM < w[1] and w[3] < BOTTOM + 12 * MM]
        assert [w[4] for w in number] == ["—", str(n), "—"], n
        left, right = number[0][0], number[-1][2]
        if n % 2:
            assert right == pytest.approx(RIGHT - GRID, abs=1.5), n
        else:
            assert left == pytest.approx(LEFT + GRID, abs=1.5), n
        # The dash is drawn 0.35 em above the baseline: 7 mm below the text area.
        size = number[0][3] - number[0][1]
        dash = number[0][3] - 0.2 * size - 0.35 * size
        assert dash - BOTTOM == pytest.approx(7 * MM, abs=2.5), n


def test_every_page_and_the_signature_page_say_how_many_pages(sample_pdf):
    text = run("pdftotext", "-layout", sample_pdf, "-").split("\f")[:-1]
    total = len(text)
    for n, page in enumerate(text, 1):
        assert f"本纪实共{total}页" in squeeze(page), n
    assert f"本纪实共{total}页（含本页）" in squeeze(text[-1])


def test_page_one_has_the_quorum_and_every_item_of_the_agenda(sample_pdf):
    m = sample_minutes()
    first = squeeze(run("pdftotext", "-f", "1", "-l", "1", sample_pdf, "-"))
    assert f"到会情况：{squeeze(m.quorum_text)}" in first
    assert "应到9人，实到8人，符合规定人数" in first
    for n, item in enumerate(m.items, 1):
        assert squeeze(f"{'一二三四五六七八九'[n - 1]}、{item.title}") in first


def test_the_quorum_and_agenda_come_before_the_long_lists_on_a_large_meeting(tmp_path):
    m = sample_minutes(items=40, members=15)
    first = squeeze(run("pdftotext", "-f", "1", "-l", "1", render(tmp_path, m), "-"))
    assert f"到会情况：{squeeze(m.quorum_text)}" in first
    assert first.index("到会情况") < first.index("议程：") < first.index(squeeze(m.agenda[4]))


def _page_of(pages: list[str], needle: str, start: int = 0) -> int:
    return next(n for n in range(start, len(pages)) if needle in squeeze(pages[n]))


def test_a_vote_at_a_page_foot_moves_whole_to_the_next_page(tmp_path):
    """The report grows line by line, so that the vote of item one meets the page foot at
    every height: its heading, method, votes and result always share one page."""
    m = sample_minutes()
    first = m.items[0]
    moved = 0
    for extra in range(0, 22, 1):
        words = first.report.words + "补充说明材料内容。" * (3 * extra)
        item = dataclasses.replace(first, report=dataclasses.replace(first.report, words=words))
        pdf = render(tmp_path, dataclasses.replace(m, items=(item, *m.items[1:])), f"v{extra}.pdf")
        pages = run("pdftotext", "-layout", pdf, "-").split("\f")[:-1]
        start = _page_of(pages, "一、关于")
        heading = _page_of(pages, "表决方式", start)
        result = _page_of(pages, "表决结果", start)
        assert heading == result, extra
        moved += bool(re.match(r".*?会议纪实.*?日（[一二三四五六七八九]）表决", squeeze(pages[heading])))
    assert moved  # at least one rendering put the vote at a page foot and it moved whole


def test_a_corrected_entry_is_marked_and_the_correction_names_it_as_printed(tmp_path):
    h = closed_vote_meeting()
    report = next(e for e in h.events if e.type == "report")
    h.do("correction", None, author="郑小玲", reason="笔误", text="汇报内容应为……",
         refers_to_seq=report.seq)
    text = squeeze(run("pdftotext", render(tmp_path, minutes_from_meeting(h.meeting, FP)), "-"))
    at = report.at[11:16]
    assert re.search(f"{at}孙昇：.*?【见更正一】", text)
    assert f"所更正：议题一，孙昇的汇报（{at}）" in text
    assert f"第{report.seq}条记录" not in text  # no log number the reader cannot find


def test_written_opinions_are_apart_and_not_counted(sample_pdf):
    m = sample_minutes()
    text = squeeze(run("pdftotext", sample_pdf, "-"))
    written = m.items[0].written[0]
    said = text.index("发言（按发言顺序）")
    apart = text.index("书面意见（缺席成员会前提交，不计入表态和表决）", said)
    found = text.index(squeeze(written.words))
    assert found > apart
    assert f"{written.name}（书面意见，{written.stance_label}，不计入表态）" in text
    assert squeeze(written.words) not in text[said:apart]


def test_a_secret_ballot_on_candidates_stays_on_one_page(tmp_path):
    """Item two is an appointment by secret ballot: its method, ballot papers, each candidate,
    tally and result share one page wherever the report pushes the vote."""
    m = sample_minutes()
    item = m.items[1]
    for extra in range(0, 22, 2):
        words = item.report.words + "补充说明材料内容。" * (3 * extra)
        grown = dataclasses.replace(item, report=dataclasses.replace(item.report, words=words))
        pdf = render(tmp_path, dataclasses.replace(m, items=(m.items[0], grown, *m.items[2:])),
                     f"s{extra}.pdf")
        pages = [squeeze(p) for p in run("pdftotext", "-layout", pdf, "-").split("\f")[:-1]]
        page = next(p for p in pages if "表决方式：无记名投票" in p)
        for vote in item.votes:
            assert squeeze(f"候选人：{vote.candidate.name}") in page, extra
            assert squeeze(vote.result_text) in page, extra
