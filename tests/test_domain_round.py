"""The edges of the round of opinions (R3, R4, R5, R6a) as DOMAIN.md settles them, each with
what the record then says: late arrivals, an emptied room, written opinions, recusals, amounts
without a fund type, leaves dated late, and amending a mistaken entry."""

from __future__ import annotations

from datetime import timedelta

import pytest

from meetingdesk.domain import DomainError, ItemSpec, RuleSet, classify

from meeting_factory import APPOINT_ITEM, CHIEF, FUND_ITEM, Harness, rules, start_payload


def refused(code: str, fn, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as info:
        fn(*args, **kwargs)
    assert info.value.code == code, info.value
    return info.value


def all_but_chief_state(h: Harness, n: int = 1) -> None:
    h.do("item_opened", item_no=n)
    h.do("report", h.meeting.items[n].spec.presenter_id, item_no=n, words="汇报")
    for m in h.meeting.speaking_queue(n):
        h.say(n, m)


# ---- R5: a late arrival after the round -----------------------------------------------------

@pytest.mark.parametrize("how", ["late", "left_and_back"])
def test_a_member_arriving_after_the_chief_states_no_opinion_but_votes(how):
    absent = {9: "公务"} if how == "late" else {}
    h = Harness().open(absent=absent)
    if how == "left_and_back":
        h.do("left", 9, reason="接电话")
    all_but_chief_state(h)
    h.say(1, CHIEF)
    h.do("arrived", 9)
    item = h.meeting.items[1]
    assert h.meeting.next_step().code == "vote"  # nobody is asked for an opinion any more
    err = refused("ROUND_CLOSED", h.say, 1, 9)
    assert "王建堃" in err.message_zh and "可参加表决" in err.message_zh
    assert item.after_round == [9]
    h.vote_all(1)
    assert 9 in item.votes[None]


def test_an_arrival_entered_late_cannot_be_dated_before_the_chiefs_stance():
    h = Harness().open(absent={9: "公务"})
    all_but_chief_state(h)
    chief = h.say(1, CHIEF)
    before = (h.clock - timedelta(minutes=3)).isoformat()
    err = refused("PRESENCE_BEFORE_ENTRY", h.do, "arrived", 9, time=before)
    assert f"第 {chief.seq} 条记录" in err.message_zh and "表态发言" in err.message_zh
    h.do("arrived", 9, time=h.clock.isoformat())  # the real time is accepted


def test_a_member_who_returns_before_the_chief_must_state_first():
    h = Harness().open()
    h.do("left", 8, reason="接电话")
    all_but_chief_state(h)
    h.do("arrived", 8)
    refused("CHIEF_NOT_LAST", h.say, 1, CHIEF)
    assert h.meeting.next_step().pending == (8, CHIEF)
    h.say(1, 8)
    h.say(1, CHIEF)


# ---- R5 + R3: emptying the room frees no one ------------------------------------------------

def test_emptying_the_room_does_not_free_the_chief():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("report", 7, item_no=1, words="汇报")
    h.say(1, 7)
    for m in (2, 3, 4, 5, 6, 8, 9):
        h.do("left", m, reason="暂离")
    assert h.meeting.next_step().code == "quorum"
    err = refused("ITEM_QUORUM_NOT_MET", h.say, 1, CHIEF)
    assert "在场且未回避 2 人，需 5 人方可末位表态" in err.message_zh
    for m in (2, 3, 4, 5, 6, 8, 9):
        h.do("arrived", m)
    refused("CHIEF_NOT_LAST", h.say, 1, CHIEF)  # back in the room: they speak first


def test_the_head_decides_only_with_the_quorum():
    small = {**FUND_ITEM, "amount": "3000"}
    h = Harness(start_payload([small], mode="head")).open()
    all_but_chief_state(h)
    for m in (2, 3, 4, 5, 6):
        h.do("left", m, reason="暂离")
    refused("ITEM_QUORUM_NOT_MET", h.do, "head_decision", CHIEF, item_no=1,
            decision="agree", text="同意")


# ---- R5: written opinions -------------------------------------------------------------------

def test_an_absent_chiefs_written_opinion_is_the_last_word():
    h = Harness().open(absent={CHIEF: "出差", 9: "出差"})
    h.do("item_opened", item_no=1)
    err = refused("CHIEF_WRITTEN_NOT_LAST", h.do, "written_opinion", CHIEF, item_no=1,
                  stance="agree", words="同意")
    assert "王建堃" in err.message_zh
    h.do("report", 7, item_no=1, words="汇报")
    for m in h.meeting.speaking_queue(1):
        h.say(1, m)
    refused("CHIEF_WRITTEN_NOT_LAST", h.do, "written_opinion", CHIEF, item_no=1,
            stance="agree", words="同意")
    assert h.meeting.last_speaker(1) == 2  # the deputy chairs and speaks last
    h.say(1, 2)
    h.do("written_opinion", CHIEF, item_no=1, stance="agree", words="同意")
    refused("CHIEF_WRITTEN_LAST", h.do, "written_opinion", 9, item_no=1, stance="agree",
            words="同意")
    written = [s for s in h.meeting.items[1].speeches if s.kind == "written"]
    assert [s.member_id for s in written] == [CHIEF]
    assert h.meeting.items[1].speeches[-1].member_id == CHIEF  # printed last


def test_a_written_opinion_is_superseded_when_its_author_arrives():
    h = Harness().open(absent={9: "出差"})
    h.do("written_opinion", 9, item_no=1, stance="disagree", words="不同意", reason="资金来源不明")
    h.do("arrived", 9)
    item = h.meeting.items[1]
    assert 9 not in item.written and len(item.superseded) == 1
    all_but_chief_state(h)
    assert 9 in item.stances  # spoke in person
    assert [s.seq for s in h.meeting.standing_speeches(1) if s.kind == "written"] == []


def test_a_written_opinion_is_only_for_a_member_absent_for_the_whole_item():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("left", 9, reason="另有公务")
    err = refused("WRITTEN_ONLY_ABSENT", h.do, "written_opinion", 9, item_no=1, stance="agree",
                  words="同意")
    assert "吴敏" in err.message_zh


# ---- R3 + R4: the quorum against the item's base --------------------------------------------

def test_recused_members_do_not_count_for_the_quorum():
    appoint = {**APPOINT_ITEM, "no": 1}
    h = Harness(start_payload([appoint])).open(absent={7: "病假", 8: "病假", 9: "病假"})
    h.do("item_opened", item_no=1)
    h.do("recusal", 6, item_no=1, reason="系人选亲属")
    h.do("report", 5, item_no=1, words="汇报")
    for m in h.meeting.speaking_queue(1):
        h.say(1, m)
    quorum = h.meeting.vote_quorum(1)
    assert (quorum.expected, quorum.present, quorum.needed, quorum.met) == (8, 5, 6, False)
    err = refused("ITEM_QUORUM_NOT_MET", h.say, 1, CHIEF)
    assert "本议题应到 8 人（应到会 9 人，回避 1 人），在场且未回避 5 人，需 6 人" in err.message_zh


def test_a_recused_member_makes_no_remark_on_the_item():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("recusal", 6, item_no=1, reason="配偶系合作社负责人")
    refused("MEMBER_RECUSED", h.do, "remark", 6, item_no=1, words="我说明一下情况")
    h.do("remark", 6, item_no=None, words="会议之外的说明")  # outside the item it is allowed


# ---- R1: an amount is never minor for lack of a label ---------------------------------------

def test_an_amount_without_a_fund_type_counts_as_regular_spending():
    spec = ItemSpec.from_dict({"no": 1, "title": "购置设备", "kind": "decision",
                               "amount": "3000000"})
    verdict = classify(spec, RuleSet.from_dict(rules()))
    assert verdict.major and verdict.category == "funds"
    assert "未注明资金类型" in verdict.why and "50,000" in verdict.why
    briefing = {"no": 1, "title": "购置设备", "kind": "briefing", "amount": "3000000"}
    refused("MAJOR_NEEDS_TEAM_VOTE", Harness, start_payload([briefing]))
    refused("MAJOR_NEEDS_TEAM_VOTE", Harness,
            start_payload([{**briefing, "kind": "decision"}], mode="head"))
    small = ItemSpec.from_dict({"no": 1, "title": "购置文具", "kind": "decision", "amount": "800"})
    assert not classify(small, RuleSet.from_dict(rules())).major


def test_the_category_never_contradicts_the_classification():
    h = Harness()  # FUND_ITEM is typed as 一般事项 with 300,000 yuan of project funds
    assert h.meeting.items[1].spec.category == "funds"
    assert h.events[0].payload["agenda"][0]["category"] == "funds"


def test_a_meeting_with_no_agenda_item_cannot_start():
    refused("AGENDA_EMPTY", Harness, start_payload([]))


# ---- R3: a leave dated before the member's own entries ----------------------------------------

def test_a_leave_cannot_be_dated_before_the_members_own_opinion_or_vote():
    h = Harness().open()
    all_but_chief_state(h)
    mine = h.meeting.items[1].speeches[-1]
    before = (mine.at - timedelta(minutes=1)).isoformat()
    err = refused("PRESENCE_BEFORE_ENTRY", h.do, "left", mine.member_id, time=before,
                  reason="公务")
    assert f"第 {mine.seq} 条记录" in err.message_zh
    h.say(1, CHIEF)
    h.vote_all(1)
    voted = h.events[-1]
    refused("PRESENCE_BEFORE_ENTRY", h.do, "left", voted.member_id,
            time=(h.clock - timedelta(seconds=30)).isoformat(), reason="公务")
    h.do("left", voted.member_id, time=h.clock.isoformat(), reason="公务")


# ---- R6a: amending a mistaken entry ---------------------------------------------------------

def test_an_entry_under_the_wrong_member_is_amended_and_both_are_kept():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("report", 7, item_no=1, words="汇报")
    wrong = h.say(1, 9)  # it was 周海 (8) who said it
    h.do("amendment", 8, item_no=1, refers_to_seq=wrong.seq, stance="agree", words="同意")
    item = h.meeting.items[1]
    assert 8 in item.stances and 9 not in item.stances
    assert item.amended == {wrong.seq: h.events[-1].seq}
    assert h.meeting.pending_opinions(1)[0] == 9  # 9 has yet to speak
    refused("ALREADY_AMENDED", h.do, "amendment", 8, item_no=1, refers_to_seq=wrong.seq,
            stance="agree", words="同意")


def test_an_amendment_never_moves_the_chiefs_position_before_the_others():
    h = Harness().open()
    h.do("item_opened", item_no=1)
    h.do("report", 7, item_no=1, words="汇报")
    first = h.say(1, 9)
    refused("CHIEF_NOT_LAST", h.do, "amendment", CHIEF, item_no=1, refers_to_seq=first.seq,
            stance="agree", words="同意")
    for m in h.meeting.speaking_queue(1)[1:]:
        h.say(1, m)
    closing = h.say(1, CHIEF)
    refused("AMEND_MOVES_LAST", h.do, "amendment", 9, item_no=1, refers_to_seq=closing.seq,
            stance="agree", words="同意")
    h.do("amendment", None, item_no=1, refers_to_seq=closing.seq, stance="defer",
         words="暂缓", reason="需再调研")  # the chief's own words and stance: allowed
    h.do("deferral", item_no=1, reason="再议")
    refused("ITEM_NOT_OPEN", h.do, "amendment", None, item_no=1, refers_to_seq=closing.seq,
            stance="agree", words="同意")


def test_no_amendment_after_the_vote_begins():
    h = Harness().open()
    all_but_chief_state(h)
    chief = h.say(1, CHIEF)
    h.do("vote", 9, item_no=1, candidate=None, choice="agree")
    refused("AMEND_AFTER_VOTE", h.do, "amendment", None, item_no=1, refers_to_seq=chief.seq,
            stance="agree", words="同意")


# ---- 逐一表态 ----------------------------------------------------------------------------

def test_each_member_states_on_each_candidate_and_the_chief_last_on_each():
    h = Harness(start_payload([{**APPOINT_ITEM, "no": 1, "vote_mode": "named"}])).open()
    h.do("item_opened", item_no=1)
    h.do("report", 5, item_no=1, words="汇报")
    one_only = {"item_no": 1, "words": "同意林玥",
                "stances": [{"candidate": 1, "stance": "agree", "reason": ""}]}
    err = refused("STANCE_PER_CANDIDATE", h.do, "opinion", 9, **one_only)
    assert "何犇" in err.message_zh
    refused("STANCE_PER_CANDIDATE", h.do, "opinion", 9, item_no=1, stance="agree", words="同意")
    refused("CHIEF_NOT_LAST", h.say, 1, CHIEF)
    for m in h.meeting.speaking_queue(1):
        h.do("opinion", m, item_no=1, words="意见", stances=[
            {"candidate": 1, "stance": "agree", "reason": ""},
            {"candidate": 2, "stance": "defer", "reason": "考察不充分"}])
    div = h.meeting.division(1)
    assert div.sharp and "何犇" in div.detail_zh  # judged per candidate
    h.say(1, CHIEF)
    speech = h.meeting.items[1].speeches[-1]
    assert [(c.candidate, c.stance) for c in speech.per_candidate] == [(1, "agree"), (2, "agree")]
