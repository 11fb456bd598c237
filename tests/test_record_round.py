"""The filed record of meetings run under the round-of-opinions rules (R3-R7a), recorded through
the rules core and read back from the PDF with pdftotext, as a county clerk reads it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from meeting_factory import APPOINT_ITEM, CHIEF, FUND_ITEM, Harness, start_payload
from meetingdesk.record.build import minutes_from_meeting
from meetingdesk.record.pdf import render_minutes
from test_record_pdf import MM, body, poppler, squeeze

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"),
                                reason="poppler-utils is not installed")

FP = "c" * 64
CANDIDATES = [  # four people: more than one table's width of candidate columns
    {"name": "林玥", "current_post": "村委委员", "proposed_post": "村党支部书记"},
    {"name": "何犇", "current_post": "村文书", "proposed_post": "村党支部副书记"},
    {"name": "罗喆", "current_post": "村妇联主席", "proposed_post": "村党支部委员"},
    {"name": "曹珺", "current_post": "村团支部书记", "proposed_post": "村党支部委员"},
]


def hm(h: Harness, seq: int) -> str:
    return h.events[seq - 1].at[11:16]


def read(h: Harness, tmp_path: Path) -> tuple[list[str], str]:
    """The record's pages as pdftotext lays them out, and the body squeezed of white space."""
    m = minutes_from_meeting(h.meeting, FP)
    path = tmp_path / "record.pdf"
    path.write_bytes(render_minutes(m))
    pages = poppler("pdftotext", "-layout", path, "-").split("\f")[:-1]
    return pages, body(pages, m)


def hear_all_but_the_last(h: Harness, recusal: str) -> None:
    """Open item 1, 赵燊 recuses, the presenter reports, everyone states but the last speaker."""
    h.do("item_opened", item_no=1)
    h.do("recusal", 6, item_no=1, reason=recusal)
    h.do("report", h.meeting.items[1].spec.presenter_id, item_no=1, words="汇报：情况如下。")
    for m in h.meeting.speaking_queue(1):
        h.say(1, m)


# ---- a fund item: recusal, written opinions, an amendment, a late arrival after the round -------

@pytest.fixture(scope="module")
def fund() -> Harness:
    """The chief, 周海 and 吴敏 are away at the roll call; 周海 sends a written opinion and then
    comes before the item; 赵燊 recuses; 刘珺's stance is amended; the deputy speaks last, the
    chief's written opinion comes after; 吴敏 arrives once the round has ended."""
    h = Harness(start_payload([FUND_ITEM]))
    h.open(absent={CHIEF: "赴县委开会", 8: "下村检查", 9: "出差"})
    h.do("written_opinion", 8, item_no=1, stance="agree", words="同意，请按时拨付。")
    h.do("arrived", 8)
    hear_all_but_the_last(h, recusal="本人亲属系合作社负责人")
    mistaken = next(e for e in h.events if e.type == "opinion" and e.member_id == 5)
    h.do("amendment", None, item_no=1, refers_to_seq=mistaken.seq, stance="disagree",
         reason="合作社名单未公示", words="不同意，名单公示后再议。")
    h.say(1, 2)  # the deputy chair speaks last: the chief is away
    h.do("written_opinion", CHIEF, item_no=1, stance="agree", words="同意，专款专用。")
    h.do("arrived", 9)
    h.vote_all(1)
    h.do("decision", item_no=1, text="同意拨付。")
    h.do("meeting_closed")
    return h


@pytest.fixture(scope="module")
def fund_record(fund, tmp_path_factory) -> tuple[list[str], str]:
    return read(fund, tmp_path_factory.mktemp("fund"))


def test_page_one_has_the_agenda_and_the_quorum_as_met(fund_record):
    pages, _ = fund_record
    first = squeeze(pages[0])
    assert "议程：一、拨付台风灾后农业合作社补助资金" in first
    assert "到会情况：应到9人，实到8人，符合规定人数" in first  # 王建堃 never came


def test_the_item_quorum_is_met_against_its_base(fund_record):
    _, text = fund_record
    vote = text[text.index("表决到会情况"):]
    assert vote.startswith("表决到会情况：本议题应到8人（应到会9人，回避1人），实到7人，符合规定人数")


def test_a_member_arriving_after_the_round_is_said_to_have_stated_nothing(fund, fund_record):
    _, text = fund_record
    arrival = next(e for e in fund.events if e.type == "arrived" and e.member_id == 9)
    said = text[text.index("发言（按发言顺序）"):text.index("（三）书面意见（")]
    assert said.endswith(f"吴敏{hm(fund, arrival.seq)}到会，到会时本项已由主要负责人表态，"
                         "未参加表态。")


def test_written_opinions_apart_not_counted_superseded_marked_the_chief_last(fund, fund_record):
    _, text = fund_record
    written = text[text.index("书面意见（缺席成员会前提交，不计入表态和表决）"):text.index("（四）表决")]
    zhou, chief = (next(e for e in fund.events if e.type == "written_opinion"
                        and e.member_id == m) for m in (8, CHIEF))
    assert written.index(f"{hm(fund, zhou.seq)}周海（书面意见，同意，不计入表态）：同意，请按时拨付。"
                         "（本人到会后当面表态，此书面意见不再有效）") < written.index(
        f"{hm(fund, chief.seq)}王建堃（书面意见，同意，不计入表态）：同意，专款专用。")
    assert written.endswith("王建堃（书面意见，同意，不计入表态）：同意，专款专用。")
    assert "周海（同意）" in text[:text.index("书面意见（缺席")]  # he spoke in person


