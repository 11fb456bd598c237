"""Each rule of DOMAIN.md, allowed and refused, through the rules core alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from meetingdesk.domain import (DomainError, ItemSpec, Meeting, Member, RuleSet, check_new_chief,
                                check_portfolio, classify, gaps, next_number, number_ranges)
from meetingdesk.domain.numbering import MAX_NUMBER
from meetingdesk.domain.outcome import ballot_result

from meeting_factory import (ALL, APPOINT_ITEM, CHIEF, FUND_ITEM, MEMBERS, STUDY_ITEM, Harness,
                             rules, start_payload)

RULES = RuleSet.from_dict(rules())


def refused(code: str, fn, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as info:
        fn(*args, **kwargs)
    assert info.value.code == code, info.value
    assert info.value.message_zh and info.value.message_en
    return info.value


# ---- R1 三重一大 -----------------------------------------------------------------------

@pytest.mark.parametrize("item, major", [
    ({"category": "general", "fund_type": "regular", "amount": "49999.99"}, False),
    ({"category": "general", "fund_type": "regular", "amount": "50000"}, True),
    ({"category": "general", "fund_type": "project", "amount": "199999"}, False),
    ({"category": "general", "fund_type": "project", "amount": "200000"}, True),
    ({"category": "general", "fund_type": "lending", "amount": "1"}, True),
    ({"category": "general", "fund_type": "guarantee"}, True),
    ({"category": "general", "fund_type": "financing", "amount": "0"}, True),
    ({"category": "appointment", "candidates": [{"name": "甲"}]}, True),
    ({"category": "project"}, True),
    ({"category": "general"}, False),
])
def test_r1_classification(item, major):
    spec = ItemSpec.from_dict({"no": 1, "title": "议题", "kind": "decision", **item})
    verdict = classify(spec, RULES)
    assert verdict.major is major
    assert bool(verdict.why) is major


def test_r1_says_why():
    spec = ItemSpec.from_dict({**FUND_ITEM})
    assert "300,000" in classify(spec, RULES).why and "200,000" in classify(spec, RULES).why


def test_r1_major_matter_cannot_be_a_briefing_or_left_to_the_head():
    briefing = {**FUND_ITEM, "kind": "briefing"}
    refused("MAJOR_NEEDS_TEAM_VOTE", Harness, start_payload([briefing]))
    refused("MAJOR_NEEDS_TEAM_VOTE", Harness, start_payload([FUND_ITEM], mode="head"))
    small = {**FUND_ITEM, "amount": "1000"}
    Harness(start_payload([small], mode="head"))  # allowed: not a major matter


def test_r1_thresholds_come_from_the_rule_set():
    strict = RuleSet.from_dict(rules(project_funds_threshold="100000"))
    spec = ItemSpec.from_dict({**FUND_ITEM, "amount": "150000"})
    assert classify(spec, strict).major and not classify(spec, RULES).major


def test_negative_or_bad_amount_refused():
    refused("AMOUNT_NEGATIVE", ItemSpec.from_dict, {**FUND_ITEM, "amount": "-5"})
    refused("BAD_AMOUNT", ItemSpec.from_dict, {**FUND_ITEM, "amount": "三十万"})
    refused("BAD_AMOUNT", ItemSpec.from_dict, {**FUND_ITEM, "amount": "NaN"})


def test_an_amount_is_in_yuan_to_the_fen():
    """49,999.999 yuan is under the 50,000 threshold, but the county's index keeps fen and
    would file it as 50,000.00 on an item marked minor: the domain takes two decimals at most."""
    error = refused("AMOUNT_DECIMALS", ItemSpec.from_dict, {**FUND_ITEM, "amount": "49999.999"})
    assert error.message_zh == "金额以元为单位，最多两位小数（到分）：49999.999。"
    assert ItemSpec.from_dict({**FUND_ITEM, "amount": "49,999.990"}).amount == Decimal("49999.99")
    start = start_payload([{**FUND_ITEM, "amount": "0.001"}])
    refused("AMOUNT_DECIMALS", Harness, start)  # a forged log's amount: refused on replay


# ---- R2 五不直接分管 ------------------------------------------------------------------

def test_r2_chief_may_not_hold_forbidden_portfolios():
    chief = Member.from_dict(MEMBERS[0])
    deputy = Member.from_dict(MEMBERS[1])
    for area in ("人事", "财务", "行政审批", "工程建设", "物资采购"):
        err = refused("PORTFOLIO_FORBIDDEN", check_portfolio, chief, area, RULES)
        assert area in err.message_zh
        assert check_portfolio(deputy, area, RULES) == area
    assert check_portfolio(chief, "党建", RULES) == "党建"


def test_r2_list_is_configurable():
    county = RuleSet.from_dict(rules(forbidden_portfolios=["人事", "服务采购"]))
    chief = Member.from_dict(MEMBERS[0])
    refused("PORTFOLIO_FORBIDDEN", check_portfolio, chief, "服务采购", county)
    assert check_portfolio(chief, "财务", county) == "财务"


def test_r2_chief_cannot_present_an_item_in_a_forbidden_area():
    item = {**FUND_ITEM, "area": "财务", "presenter_id": CHIEF}
    refused("PORTFOLIO_FORBIDDEN", Harness, start_payload([item]))
    allowed = {**FUND_ITEM, "area": "党建", "presenter_id": CHIEF}
    Harness(start_payload([allowed]))


def test_exactly_one_chief():
    two = [dict(m) for m in MEMBERS]
    two[1]["is_chief"] = True
    refused("CHIEF_COUNT", Harness, start_payload(members=two))
    none = [{**m, "is_chief": False} for m in MEMBERS]
    refused("CHIEF_COUNT", Harness, start_payload(members=none))
    existing = [Member.from_dict(m) for m in MEMBERS]
    refused("CHIEF_COUNT", check_new_chief, existing,
            Member(99, "新书记", "书记", 1, is_chief=True))
    check_new_chief(existing, Member(1, "王建堃", "党委书记", 1, is_chief=True))  # same chief


# ---- R3 quorum ------------------------------------------------------------------------

def test_r3_opens_only_with_more_than_half_present():
    h = Harness().roll_call(absent={m: "出差" for m in (2, 3, 4, 5, 6)})
    err = refused("QUORUM_NOT_MET", h.do, "session_opened")
    assert "应到会 9 人，实到 4 人" in err.message_zh
    h = Harness().roll_call(absent={m: "出差" for m in (2, 3, 4, 5)})
    h.do("session_opened")  # 5 of 9
    assert h.meeting.phase == "in_session"


def test_r3_roll_call_must_be_complete_and_absence_needs_a_reason():
    h = Harness()
    h.do("attendance", 1, status="present")
    refused("ROLL_CALL_INCOMPLETE", h.do, "session_opened")
    refused("REASON_REQUIRED", h.do, "attendance", 2, status="absent", reason="  ")
    refused("ALREADY_MARKED", h.do, "attendance", 1, status="present")


def test_r3_late_arrival_changes_the_quorum():
    h = Harness().roll_call(absent={m: "路上" for m in (2, 3, 4, 5, 6)})
    refused("QUORUM_NOT_MET", h.do, "session_opened")
    assert h.meeting.quorum().present == 4
    h.do("arrived", 2, time="2026-11-26T09:08:00+08:00")
    assert h.meeting.quorum().present == 5 and h.meeting.quorum().met
    h.do("session_opened")
    assert h.meeting.presence_log[-1].kind == "arrived"
    assert h.meeting.presence_log[-1].time.minute == 8
    h.do("left", 7, reason="另有公务")
    assert h.meeting.quorum().present == 4
    refused("NOT_PRESENT", h.do, "left", 3)
    refused("ALREADY_PRESENT", h.do, "arrived", 1)
    refused("BAD_VALUE", h.do, "arrived", 3, time="2030-01-01T09:00:00+08:00")  # future


def test_r3_personnel_vote_needs_two_thirds_present():
    h = Harness(start_payload([{**APPOINT_ITEM, "no": 1}])).open(
        absent={4: "病假", 8: "病假", 9: "病假"})
    h.discuss(1)
    h.do("left", 7, reason="另有公务")  # 5 of 9 present: below two thirds
    err = refused("ITEM_QUORUM_NOT_MET", h.do, "ballots_issued", item_no=1, issued=5,
                  scrutineers=[6], counters=[5])
    assert "在场且未回避 5 人，需 6 人" in err.message_zh
    h.do("arrived", 7)  # exactly two thirds: the vote may go ahead
    h.do("ballots_issued", item_no=1, issued=6, scrutineers=[6], counters=[5])


# ---- R4 recusal -----------------------------------------------------------------------

def test_r4_recused_member_neither_speaks_nor_votes():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("recusal", 6, item_no=1, reason="配偶系合作社负责人")
    h.do("report", 7, item_no=1, words="汇报")
    refused("MEMBER_RECUSED", h.say, 1, 6)
    assert 6 not in h.meeting.speaking_queue(1)
    for m in h.meeting.speaking_queue(1):
        h.say(1, m)
    h.say(1, CHIEF)
    refused("MEMBER_RECUSED", h.do, "vote", 6, item_no=1, candidate=None, choice="agree")
    h.vote_all(1)
    h.do("decision", item_no=1, text="同意拨付")
    result = h.meeting.items[1].results[None]
    assert result.base == 8 and result.agree == 8 and result.passed
    assert "除回避 1 人后为 8 人" in result.text_zh


def test_r4_reason_required_and_not_after_speaking():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    refused("REASON_REQUIRED", h.do, "recusal", 6, item_no=1, reason="")
    h.do("report", 7, item_no=1, words="汇报")
    h.say(1, 9)
    refused("RECUSAL_TOO_LATE", h.do, "recusal", 9, item_no=1, reason="亲属")


def test_r4_recused_stay_in_base_when_configured():
    h = Harness(start_payload(rule_changes={"recused_excluded_from_base": False})).open()
    h.do("item_opened", item_no=1)
    h.do("recusal", 6, item_no=1, reason="亲属")
    h.do("report", 7, item_no=1, words="汇报")
    for m in h.meeting.speaking_queue(1):
        h.say(1, m)
    h.say(1, CHIEF)
    h.vote_all(1)
    h.do("decision", item_no=1, text="同意")
    assert h.meeting.items[1].results[None].base == 9


# ---- R5 the chief speaks last ---------------------------------------------------------------

def test_r5_chief_cannot_state_before_the_others():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("report", 7, item_no=1, words="汇报")
    err = refused("CHIEF_NOT_LAST", h.say, 1, CHIEF)
    assert "8" in err.message_zh and "王建堃" in err.message_zh
    queue = h.meeting.speaking_queue(1)
    assert queue[0] == 9 and CHIEF not in queue  # most junior first
    for m in queue[:-1]:
        h.say(1, m)
    err = refused("CHIEF_NOT_LAST", h.say, 1, CHIEF)
    assert err.params["pending"] == 1
    h.do("remark", CHIEF, item_no=1, words="请大家围绕资金用途发言。")  # procedural: allowed
    h.say(1, queue[-1])
    h.say(1, CHIEF)
    speeches = [s for s in h.meeting.items[1].speeches if s.kind == "opinion"]
    assert speeches[-1].member_id == CHIEF


def test_r5_absent_chief_means_the_acting_chair_speaks_last():
    h = Harness(start_payload(chair=2)).open(absent={CHIEF: "赴县开会"})
    h.do("item_opened", item_no=1)
    h.do("report", 7, item_no=1, words="汇报")
    assert h.meeting.last_speaker(1) == 2
    refused("CHIEF_NOT_LAST", h.say, 1, 2)


def test_r5_recused_chief_hands_last_word_to_deputy():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("recusal", CHIEF, item_no=1, reason="亲属为合作社成员")
    assert h.meeting.last_speaker(1) == 2


def test_r5_late_arrival_joins_the_queue_before_the_chief():
    h = Harness().open(absent={4: "路上"})
    h.do("item_opened", item_no=1)
    h.do("report", 7, item_no=1, words="汇报")
    for m in h.meeting.speaking_queue(1):
        h.say(1, m)
    h.do("arrived", 4)
    refused("CHIEF_NOT_LAST", h.say, 1, CHIEF)
    h.say(1, 4)
    h.say(1, CHIEF)


def test_late_arrival_during_the_vote_votes_without_speaking():
    h = Harness().open(absent={4: "路上"})
    h.discuss(1)
    h.do("vote", 9, item_no=1, candidate=None, choice="agree")
    h.do("arrived", 4)
    assert h.meeting.next_step().code == "vote" and 4 in h.meeting.next_step().pending
    refused("VOTING_STARTED", h.say, 1, 4)
    for m in [m for m in h.meeting.eligible(1) if m != 9]:
        h.do("vote", m, item_no=1, candidate=None, choice="agree")
    h.do("decision", item_no=1, text="同意")
    assert h.meeting.items[1].results[None].agree == 9


def test_r5_chair_sets_the_speaking_order():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("report", 7, item_no=1, words="汇报")
    order = sorted(h.meeting.speaking_queue(1))
    h.do("speaking_order", item_no=1, order=order)
    assert h.meeting.speaking_queue(1) == order
    h2 = Harness().open()
    h2.do("item_opened", item_no=1)
    h2.do("report", 7, item_no=1, words="汇报")
    refused("BAD_ORDER", h2.do, "speaking_order", item_no=1, order=[1])
    refused("BAD_ORDER", h2.do, "speaking_order", item_no=1, order=order[:-1])


def test_report_comes_first():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    refused("REPORT_FIRST", h.say, 1, 9)


# ---- R6 stances -----------------------------------------------------------------------

def test_r6_stances_and_reasons():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("report", 7, item_no=1, words="汇报")
    refused("BAD_STANCE", h.do, "opinion", 9, item_no=1, stance="maybe", words="嗯")
    refused("REASON_REQUIRED", h.do, "opinion", 9, item_no=1, stance="disagree", words="不同意")
    refused("REASON_REQUIRED", h.do, "opinion", 9, item_no=1, stance="defer", words="缓议",
            reason=" ")
    refused("TEXT_REQUIRED", h.do, "opinion", 9, item_no=1, stance="agree", words="")
    refused("TEXT_TOO_LONG", h.do, "opinion", 9, item_no=1, stance="agree", words="字" * 100000)
    h.do("opinion", 9, item_no=1, stance="abstain", words="弃权")
    refused("ALREADY_SPOKEN", h.do, "opinion", 9, item_no=1, stance="agree", words="同意")


# ---- R7 voting ------------------------------------------------------------------------

def test_r7_no_vote_before_every_opinion():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("report", 7, item_no=1, words="汇报")
    h.say(1, 9)
    refused("OPINIONS_PENDING", h.do, "vote", 9, item_no=1, candidate=None, choice="agree")


def test_r7_direct_tally_keeps_only_the_counts_where_the_rules_allow_it():
    counts = {"issued": 9, "returned": 9, "void": 0}
    paper = Harness(start_payload([{**APPOINT_ITEM, "no": 1}])).open()
    paper.discuss(1)
    refused("PAPER_BALLOT_REQUIRED", paper.do, "tally", item_no=1, candidate=1, agree=9,
            disagree=0, abstain=0, **counts, scrutineers=["周海"], counters=["吴敏"])
    h = Harness(start_payload([{**APPOINT_ITEM, "no": 1}],
                              rule_changes={"secret_ballot_direct_tally": True})).open()
    h.discuss(1)
    refused("SECRET_BALLOT_NO_NAMES", h.do, "vote", 9, item_no=1, candidate=1, choice="agree")
    refused("SECRET_BALLOT_NO_NAMES", h.do, "tally", 9, item_no=1, candidate=1, agree=9,
            disagree=0, abstain=0, **counts, scrutineers=["周海"], counters=["吴敏"])
    refused("SCRUTINEERS_REQUIRED", h.do, "tally", item_no=1, candidate=1, agree=9,
            disagree=0, abstain=0, **counts, scrutineers=[], counters=["吴敏"])
    refused("SCRUTINEER_IS_CANDIDATE", h.do, "tally", item_no=1, candidate=1, agree=9,
            disagree=0, abstain=0, **counts, scrutineers=["林玥"], counters=["吴敏"])
    refused("BALLOTS_ISSUED_RANGE", h.do, "tally", item_no=1, candidate=1, agree=9,
            disagree=1, abstain=0, issued=10, returned=10, void=0, scrutineers=["周海"],
            counters=["吴敏"])
    refused("BALLOTS_RETURNED_EXCEED", h.do, "tally", item_no=1, candidate=1, agree=7,
            disagree=0, abstain=0, issued=8, returned=9, void=2, scrutineers=["周海"],
            counters=["吴敏"])
    refused("TALLY_MISMATCH", h.do, "tally", item_no=1, candidate=1, agree=7, disagree=1,
            abstain=1, issued=9, returned=9, void=1, scrutineers=["周海"], counters=["吴敏"])
    h.do("tally", item_no=1, candidate=1, agree=7, disagree=1, abstain=0, issued=9,
         returned=9, void=1, scrutineers=["周海"], counters=["吴敏"])
    refused("VOTES_PENDING", h.do, "decision", item_no=1, text="通过")
    refused("TALLY_COUNTS_DIFFER", h.do, "tally", item_no=1, candidate=2, agree=4, disagree=4,
            abstain=1, **counts, scrutineers=["周海"], counters=["吴敏"])
    h.do("tally", item_no=1, candidate=2, agree=4, disagree=3, abstain=1, issued=9,
         returned=9, void=1, scrutineers=["周海"], counters=["吴敏"])
    h.do("decision", item_no=1, text="林玥同志通过，何犇同志未通过")
    results = h.meeting.items[1].results
    assert results[1].passed and not results[2].passed
    tally_events = [e for e in h.events if e.type == "tally"]
    assert all(e.member_id is None for e in tally_events)
    assert all(set(e.payload) == {"item_no", "candidate", "agree", "disagree", "abstain",
                                  "issued", "returned", "void", "scrutineers", "counters"}
               for e in tally_events)


def test_r7_one_item_at_a_time_and_each_candidate_separately():
    h = Harness(start_payload([FUND_ITEM, {**APPOINT_ITEM, "no": 2, "vote_mode": "named"}])).open()
    h.do("item_opened", item_no=1)
    refused("ANOTHER_ITEM_OPEN", h.do, "item_opened", item_no=2)
    h.do("deferral", item_no=1, reason="需进一步调研")
    h.discuss(2)
    refused("UNKNOWN_CANDIDATE", h.do, "vote", 9, item_no=2, candidate=None, choice="agree")
    h.vote_all(2, candidate=1)
    refused("VOTES_PENDING", h.do, "decision", item_no=2, text="通过")
    h.vote_all(2, candidate=2, choice="disagree")
    refused("ALREADY_VOTED", h.do, "vote", 9, item_no=2, candidate=1, choice="agree")
    h.do("decision", item_no=2, text="林玥通过，何犇未通过")
    assert h.meeting.items[2].results[1].passed and not h.meeting.items[2].results[2].passed


# ---- R8 passing -----------------------------------------------------------------------

def test_r8_counts_against_expected_not_present():
    # 5 present of 9, all in favour: 5 > 4.5, passes; 4 in favour would not.
    assert ballot_result(5, 0, 0, expected=9, recused=0, rules=RULES).passed
    assert not ballot_result(4, 0, 0, expected=9, recused=0, rules=RULES).passed
    assert not ballot_result(4, 0, 1, expected=8, recused=0, rules=RULES).passed
    text = ballot_result(6, 1, 0, expected=9, recused=0, rules=RULES).text_zh
    assert "同意 6 票" in text and "超过应到会 9 人的半数" in text and text.endswith("通过")


def test_r8_written_opinions_are_not_votes():
    h = Harness().open(absent={8: "出差", 9: "出差"})
    h.do("written_opinion", 8, item_no=1, stance="agree", words="书面同意")
    h.discuss(1)
    h.vote_all(1)
    h.do("decision", item_no=1, text="同意")
    result = h.meeting.items[1].results[None]
    assert result.agree == 7  # the written opinion is recorded but not counted
    assert any(s.kind == "written" for s in h.meeting.items[1].speeches)


def test_r8_too_few_in_favour_fails():
    h = Harness().open(absent={m: "出差" for m in (2, 3, 4)})
    h.discuss(1)
    for m in h.meeting.eligible(1):
        h.do("vote", m, item_no=1, candidate=None, choice="agree" if m in (1, 5, 6, 7) else "abstain")
    h.do("decision", item_no=1, text="未通过，暂不拨付")
    result = h.meeting.items[1].results[None]
    assert not result.passed and "未通过" in result.text_zh


# ---- R9 sharp division ----------------------------------------------------------------

def test_r9_division_proposes_deferral():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("report", 7, item_no=1, words="汇报")
    queue = h.meeting.speaking_queue(1)
    for i, m in enumerate(queue):
        h.say(1, m, "disagree" if i < 3 else "agree")
    h.say(1, CHIEF)
    assert h.meeting.division(1).sharp
    assert h.meeting.next_step().code == "division"
    refused("DIVISION_UNRESOLVED", h.do, "vote", 9, item_no=1, candidate=None, choice="agree")
    refused("REASON_REQUIRED", h.do, "division_override", item_no=1, reason="")
    h.do("division_override", item_no=1, reason="灾后补助时间紧迫")
    h.do("vote", 9, item_no=1, candidate=None, choice="agree")


def test_r9_deferred_item_carries_over():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("deferral", item_no=1, reason="进一步调研、会商")
    assert [it.spec.no for it in h.meeting.deferred_items()] == [1]
    h.do("meeting_closed")
    assert h.meeting.items[1].status == "deferred"


def test_r9_not_divided_needs_no_override():
    h = Harness().open()
    h.discuss(1)
    refused("NOT_DIVIDED", h.do, "division_override", item_no=1, reason="无")


# ---- R10 head decides ---------------------------------------------------------------

def test_r10_head_decides_last_with_reason_against_majority():
    small = {**FUND_ITEM, "amount": "3000", "presenter_id": 7}
    h = Harness(start_payload([small], mode="head")).open()
    h.do("item_opened", item_no=1)
    h.do("report", 7, item_no=1, words="汇报")
    refused("CHIEF_NOT_LAST", h.do, "head_decision", CHIEF, item_no=1, decision="agree",
            text="同意", reason="")
    refused("HEAD_MODE", h.do, "vote", 9, item_no=1, candidate=None, choice="agree")
    for m in h.meeting.speaking_queue(1):
        h.say(1, m, "disagree")
    assert h.meeting.next_step().code == "head_decision"
    refused("HEAD_MODE", h.say, 1, CHIEF)
    refused("NOT_HEAD", h.do, "head_decision", 2, item_no=1, decision="agree", text="同意")
    refused("REASON_REQUIRED", h.do, "head_decision", CHIEF, item_no=1, decision="agree",
            text="同意采购")
    h.do("head_decision", CHIEF, item_no=1, decision="agree", text="同意采购",
         reason="设备已老化，影响安全")
    item = h.meeting.items[1]
    assert item.status == "decided" and item.head_reason


def test_r10_deciding_with_the_majority_needs_no_reason_and_defer_carries_over():
    small = {**FUND_ITEM, "amount": "3000"}
    h = Harness(start_payload([small], mode="head")).open()
    h.discuss(1, "disagree")
    h.do("head_decision", CHIEF, item_no=1, decision="defer", text="暂缓，再调研")
    assert h.meeting.items[1].status == "deferred"


# ---- R11 numbering ----------------------------------------------------------------------

def test_r11_numbering_and_gaps():
    assert next_number([]) == 1
    assert next_number([1, 2, 4]) == 5
    assert gaps([1, 2, 4, 7]) == [3, 5, 6]
    assert number_ranges([1, 2, 3, 4, 5, 8]) == "1–5、8"
    assert number_ranges([9, 3, 4], ", ") == "3–4, 9" and number_ranges([]) == ""


def test_r11_a_meetings_number_has_a_ceiling():
    """A unit's meetings of one type number a few dozen a year; number 3,000,000 made the
    county list three million missing numbers, and 2**31 overflowed its index."""
    assert next_number([998]) == MAX_NUMBER == 999
    error = refused("NUMBER_TOO_HIGH", next_number, [999])
    assert error.message_zh == "会议编号 1000 超出上限：同一单位同一类会议一年最多编到第 999 次。"
    for number in (1000, 2 ** 31, 0, True, "3"):
        with pytest.raises(DomainError):
            Harness(start_payload() | {"number": number})
    Harness(start_payload() | {"number": 999})


# ---- R12 closed record --------------------------------------------------------------------

def closed() -> Harness:
    h = Harness(start_payload([STUDY_ITEM | {"no": 1}])).open()
    h.do("item_opened", item_no=1)
    h.do("report", 3, item_no=1, words="领学文件")
    h.do("item_concluded", item_no=1, text="会议认真学习了规定")
    h.do("meeting_closed")
    return h


def test_r12_closed_record_accepts_only_corrections_signatures_filing():
    h = closed()
    assert h.meeting.status == "closed"
    refused("RECORD_CLOSED", h.do, "remark", 1, words="补充一句")
    refused("RECORD_CLOSED", h.do, "arrived", 2)
    h.do("signature", None, role="recorder", name="郑小玲", strokes=[[[0.1, 0.1], [0.5, 0.6]]])
    h.do("signature", CHIEF, role="chair", name="王建堃", strokes=[])
    assert len(h.meeting.signatures) == 2
    refused("REASON_REQUIRED", h.do, "correction", author="郑小玲", reason="", text="改")
    h.do("correction", author="郑小玲", reason="记录笔误", text="第1项小结中“规定”应为“若干规定”",
         refers_to_seq=h.events[-3].seq)
    assert h.meeting.signatures == [] and len(h.meeting.voided_signatures) == 2
    h.do("filed", note="报县委组织部")
    assert h.meeting.status == "filed"
    refused("ALREADY_FILED", h.do, "filed")


def test_closing_needs_every_item_finished():
    h = Harness(start_payload([FUND_ITEM, STUDY_ITEM | {"no": 2}])).open()
    refused("ITEMS_UNFINISHED", h.do, "meeting_closed")
    h.do("item_opened", item_no=2)
    refused("ANOTHER_ITEM_OPEN", h.do, "meeting_closed")
    refused("NOT_DECISION_ITEM", h.do, "opinion", 9, item_no=2, stance="agree", words="好")
    h2 = Harness().open()
    h2.do("item_opened", item_no=1)
    refused("IS_DECISION_ITEM", h2.do, "item_concluded", item_no=1)


# ---- bad input ----------------------------------------------------------------------------

def test_bad_input_is_refused_and_changes_nothing():
    h = Harness().open()
    before = (h.meeting.seq, len(h.events))
    refused("UNKNOWN_MEMBER", h.do, "arrived", 99)
    refused("UNKNOWN_ITEM", h.do, "item_opened", item_no=7)
    refused("UNKNOWN_ITEM", h.do, "item_opened", item_no="1")
    refused("UNKNOWN_EVENT", h.do, "chief_decides_alone")
    refused("TEXT_TOO_LONG", h.do, "remark", 1, words="长" * 100000)
    assert (h.meeting.seq, len(h.events)) == before


def test_time_must_not_go_backwards():
    from datetime import timedelta
    h = Harness()
    cmd_at = h.clock - timedelta(minutes=5)
    refused("TIME_ORDER", h.meeting.propose, "attendance", 1, {"status": "present"}, cmd_at)


def test_rules_validation():
    refused("RULES_INVALID", RuleSet.from_dict, rules(quorum_fraction="3/2"))
    refused("RULES_INVALID", RuleSet.from_dict, rules(speaking_order="random"))
    refused("RULES_INVALID", RuleSet.from_dict, rules(major_categories=["whatever"]))
    refused("RULES_INVALID", RuleSet.from_dict, {"name": "x"})
    assert RuleSet.from_dict(RULES.to_dict()) == RULES


def test_next_step_walks_a_meeting():
    h = Harness()
    assert h.meeting.next_step().code == "roll_call"
    h.roll_call()
    assert h.meeting.next_step().code == "open_session"
    h.do("session_opened")
    step = h.meeting.next_step()
    assert (step.code, step.item_no) == ("open_item", 1)
    h.do("item_opened", item_no=1)
    assert h.meeting.next_step().code == "report"
    h.do("report", 7, item_no=1, words="汇报")
    step = h.meeting.next_step()
    assert step.code == "opinions" and step.pending[-1] == CHIEF and len(step.pending) == 9
    for m in list(step.pending):
        h.say(1, m)
    assert h.meeting.next_step().code == "vote"
    h.vote_all(1)
    assert h.meeting.next_step().code == "decide"
    h.do("decision", item_no=1, text="同意")
    assert h.meeting.next_step().code == "close"
    h.do("meeting_closed")
    assert h.meeting.next_step().code == "sign"


def test_replay_rebuilds_and_rechecks():
    h = Harness().open()
    h.discuss(1)
    again = Meeting.replay(h.events)
    assert again.items[1].stances == h.meeting.items[1].stances
    assert again.next_step() == h.meeting.next_step()
    assert ALL == again.expected
