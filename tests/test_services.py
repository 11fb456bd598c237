"""The application API on real databases (SQLite file and PostgreSQL): actions are durable,
refusals change nothing, and every path goes through the rules core."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from meetingdesk.demo import UNIT_NAME, build_demo
from meetingdesk.domain import DomainError, Meeting, verify_chain
from meetingdesk.services import Desk
from meetingdesk.services.integrity import check_database
from meetingdesk.store import StoreError


@pytest.fixture
def desk(db_url: str):
    d = Desk.open(db_url)
    yield d
    d.close()


def small_unit(desk: Desk) -> tuple[int, list[int]]:
    unit = desk.create_unit("测试乡党委")
    ids = [desk.add_member(unit, f"成员{i}", "委员", i, is_chief=(i == 1)) for i in range(1, 6)]
    return unit, ids


def test_demo_builds_the_whole_story_on_both_backends(desk: Desk, db_url: str):
    unit = build_demo(desk)
    rows = desk.list_meetings(unit)
    assert [r.status for r in rows] == ["in_progress", "closed"]
    closed = desk.meeting(rows[1].id)
    assert [it.status for it in closed.items.values()] == ["decided", "decided", "deferred"]
    assert closed.items[2].spec.vote_mode == "secret" and closed.items[2].recusals
    assert closed.items[1].classification.major
    assert not verify_chain(desk.events(rows[1].id))
    in_progress = desk.meeting(rows[0].id)
    assert in_progress.items[2].spec.carried_from["item_no"] == 3
    assert in_progress.next_step().code == "opinions"
    assert check_database(desk.db) == []
    # A second program opening the same database rebuilds exactly the same state.
    other = Desk.open(db_url)
    try:
        again = other.meeting(rows[0].id)
        assert again.next_step() == in_progress.next_step()
        assert again.items[2].stances == in_progress.items[2].stances
    finally:
        other.close()


def test_refusal_changes_nothing(desk: Desk):
    unit, ids = small_unit(desk)
    meeting = desk.create_meeting(unit, "party_committee", "2026-12-01T09:00:00+08:00", "会议室",
                                  ids[0], "记录员")
    desk.add_item(meeting, title="采购办公设备", kind="decision", amount="30000",
                  fund_type="regular", presenter_id=ids[2])
    desk.start_meeting(meeting)
    for m in ids:
        desk.mark_present(meeting, m)
    desk.open_session(meeting)
    desk.open_item(meeting, 1)
    desk.report(meeting, 1, ids[2], "汇报")
    before = desk.events(meeting)
    with pytest.raises(DomainError) as err:
        desk.record_opinion(meeting, 1, ids[0], "agree", "同意")
    assert err.value.code == "CHIEF_NOT_LAST"
    for bad in (lambda: desk.record_opinion(meeting, 1, 999, "agree", "同意"),
                lambda: desk.record_opinion(meeting, 1, ids[4], "wrong", "同意"),
                lambda: desk.record_opinion(meeting, 1, ids[4], "agree", "字" * 100000),
                lambda: desk.record_opinion(meeting, 1, ids[4], "disagree", "不同意")):
        with pytest.raises(DomainError):
            bad()
    assert desk.events(meeting) == before


def test_second_chief_and_forbidden_portfolio_refused(desk: Desk):
    unit, ids = small_unit(desk)
    with pytest.raises(DomainError) as err:
        desk.add_member(unit, "另一位书记", "书记", 1, is_chief=True)
    assert err.value.code == "CHIEF_COUNT"
    with pytest.raises(DomainError) as err:
        desk.assign_portfolio(unit, ids[0], "财务")
    assert err.value.code == "PORTFOLIO_FORBIDDEN"
    assert desk.division_of_work(unit) == {}
    desk.assign_portfolio(unit, ids[1], "财务")
    with pytest.raises(DomainError) as err:
        desk.update_member(ids[1], is_chief=True)  # a second chief through an edit
    assert err.value.code == "CHIEF_COUNT"
    assert len([m for m in desk.members(unit) if m.is_chief]) == 1


def test_negative_amount_refused_on_the_agenda(desk: Desk):
    unit, ids = small_unit(desk)
    meeting = desk.create_meeting(unit, "party_committee", "2026-12-01T09:00:00+08:00", "",
                                  ids[0], "记录员")
    with pytest.raises(DomainError) as err:
        desk.add_item(meeting, title="付款", kind="decision", amount="-100", fund_type="regular")
    assert err.value.code == "AMOUNT_NEGATIVE"
    assert desk.agenda(meeting) == []


def test_r11_numbers_per_type_and_year_with_visible_gaps(desk: Desk):
    unit, ids = small_unit(desk)
    numbers = [desk.meeting_info(desk.create_meeting(
        unit, "party_committee", f"2026-0{i}-01T09:00:00+08:00", "", ids[0], "记录员")).number
        for i in (1, 2, 3)]
    other_type = desk.meeting_info(desk.create_meeting(
        unit, "joint", "2026-03-05T09:00:00+08:00", "", ids[0], "记录员")).number
    next_year = desk.meeting_info(desk.create_meeting(
        unit, "party_committee", "2027-01-05T09:00:00+08:00", "", ids[0], "记录员")).number
    assert numbers == [1, 2, 3] and other_type == 1 and next_year == 1
    assert desk.meeting_info(1).title == "2026年第1次党委会"
    assert desk.numbering_gaps(unit, "party_committee", 2026) == []


def test_another_window_appending_is_caught_up(desk: Desk, db_url: str):
    unit, ids = small_unit(desk)
    meeting = desk.create_meeting(unit, "party_committee", "2026-12-01T09:00:00+08:00", "",
                                  ids[0], "记录员")
    desk.add_item(meeting, title="学习文件", kind="study")  # an empty agenda cannot start
    desk.start_meeting(meeting)
    desk.mark_present(meeting, ids[0])
    other = Desk.open(db_url)
    try:
        other.mark_present(meeting, ids[1])
        desk.mark_present(meeting, ids[2])  # sees the other window's entry first
        assert set(desk.meeting(meeting).attendance) == set(ids[:3])
        assert not verify_chain(desk.events(meeting))
    finally:
        other.close()


def test_not_a_sqlite_file_is_refused_and_left_alone(tmp_path):
    bogus = tmp_path / "会议.sqlite3"
    bogus.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    with pytest.raises(StoreError) as err:
        Desk.open(str(bogus))
    assert err.value.code == "DB_NOT_SQLITE" and "不是 SQLite" in err.value.message_zh
    assert bogus.read_bytes() == b"\x89PNG\r\n\x1a\n" + b"\0" * 100


def test_closing_backs_up_and_accepts_only_corrections(desk: Desk, tmp_path, db_url: str):
    from meetingdesk import paths

    unit, ids = small_unit(desk)
    meeting = desk.create_meeting(unit, "party_committee", "2026-12-01T09:00:00+08:00", "",
                                  ids[0], "记录员")
    desk.add_item(meeting, title="学习文件", kind="study", presenter_id=ids[1])
    desk.start_meeting(meeting)
    for m in ids:
        desk.mark_present(meeting, m)
    desk.open_session(meeting)
    desk.open_item(meeting, 1)
    desk.report(meeting, 1, ids[1], "领学")
    desk.conclude_item(meeting, 1)
    desk.close_meeting(meeting)
    if db_url.startswith("sqlite"):
        assert any("closed" in p.name for p in paths.backups_dir().iterdir())
    with pytest.raises(DomainError) as err:
        desk.record_remark(meeting, "补充", member_id=ids[0])
    assert err.value.code == "RECORD_CLOSED"
    desk.add_signature(meeting, "recorder", "记录员")
    desk.add_correction(meeting, "记录员", "笔误", "更正内容")
    assert desk.meeting(meeting).signatures == []
    assert desk.list_meetings(unit)[0].status == "closed"
    desk.mark_filed(meeting)
    assert desk.list_meetings(unit)[0].status == "filed"


def test_demo_twice_is_refused_by_unit_name(desk: Desk):
    build_demo(desk)
    with pytest.raises(DomainError):
        desk.create_unit(UNIT_NAME)


def test_an_item_broken_by_a_rule_change_is_shown_not_hidden(desk: Desk):
    unit, ids = small_unit(desk)
    meeting = desk.create_meeting(unit, "party_committee", "2026-12-01T09:00:00+08:00", "",
                                  ids[0], "记录员")
    desk.add_item(meeting, title="执法队伍建设", kind="decision", area="执法", presenter_id=ids[0])
    desk.update_rule_set(unit, {"forbidden_portfolios": ["人事", "财务", "行政审批", "工程建设",
                                                         "物资采购", "执法"]})
    [row] = desk.agenda(meeting)
    assert row.problem is not None and row.problem.code == "PORTFOLIO_FORBIDDEN"
    assert row.spec.title == "执法队伍建设"
    with pytest.raises(DomainError) as err:
        desk.start_meeting(meeting)  # the rules core refuses it as well
    assert err.value.code == "PORTFOLIO_FORBIDDEN"
    desk.update_item(row.id, presenter_id=ids[1])
    assert desk.agenda(meeting)[0].problem is None


def test_the_header_can_be_replaced_and_the_deputy_cleared(desk: Desk):
    unit, ids = small_unit(desk)
    meeting = desk.create_meeting(unit, "party_committee", "2026-12-01T09:00:00+08:00", "会议室",
                                  ids[0], "记录员", deputy_chair_id=ids[1])
    desk.update_meeting(meeting, "2026-12-02T14:30:00+08:00", "二楼会议室", ids[0], "记录员",
                        ids[:4], observers=[{"name": "列席者", "position": "站长"}])
    info = desk.meeting_info(meeting)
    assert info.deputy_chair_id is None and info.place == "二楼会议室" and info.number == 1
    assert desk.expected_members(meeting) == ids[:4]
    with pytest.raises(DomainError):
        desk.update_meeting(meeting, "2027-01-02T14:30:00+08:00", "", ids[0], "记录员", ids)
