"""R7 paper secret ballots and R7a reconsideration, through the rules core alone."""

from __future__ import annotations

import json

import pytest

from meetingdesk.domain import DomainError, Meeting

from meeting_factory import APPOINT_ITEM, CHIEF, Harness, start_payload

APPOINT = {**APPOINT_ITEM, "no": 1}  # 林玥 and 何犇, secret ballot


def refused(code: str, fn, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as info:
        fn(*args, **kwargs)
    assert info.value.code == code, info.value
    return info.value


def heard(item: dict | None = None, **payload) -> Harness:
    h = Harness(start_payload([item or APPOINT], **payload)).open()
    h.discuss(1)
    return h


def test_paper_ballots_are_issued_to_those_present_and_counted_one_by_one():
    h = heard()
    assert h.meeting.next_step().code == "issue_ballots"
    refused("BALLOTS_NOT_ISSUED", h.do, "ballots_counted", item_no=1, returned=0, ballots=[])
    refused("BALLOTS_ISSUED_RANGE", h.do, "ballots_issued", item_no=1, issued=10,
            scrutineers=[4], counters=[6])
    refused("SCRUTINEERS_REQUIRED", h.do, "ballots_issued", item_no=1, issued=9,
            scrutineers=[], counters=[6])
    h.do("ballots_issued", item_no=1, issued=9, first_serial=101, scrutineers=[4],
         counters=[6])
    assert h.meeting.next_step().code == "count_ballots"
    agree_both = {"marks": {"1": "agree", "2": "agree"}}
    refused("BALLOTS_RETURNED_EXCEED", h.do, "ballots_counted", item_no=1, returned=10,
            ballots=[agree_both] * 10)
    refused("BALLOTS_MISMATCH", h.do, "ballots_counted", item_no=1, returned=8,
            ballots=[agree_both] * 7)
    refused("UNKNOWN_CANDIDATE", h.do, "ballots_counted", item_no=1, returned=1,
            ballots=[{"marks": {"3": "agree"}}])
    ballots = ([agree_both] * 4 + [{"marks": {"1": "agree", "2": "disagree"}}] * 2
               + [{"marks": {"1": "disagree"}}, {"marks": {"1": "agree"}}, {"void": True}])
    h.do("ballots_counted", item_no=1, returned=9, ballots=ballots)
    item = h.meeting.items[1]
    count = item.ballot_count
    assert (count.issued, count.returned, count.valid, count.void, count.first_serial) == (
        9, 9, 8, 1, 101)
    t1, t2 = item.tallies[1], item.tallies[2]
    assert (t1.agree, t1.disagree, t1.abstain) == (7, 1, 0)
    assert (t2.agree, t2.disagree, t2.abstain) == (4, 2, 2)  # unmarked: abstain
    assert t1.scrutineers == ("陈玥",) and t1.counters == ("赵燊",)
    h.do("decision", item_no=1, text="林玥通过，何犇未通过")
    assert item.results[1].passed and not item.results[2].passed


def test_a_ballot_marking_more_than_the_posts_is_void():
    h = heard({**APPOINT, "posts": 1})  # two candidates compete for one post
    h.do("ballots_issued", item_no=1, issued=9, scrutineers=[4], counters=[6])
    over = {"marks": {"1": "agree", "2": "agree"}}
    h.do("ballots_counted", item_no=1, returned=2,
         ballots=[over, {"marks": {"1": "agree", "2": "disagree"}}])
    count = h.meeting.items[1].ballot_count
    assert (count.valid, count.void) == (1, 1)
    assert {"void": True} in h.events[-1].payload["ballots"]


def test_a_candidate_cannot_be_a_scrutineer():
    members = [{**m, "name": "林玥"} if m["id"] == 4 else m
               for m in start_payload()["members"]]
    h = heard(members=members)
    err = refused("SCRUTINEER_IS_CANDIDATE", h.do, "ballots_issued", item_no=1, issued=9,
                  scrutineers=[4], counters=[6])
    assert "林玥" in err.message_zh


def test_ballots_are_stored_without_order_time_or_voter():
    """However they are entered, the log holds the same sorted list: no trace of the order
    (which could follow the seating) and one entry for them all, with no member."""
    ballots = [{"marks": {"1": "agree", "2": "disagree"}}, {"void": True},
               {"marks": {"1": "disagree", "2": "agree"}}, {"marks": {"1": "agree"}}]
    stored = []
    for order in (ballots, ballots[::-1], ballots[1:] + ballots[:1]):
        h = heard()
        h.do("ballots_issued", item_no=1, issued=9, scrutineers=[4], counters=[6])
        ev = h.do("ballots_counted", item_no=1, returned=4, ballots=order)
        assert ev.member_id is None
        stored.append(json.dumps(ev.payload["ballots"], sort_keys=True))
    assert len(set(stored)) == 1
    counted = [e for e in h.events if e.type == "ballots_counted"]
    assert len(counted) == 1


def test_a_forged_count_fails_on_replay():
    h = heard()
    h.do("ballots_issued", item_no=1, issued=9, scrutineers=[4], counters=[6])
    h.do("ballots_counted", item_no=1, returned=1, ballots=[{"marks": {"1": "agree"}}])
    events = list(h.events)
    forged = events[-1].payload | {"returned": 12, "ballots": [{"marks": {"1": "agree"}}] * 12}
    events[-1] = events[-1].__class__(**{**events[-1].__dict__, "payload": forged})
    with pytest.raises(DomainError) as info:
        Meeting.replay(events)
    assert info.value.code == "BALLOTS_RETURNED_EXCEED"


def test_reconsideration_needs_a_majority_of_the_members():
    h = heard({**APPOINT, "vote_mode": "named"})
    for ballot in (1, 2):
        h.vote_all(1, "agree", candidate=ballot)
    refused("ANOTHER_ITEM_OPEN", h.do, "reconsideration", item_no=1, reason="有新情况",
            agree=9, disagree=0, abstain=0)  # not decided yet
    h.do("decision", item_no=1, text="通过")
    h.do("reconsideration", item_no=1, reason="有新反映", agree=4, disagree=3, abstain=2)
    item = h.meeting.items[1]
    assert item.status == "decided" and not item.reconsiderations[0].granted
    refused("TALLY_EXCEEDS", h.do, "reconsideration", item_no=1, reason="再提",
            agree=9, disagree=1, abstain=0)
    h.do("reconsideration", item_no=1, reason="收到新的举报材料", agree=5, disagree=4, abstain=0)
    again = item.reconsiderations[-1]
    assert again.granted and again.base == 9 and again.earlier_results[0][1].passed
    assert item.status == "open" and not item.votes
    assert h.meeting.next_step().code == "vote"  # the opinions stand; only the vote is again
    refused("ALREADY_SPOKEN", h.say, 1, 9)
    for ballot in (1, 2):
        h.vote_all(1, "disagree", candidate=ballot)
    h.do("decision", item_no=1, text="复议后未通过")
    assert not item.results[1].passed


def test_only_a_decided_appointment_is_reconsidered():
    h = Harness().open()
    h.discuss(1)
    h.vote_all(1)
    h.do("decision", item_no=1, text="同意")
    refused("NOT_RECONSIDERABLE", h.do, "reconsideration", item_no=1, reason="再议",
            agree=9, disagree=0, abstain=0)
    assert CHIEF in h.meeting.items[1].stances