def test_an_amended_opinion_stays_with_its_amendment_and_what_changed(fund, fund_record):
    _, text = fund_record
    original, amendment = (next(e for e in fund.events if e.type == kind and e.member_id == 5)
                           for kind in ("opinion", "amendment"))
    at, then = hm(fund, original.seq), hm(fund, amendment.seq)
    said = text[text.index("发言（按发言顺序）"):]
    first = said.index(f"{at}刘珺（同意）：agree：我的意见是……（已于{then}修改，见下）")
    second = said.index(f"{then}【修改{at}刘珺的表态发言】刘珺（不同意）：不同意，名单公示后再议。"
                        "理由：合作社名单未公示（改动：表态：同意→不同意；发言内容）")
    assert first < second < said.index("李犇（同意）")  # at its time, before the last speaker


# ---- an appointment: 逐一表态, a paper ballot, reconsideration ------------------------------------

@pytest.fixture(scope="module")
def appointment() -> Harness:
    """Four candidates; 赵燊 recuses, 吴敏 is away; 李犇 disagrees on 何犇 (his stance amended
    after the chief's, before the vote); paper ballots with a void one; the result is reconsidered and voted again,
    and a second request to reconsider is refused."""
    item = {**APPOINT_ITEM, "no": 1, "candidates": CANDIDATES}
    h = Harness(start_payload([item]))
    h.open(absent={9: "出差"})
    hear_all_but_the_last(h, recusal="近亲属")
    h.say(1, CHIEF)
    first = next(e for e in h.events if e.type == "opinion" and e.member_id == 2)
    stances = [{"candidate": k, "stance": "agree", "reason": ""} for k in (1, 3, 4)]
    h.do("amendment", None, item_no=1, refers_to_seq=first.seq, words="对何犇有不同意见。",
         stances=stances + [{"candidate": 2, "stance": "disagree", "reason": "群众基础较弱"}])
    everyone = {str(k): "agree" for k in range(1, 5)}
    h.paper_ballot(1, [everyone] * 6 + [None], scrutineer=4, counter=3)
    h.do("decision", item_no=1, text="同意推荐。")
    h.do("reconsideration", None, item_no=1, reason="何犇的考察材料有新情况", agree=6,
         disagree=1, abstain=0)
    h.paper_ballot(1, [everyone] * 5 + [{**everyone, "2": "disagree"}, None], scrutineer=4,
                   counter=3)
    h.do("decision", item_no=1, text="复议后同意推荐。")
    h.do("reconsideration", None, item_no=1, reason="再次要求复议", agree=2, disagree=4,
         abstain=1)
    h.do("meeting_closed")
    return h


