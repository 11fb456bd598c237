"""The filed PDF, read back with poppler's tools (pdftotext, pdffonts, pdfinfo, pdfimages,
pdftoppm) rather than with our own code."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from meetingdesk.record.minutes import (Absence, Correction, HeadDecision, MemberVote, Minutes,
                                        Speech, Tally, Vote)
from meetingdesk.record.pdf import render_minutes
from meetingdesk.record.sample import sample_minutes

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"),
                                reason="poppler-utils is not installed")

FORBIDDEN_START = "，。、；：？！）」』》"
FORBIDDEN_END = "（「『《"
MM = 72 / 25.4


def poppler(tool: str, *args: str | Path) -> str:
    return subprocess.run([tool, *map(str, args)], capture_output=True, text=True,
                          check=True).stdout


def squeeze(text: str) -> str:
    """Text without any white space (pdftotext spaces CJK text by its own judgement)."""
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def sample() -> Minutes:
    return sample_minutes()


@pytest.fixture(scope="module")
def pdf(sample, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("record") / "record.pdf"
    path.write_bytes(render_minutes(sample))
    return path


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    return poppler("pdftotext", "-layout", pdf, "-").split("\f")[:-1]


def body(pages: list[str], m: Minutes) -> str:
    """The text of all pages without the running head and foot, white space squeezed out."""
    keep = []
    for page in pages:
        for line in page.splitlines():
            s = squeeze(line)
            if (s.startswith(m.unit_name) and s.endswith(m.date)) or \
                    re.fullmatch(r"—\d+—", s) or \
                    re.fullmatch(f"记录指纹（SHA-256）：{m.fingerprint}本纪实共\\d+页", s):
                continue
            keep.append(s)
    return "".join(keep)


def items_text(pages: list[str], m: Minutes) -> str:
    """The body after the header block (whose agenda names every item too)."""
    text = body(pages, m)
    return text[text.index(squeeze(f"议事规则：{m.rule_set_label}")):]


def test_a4_with_the_meeting_in_its_metadata(pdf, sample):
    info = poppler("pdfinfo", pdf)
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    assert f"Title:           {sample.unit_name}{sample.meeting_title}会议纪实" in info


def test_every_speech_is_there_in_speaking_order_with_time_and_stance(pages, sample):
    text = body(pages, sample)
    position = 0
    for item in sample.items:
        heading = squeeze(f"{item.title}")
        position = text.index(heading, position)
        for speech in item.speeches:
            mark = "（程序性发言）" if speech.procedural else (
                f"（{speech.stance_label}）" if speech.stance_label else "")
            needle = squeeze(f"{speech.time}{speech.name}{mark}：{speech.words}")
            found = text.find(needle, position)
            assert found >= 0, f"{needle!r} missing or out of order"
            if speech.reason:
                assert text.startswith(squeeze(f"理由：{speech.reason}"), found + len(needle))
            position = found + len(needle)


def test_the_chief_s_early_remark_is_marked_procedural(pages, sample):
    chief = sample.chair
    assert squeeze(f"09:20{chief}（程序性发言）：") in body(pages, sample)


def test_header_block_has_attendance_and_the_rule_set(pages, sample):
    text = body(pages, sample)
    assert squeeze(pages[0]).index("议程：一、关于青石村至下湾村道路硬化工程资金安排的议题二、关于何志远") \
        < squeeze(pages[0]).index("应到会")
    for expected in ("时间：2026年3月12日09:00至11:45", "主持人：林堃", "应到会：9人",
                     "到会情况：应到9人，实到8人，符合规定人数",
                     "实到会：8人", "缺席：黄海燕（参加县委党校中青年干部培训班），书面意见：",
                     "迟到：李建国（09:15到会）", "列席：马超（乡财政所所长）",
                     squeeze(f"议事规则：{sample.rule_set_label}")):
        assert expected in text


def test_item_facts_result_and_deferral(pages, sample):
    text = body(pages, sample)
    for expected in ("【三重一大】类别：重大项目安排；项目资金350,000元，达到200,000元标准",
                     "金额：350,000元（项目资金）", "回避：吴珺（拟任人选何志远系其配偶之兄）",
                     "表决结果：同意7票，超过应到会9人的半数，通过",
                     "缓议本议题暂缓表决。理由：意见分歧较大",
                     "【更正一】2026年3月13日10:20，刘晓岚。更正理由：议题一中一处发言时间记录有误"):
        assert expected in text


def test_open_vote_lists_every_member_with_a_choice(pages, sample):
    text = items_text(pages, sample)
    road = text[text.index("一、关于青石村"):text.index("二、关于")]
    votes = road[road.index("表决方式：举手表决"):]
    for vote in sample.items[0].votes[0].member_votes:
        assert f"{vote.name}{vote.choice_label}" in votes


def test_secret_ballot_shows_only_tallies(pages, sample):
    text = items_text(pages, sample)
    item = text[text.index("二、关于何志远"):text.index("三、关于")]
    ballot = item[item.index("候选人："):item.index("（四）决定")]
    assert "计票：同意6票，不同意1票，弃权0票" in ballot
    assert "候选人：张一鸣（现任青石村党支部书记，拟任乡农业农村办主任）" in ballot
    assert "姓名" not in ballot  # no per-member table
    voters = set(sample.present) - {"周玥", "李建国"}  # the scrutineers are named
    assert [name for name in voters if name in ballot] == []


def test_secret_ballot_cannot_carry_who_voted_what():
    with pytest.raises(ValueError):
        Vote("无记名投票", "通过", tally=Tally(5, 0, 0), member_votes=(MemberVote("林堃", "同意"),))


def test_fonts_are_embedded_subsets(pdf):
    rows = poppler("pdffonts", pdf).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert re.match(r"[A-Z]{6}\+", name), row


def test_no_images_signatures_and_qr_code_are_vectors(pdf):
    listing = poppler("pdfimages", "-list", pdf).splitlines()
    assert len(listing) == 2  # the two header lines, no image rows


def test_no_line_starts_or_ends_with_the_wrong_punctuation(pdf):
    for mode in ((), ("-layout",)):
        lines = [ln.strip() for ln in poppler("pdftotext", *mode, pdf, "-").splitlines()]
        lines = [ln for ln in lines if ln]
        assert [ln for ln in lines if ln[0] in FORBIDDEN_START] == []
        assert [ln for ln in lines if ln[-1] in FORBIDDEN_END] == []


def test_every_page_has_head_number_and_fingerprint(pages, sample):
    assert len(pages) >= 5
    for n, page in enumerate(pages, 1):
        text = squeeze(page)
        assert text.startswith(squeeze(f"{sample.unit_name}{sample.meeting_title}会议纪实"))
        assert f"—{n}—" in text
        assert text.endswith(f"记录指纹（SHA-256）：{sample.fingerprint}本纪实共{len(pages)}页")
    assert re.search(r"— ?1 ?—", pages[0])


def test_text_stays_inside_the_margins(pdf):
    """Every word pdftotext finds lies between the binding margin (28 mm) and the right edge of
    the 156 mm text area, and either inside the 225 mm text area below the 37 mm top margin or
    clear of it (the running head and foot): nothing hangs over an edge."""
    boxes = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                       r"(.*?)</word>", poppler("pdftotext", "-bbox", pdf, "-"))
    assert boxes
    left, right = 28 * MM, (28 + 156) * MM
    top, bottom = 37 * MM, (37 + 225) * MM
    for x0, y0, x1, y1, word in boxes:
        assert left - 0.5 <= float(x0) and float(x1) <= right + 0.5, word
        inside = top - 1 <= float(y0) and float(y1) <= bottom + 1
        above, below = float(y1) < top - 3 * MM, float(y0) > bottom + 3 * MM
        assert inside or above or below, word


def test_captured_signatures_are_drawn_in_ink(pdf, pages, tmp_path):
    last = len(pages) - [i for i, p in enumerate(reversed(pages))
                         if re.search(r"^\s*签\s+字\s*$", p, re.M)][0]
    subprocess.run(["pdftoppm", "-r", "50", "-f", str(last), "-l", str(last), "-png", str(pdf),
                    str(tmp_path / "sig")], check=True)
    image = Image.open(next(tmp_path.glob("sig*.png"))).convert("RGB")
    ink = sum(1 for r, g, b in image.get_flattened_data() if b > 60 and b > r + 40 and b > g + 30)
    assert ink > 50  # the blue-black strokes of the two captured signatures


def test_large_meeting_breaks_cleanly_across_many_pages(tmp_path):
    m = sample_minutes(items=40, members=15)
    path = tmp_path / "large.pdf"
    path.write_bytes(render_minutes(m))
    pages = poppler("pdftotext", "-layout", path, "-").split("\f")[:-1]
    assert len(pages) > 60
    for n, page in enumerate(pages, 1):
        text = squeeze(page)
        assert text.startswith(squeeze(f"{m.unit_name}{m.meeting_title}会议纪实")), n
        assert f"—{n}—" in text and m.fingerprint in text, n
    text = body(pages, m)
    open_votes = [v for item in m.items for v in item.votes if not v.secret]
    assert text.count("表决方式：举手表决") == len(open_votes) == 37
    for item in m.items:
        assert squeeze(f"{item.title}") in text
    lines = [ln.strip() for ln in "".join(pages).splitlines() if ln.strip()]
    assert [ln for ln in lines if ln[0] in FORBIDDEN_START] == []


def test_signers_beyond_one_page_repeat_the_table_header(tmp_path):
    m = sample_minutes(members=15)
    many = dataclasses.replace(m, signers=m.signers * 2)
    pages = poppler("pdftotext", "-layout", _write(tmp_path, many), "-").split("\f")[:-1]
    signing = [p for p in pages if "职责" in p]
    assert len(signing) >= 2


def _write(tmp_path: Path, m: Minutes) -> Path:
    path = tmp_path / "record.pdf"
    path.write_bytes(render_minutes(m))
    return path


def test_head_decision_reconsideration_and_going_on_despite_division(tmp_path):
    m = sample_minutes()
    market = m.items[2]
    reconsidered = dataclasses.replace(
        market, deferral_reason=None, carried_over_from="2026年第11次党委会议题三（缓议）",
        proceed_reason="商户意见已充分听取，方案已修改",
        votes=(Vote("举手表决", "同意 5 票，超过应到会 9 人的半数，通过",
                    member_votes=tuple(MemberVote(n, "同意") for n in m.present[:5])),),
        decision_text="会议同意修改后的租金调整方案。",
        head_decision=HeadDecision("赵犇", "修改", "按多数意见下调涨幅至15%"))
    text = body(poppler("pdftotext", "-layout", _write(tmp_path, dataclasses.replace(
        m, items=(reconsidered,))), "-").split("\f")[:-1], m)
    for expected in ("复议：2026年第11次党委会议题三（缓议）",
                     "意见分歧较大，主持人决定继续表决。理由：商户意见已充分听取，方案已修改",
                     "（四）决定会议同意修改后的租金调整方案。",
                     "主要负责人（赵犇）决定：修改。理由：按多数意见下调涨幅至15%"):
        assert expected in text
    assert "缓议本议题暂缓表决" not in text


def test_fields_and_speeches_longer_than_a_page_are_split(tmp_path):
    m = sample_minutes()
    opinion, correction, words = "书面意见第{}句。", "更正内容第{}句。", "发言内容第{}句。"
    long_item = dataclasses.replace(m.items[3], speeches=(
        Speech("11:38", "赵犇", "".join(words.format(i) for i in range(300))),))
    m = dataclasses.replace(
        m, absent=(Absence("黄海燕", "培训", "".join(opinion.format(i) for i in range(300))),),
        corrections=(Correction("2026年3月13日", "刘晓岚", "补记",
                                "".join(correction.format(i) for i in range(300))),),
        items=m.items[:3] + (long_item,))
    text = body(poppler("pdftotext", "-layout", _write(tmp_path, m), "-").split("\f")[:-1], m)
    for pattern in (opinion, correction, words):
        assert all(pattern.format(i) in text for i in range(300))


def test_line_breaks_typed_by_the_recorder_are_kept(tmp_path):
    m = sample_minutes()
    study = dataclasses.replace(m.items[3], speeches=(
        Speech("11:38", "赵犇", "一是抓学习；\n二是抓落实。\n三是抓<监督>&检查。"),))
    lines = [squeeze(ln) for ln in poppler("pdftotext", "-layout", _write(
        tmp_path, dataclasses.replace(m, items=(study,))), "-").splitlines()]
    assert "11:38赵犇：一是抓学习；" in lines
    assert "二是抓落实。" in lines and "三是抓<监督>&检查。" in lines
