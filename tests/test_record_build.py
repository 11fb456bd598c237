"""minutes_from_meeting: the record's content from a meeting state the rules core folded."""

from __future__ import annotations

import pytest

from meeting_factory import (APPOINT_ITEM, CHIEF, FUND_ITEM, STUDY_ITEM, Harness, start_payload)
from meetingdesk.domain import DomainError, Meeting
from meetingdesk.record.build import minutes_from_meeting, signing_places
from meetingdesk.record.minutes import AttachedFile

FP = "a" * 64


def closed_vote_meeting(**rule_changes) -> Harness:
    h = Harness(start_payload([FUND_ITEM, APPOINT_ITEM, STUDY_ITEM], rule_changes=rule_changes))
    h.open(absent={9: "出差"})
    h.do("written_opinion", 9, item_no=1, stance="agree", words="同意。", reason="")
    h.do("left", 8, reason="赴村处理急事")
    h.do("arrived", 9)
    h.do("remark", None, item_no=None, observer="钱立", words="请注意回避规定。")
    h.do("item_opened", item_no=1)
    h.do("report", 7, item_no=1, words="汇报：情况如下。")
    h.do("remark", CHIEF, item_no=1, words="请大家围绕资金来源发言。")
    for m in h.meeting.speaking_queue(1):
        h.say(1, m)
    h.say(1, CHIEF)
    h.vote_all(1)
    h.do("decision", item_no=1, text="同意拨付。")
    h.do("item_opened", item_no=2)
    h.do("recusal", 6, item_no=2, reason="近亲属")
    h.do("report", 5, item_no=2, words="考察情况。")
    for m in h.meeting.speaking_queue(2):
        h.say(2, m)
    h.say(2, CHIEF)
    h.paper_ballot(2, [{"1": "agree", "2": "agree"}] * 5 + [{"1": "disagree"}, None],
                   scrutineer=4, counter=3)
    h.do("decision", item_no=2, text="同意推荐。")
    h.do("item_opened", item_no=3)
    h.do("report", 3, item_no=3, words="领学。")
    h.do("item_concluded", item_no=3, text="会议学习了规定。")
    h.do("meeting_closed")
    return h


def test_header_attendance_and_the_rule_set():
    h = closed_vote_meeting()
    m = minutes_from_meeting(h.meeting, h.events[-1].hash)
    assert (m.unit_name, m.meeting_title, m.meeting_type) == ("晓塘乡党委", "2026年第12次党委会",
                                                             "党委会")
    assert m.date == "2026年11月26日" and m.start == "09:11" and m.end == h.events[-1].at[11:16]
    assert m.chair == "王建堃" and m.recorder == "郑小玲" and m.place == "乡政府三楼会议室"
    assert m.expected[0] == "王建堃（党委书记）" and len(m.expected) == 9
    assert "吴敏" in m.present and "周海" in m.present  # late and early leaver attended
    assert m.absent == ()  # 吴敏 came after all
    assert [(p.name, p.reason) for p in m.early_leave] == [("周海", "赴村处理急事")]
    assert [p.name for p in m.late] == ["吴敏"]
    assert m.observers == ("钱立（派驻纪检组长）",)
    assert m.rule_set_label == h.meeting.rules.label
    assert m.remarks[0].name == "钱立（列席）" and not m.remarks[0].procedural
    assert m.fingerprint == h.events[-1].hash and m.meeting_uid == h.meeting.uid


def test_items_as_the_rules_core_judged_them():
    h = closed_vote_meeting()
    fund, appointment, study = minutes_from_meeting(h.meeting, FP).items
    state = h.meeting.items
    assert fund.major_matter and fund.major_reasons == state[1].classification.reasons_zh
    assert fund.amount_label == "300,000 元" and fund.fund_type_label == "项目资金"
    assert fund.presenter == "孙昇（副乡长）" and fund.report.words == "汇报：情况如下。"
    (written,) = fund.written  # apart from what was said in the room
    assert written.written and written.stance_label == "同意" and written.name == "吴敏"
    assert written.superseded  # 吴敏 came before the item and spoke in person
    chief_remark = fund.speeches[0]
    assert chief_remark.procedural and chief_remark.name == "王建堃"
    assert chief_remark.stance_label is None
    assert fund.speeches[-1].name == "王建堃" and fund.speeches[-1].stance_label == "同意"
    (vote,) = fund.votes
    assert vote.method_label == "举手表决" and vote.result_text == state[1].results[None].text_zh
    assert len(vote.member_votes) == len(h.meeting.eligible(1))
    assert fund.decision_text == "同意拨付。" and fund.conclusion_label == "决定"

    assert [r.name for r in appointment.recusals] == ["赵燊"]
    assert [v.candidate.name for v in appointment.votes] == ["林玥", "何犇"]
    assert all(v.secret and not v.member_votes for v in appointment.votes)
    assert appointment.votes[0].scrutineers == ("陈玥",)
    assert appointment.votes[0].counters == ("张喆",)
    assert study.conclusion_label == "小结" and study.decision_text == "会议学习了规定。"
    assert study.category_label is None and study.votes == ()