@pytest.fixture(scope="module")
def appointment_pdf(appointment, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("appointment") / "record.pdf"
    path.write_bytes(render_minutes(minutes_from_meeting(appointment.meeting, FP)))
    return path


@pytest.fixture(scope="module")
def appointment_record(appointment, appointment_pdf) -> tuple[list[str], str]:
    pages = poppler("pdftotext", "-layout", appointment_pdf, "-").split("\f")[:-1]
    return pages, body(pages, minutes_from_meeting(appointment.meeting, FP))


def test_each_opinion_states_on_each_candidate(appointment, appointment_record):
    _, text = appointment_record
    said = text[text.index("发言（按发言顺序）"):text.index("逐一表态情况")]
    chief = next(e for e in appointment.events if e.type == "opinion" and e.member_id == CHIEF)
    chief_said = said.index(f"{hm(appointment, chief.seq)}王建堃：agree：我的意见是……逐一表态："
                            "对林玥同意；对何犇同意；对罗喆同意；对曹珺同意。")
    assert said.endswith("李犇：对何犇有不同意见。逐一表态：对林玥同意；对何犇不同意，"
                         "理由：群众基础较弱；对罗喆同意；对曹珺同意。"
                         "（改动：对何犇的表态：同意→不同意；发言内容）")  # at its time
    assert chief_said < said.index("【修改")


def test_the_stance_table_has_a_row_per_member_chief_last(appointment, appointment_record):
    pages, text = appointment_record
    table = text[text.index("逐一表态情况："):text.index("（三）")]
    # Two tables: three candidate columns beside the name and the time, then the fourth
    # (a table running onto the next page repeats its header row).
    assert "姓名时间林玥何犇罗喆" in table and "姓名时间曹珺" in table
    table = table.replace("姓名时间曹珺", "").replace("姓名时间林玥何犇罗喆", "")
    opinions = {e.member_id: hm(appointment, e.seq) for e in appointment.events
                if e.type in ("opinion", "amendment")}
    rows = re.findall(r"(\S+?)(\d\d:\d\d)((?:同意|不同意)+)", table)
    first_table = [(name, time) for name, time, _ in rows[:7]]
    assert first_table[-1] == ("王建堃", opinions[CHIEF])  # the chief last, amended after
    assert ("李犇", opinions[2], "同意不同意同意") in rows  # the amended stance stands
    assert len(rows) == 2 * 7  # the seven who stated, in each table


def test_the_ballot_papers_and_scrutineers_with_the_result(appointment_record):
    """Four candidates' results are longer than a page: the papers and the scrutineers stay
    with the first results, and no candidate's tally is parted from its result."""
    pages, text = appointment_record
    vote_page = next(squeeze(p) for p in pages if "发出" in p)
    assert "选票：发出7张，收回7张，有效6张，废票1张" in vote_page
    assert "监票人：陈玥计票人：张喆" in vote_page
    assert vote_page.index("选票：") < vote_page.index("候选人：林玥") < vote_page.index(
        "表决结果：同意6票，不同意0票，弃权0票")
    for page in map(squeeze, pages):
        assert page.count("计票：") == page.count("表决结果：")
    assert "候选人：何犇（现任村文书，拟任村党支部副书记）计票：同意5票，不同意1票，弃权0票" \
        "表决结果：同意5票，不同意1票，弃权0票；同意票超过应到会9人（除回避1人后为8人）的半数，" \
        "通过" in text  # voted again


def test_a_short_secret_ballot_is_kept_on_one_page(tmp_path):
    """Two candidates: the papers, the scrutineers and both results on one page, however the
    item's speeches fall."""
    h = Harness(start_payload([{**APPOINT_ITEM, "no": 1}]))
    h.open()
    h.discuss(1)
    h.paper_ballot(1, [{"1": "agree", "2": "agree"}] * 8 + [{"1": "disagree"}])
    h.do("decision", item_no=1, text="同意推荐。")
    h.do("meeting_closed")
    pages, _ = read(h, tmp_path)
    (vote_page,) = [squeeze(p) for p in pages if "表决方式" in p]
    assert "选票：发出9张，收回9张，有效9张，废票0张监票人：陈玥计票人：赵燊" in vote_page
    assert vote_page.count("表决结果：") == 2


def test_the_personnel_quorum_against_the_item_s_base(appointment_record):
    _, text = appointment_record
    assert "到会情况：本议题应到8人（应到会9人，回避1人），实到7人，须到6人，符合规定人数" in text


def test_reconsideration_request_vote_earlier_result_then_the_new_vote(appointment,
                                                                      appointment_record):
    _, text = appointment_record
    granted, refused = (e for e in appointment.events if e.type == "reconsideration")
    request = text.index(f"（三）复议{hm(appointment, granted.seq)}提请复议。"
                         "理由：何犇的考察材料有新情况")
    assert text.startswith("是否复议：同意6票，不同意1票，弃权0票；同意票超过应到会9人的半数，通过。"
                           "会议同意复议，重新表决。原表决：人选林玥：同意6票",
                           text.index("是否复议", request))
    assert "人选何犇：同意6票，不同意0票，弃权0票" in text  # the earlier result stays printed
    new_vote = text.index("（四）表决（复议后重新表决）")
    decision = text.index("（五）决定复议后同意推荐。")
    assert request < new_vote < decision
    assert text.index(f"（六）复议{hm(appointment, refused.seq)}提请复议。理由：再次要求复议") \
        > decision
    assert "是否复议：同意2票，不同意4票，弃权1票；同意票未超过应到会9人的半数，未通过。" \
        "复议未获同意，原表决结果有效。" in text


def test_the_tables_stay_inside_the_text_area(appointment_pdf):
    boxes = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"',
                       poppler("pdftotext", "-bbox", appointment_pdf, "-"))
    assert boxes
    assert all(28 * MM - 0.5 <= float(x0) and float(x1) <= (28 + 156) * MM + 0.5
               for x0, x1 in boxes)


def test_an_amended_report_and_a_correction_naming_an_amendment(tmp_path):
    h = Harness(start_payload([FUND_ITEM]))
    h.open()
    h.do("item_opened", item_no=1)
    report = h.do("report", 7, item_no=1, words="拟拨付30万元。")
    fixed = h.do("amendment", None, item_no=1, refers_to_seq=report.seq, words="拟拨付20万元。")
    for m in h.meeting.speaking_queue(1) + [CHIEF]:
        h.say(1, m)
    h.vote_all(1)
    h.do("decision", item_no=1, text="同意拨付。")
    h.do("meeting_closed")
    h.do("correction", None, author="郑小玲", reason="金额笔误", text="应为20.5万元。",
         refers_to_seq=fixed.seq)
    _, text = read(h, tmp_path)
    at, then = hm(h, report.seq), hm(h, fixed.seq)
    assert f"（一）汇报{at}孙昇：拟拨付30万元。（已于{then}修改，见下）（二）发言（按发言顺序）" \
           f"{then}【修改{at}孙昇的汇报】孙昇：拟拨付20万元。（改动：发言内容）【见更正一】" in text
    assert f"所更正：议题一，孙昇的汇报（{then}，修改{at}孙昇的汇报）" in text