def test_written_opinions_of_members_still_absent_point_to_the_item():
    h = Harness(start_payload([FUND_ITEM]))
    h.open(absent={9: "出差"})
    h.do("written_opinion", 9, item_no=1, stance="agree", words="同意。", reason="")
    (absence,) = minutes_from_meeting(h.meeting, FP).absent
    assert (absence.name, absence.reason, absence.written_opinion) == ("吴敏", "出差", "见议题一")


def test_deferral_and_head_decision_against_the_majority():
    h = Harness(start_payload([{**STUDY_ITEM, "no": 1}, {**FUND_ITEM, "no": 2,
                               "category": "general", "amount": "30000",
                               "fund_type": "regular"}], mode="head"))
    h.open()
    h.do("item_opened", item_no=1)
    h.do("report", 3, item_no=1, words="领学。")
    h.do("item_concluded", item_no=1, text="")
    h.discuss(2, "agree")
    h.do("head_decision", CHIEF, item_no=2, decision="defer", text="暂缓实施。",
         reason="资金未落实")
    h.do("meeting_closed")
    item = minutes_from_meeting(h.meeting, FP).items[1]
    assert item.head_decision.decision_label == "暂缓" and item.head_decision.reason == "资金未落实"
    assert item.head_decision.time and item.deferral_reason is None
    assert item.decision_text == "暂缓实施。"
    assert all(s.name != "王建堃" for s in item.speeches)  # the head's word is the decision


def test_corrections_void_signatures_which_are_asked_for_again():
    h = closed_vote_meeting()
    h.do("signature", None, role="recorder", name="郑小玲", strokes=[[[0.2, 0.1], [0.6, 0.3]]])
    h.do("signature", CHIEF, role="chair", name="王建堃", strokes=[])
    report = next(e for e in h.events if e.type == "report")
    h.do("correction", None, author="郑小玲", reason="笔误", text="汇报内容应为……",
         refers_to_seq=report.seq)
    m = minutes_from_meeting(h.meeting, FP)
    (c,) = m.corrections
    # Named as the record prints the entry (the log's numbers are not printed), which is marked.
    assert c.refers_to == f"议题一，孙昇的汇报（{report.at[11:16]}）"
    assert m.items[0].report.corrections == (1,)
    assert c.voided == ("记录人 郑小玲", "主持人 王建堃")
    assert [(s.role_label, s.name, s.handwriting) for s in m.signers] == [
        ("记录人", "郑小玲", None), ("主持人", "王建堃", None)]
    places = signing_places(h.meeting)
    assert [(p.role, p.voided, p.signature) for p in places] == [
        ("recorder", True, None), ("chair", True, None)]
    h.do("signature", None, role="recorder", name="郑小玲", strokes=[[[0.2, 0.1], [0.6, 0.3]]])
    signer = minutes_from_meeting(h.meeting, FP).signers[0]
    assert signer.signed_at and signer.handwriting.strokes == (((0.0, 0.0), (0.4, 0.2)),)
    assert (signer.handwriting.width, signer.handwriting.height) == (pytest.approx(0.4),
                                                                      pytest.approx(0.2))


def test_every_attendee_signs_where_the_rule_set_asks():
    h = closed_vote_meeting(all_attendees_sign=True)
    places = signing_places(h.meeting)
    assert [p.role for p in places[:2]] == ["recorder", "chair"]
    attendees = [p.name for p in places if p.role == "attendee"]
    assert len(attendees) == 8 and "王建堃" not in attendees  # the chair signs as chair
    assert len(minutes_from_meeting(h.meeting, FP).signers) == 10


def test_attachments_and_a_meeting_not_started():
    h = closed_vote_meeting()
    files = (AttachedFile("方案.docx", "b" * 64),)
    assert minutes_from_meeting(h.meeting, FP, files).attachments == files
    with pytest.raises(DomainError):
        minutes_from_meeting(Meeting(), FP)
