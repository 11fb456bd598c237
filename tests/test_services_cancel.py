"""R11 on real databases (SQLite and PostgreSQL): a prepared meeting that does not take place is
cancelled with a reason, never deleted; its number stays accounted for; it can no longer be
edited, started or filed. And a meeting with an empty agenda cannot start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from meetingdesk.domain import DomainError
from meetingdesk.services import Desk, ServiceError
from meetingdesk.services.integrity import check_database

REASON = "书记赴县参加紧急会议，改期召开"


@pytest.fixture
def desk(db_url: str):
    d = Desk.open(db_url)
    yield d
    d.close()


def unit_with_meetings(desk: Desk, count: int, items: bool = True) -> tuple[int, list[int], int]:
    """A unit, `count` party-committee meetings of 2026 (numbered 1..count), and the chief."""
    unit = desk.create_unit("测试乡党委")
    ids = [desk.add_member(unit, f"成员{i}", "委员", i, is_chief=(i == 1)) for i in range(1, 6)]
    meetings = []
    for n in range(1, count + 1):
        meeting = desk.create_meeting(unit, "party_committee", f"2026-0{n}-01T09:00:00+08:00",
                                      "会议室", ids[0], "记录员")
        if items:
            desk.add_item(meeting, title="学习文件", kind="study", presenter_id=ids[1])
        meetings.append(meeting)
    return unit, meetings, ids[0]


def test_a_cancelled_meeting_keeps_its_number_and_shows_why(desk: Desk):
    unit, (first, second, third), _ = unit_with_meetings(desk, 3)
    desk.cancel_meeting(second, f"  {REASON} ", "郑小玲")
    row = desk.meeting_info(second)
    assert row.status == "cancelled" and row.number == 2
    assert row.cancellation is not None
    assert (row.cancellation.reason, row.cancellation.by) == (REASON, "郑小玲")
    assert row.cancellation.at.startswith("20")
    # Accounted for: no gap, and the number is never given again.
    assert desk.numbering_gaps(unit, "party_committee", 2026) == []
    assert desk.next_meeting_number(unit, "party_committee", 2026) == 4
    # Listed, under its own status and not among the meetings in preparation.
    assert [r.id for r in desk.list_meetings(unit)] == [third, second, first]
    assert [r.id for r in desk.list_meetings(unit, status="cancelled")] == [second]
    assert second not in [r.id for r in desk.list_meetings(unit, status="preparing")]
    assert desk.count_meetings(unit, "cancelled") == 1
    assert desk.count_meetings(unit, "preparing") == 2
    assert check_database(desk.db) == []


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_a_reason_is_required(desk: Desk, reason: str):
    _, (meeting,), _ = unit_with_meetings(desk, 1)
    with pytest.raises(DomainError) as err:
        desk.cancel_meeting(meeting, reason, "郑小玲")
    assert err.value.message_zh == "请填写取消会议的原因。"
    assert "the reason for cancelling" in err.value.message_en
    assert desk.meeting_info(meeting).status == "preparing"


def test_a_started_meeting_cannot_be_cancelled(desk: Desk):
    _, (meeting,), _ = unit_with_meetings(desk, 1)
    desk.start_meeting(meeting)
    with pytest.raises(ServiceError) as err:
        desk.cancel_meeting(meeting, REASON, "郑小玲")
    assert err.value.code == "CANCEL_AFTER_START"
    assert err.value.message_zh.startswith("2026年第1次党委会已开始记录，不能取消")
    assert err.value.message_en.startswith("2026年第1次党委会 has started")
    assert desk.meeting_info(meeting).status == "in_progress"


def test_a_cancelled_meeting_cannot_be_started_or_edited(desk: Desk):
    """(Its export is the notice of the cancellation: test_county_notice.py.)"""
    _, (meeting,), chief = unit_with_meetings(desk, 1)
    desk.cancel_meeting(meeting, REASON, "郑小玲")
    item = desk.agenda(meeting)[0].id
    for action in (lambda: desk.start_meeting(meeting),
                   lambda: desk.update_meeting(meeting, "2026-01-02T09:00:00+08:00", "会议室",
                                               chief, "记录员", desk.expected_members(meeting)),
                   lambda: desk.add_item(meeting, title="补充议题", kind="study"),
                   lambda: desk.remove_item(item),
                   lambda: desk.cancel_meeting(meeting, "再取消一次", "郑小玲")):
        with pytest.raises(ServiceError) as err:
            action()
        assert err.value.code == "MEETING_CANCELLED"
        assert f"（原因：{REASON}）" in err.value.message_zh
        assert f"(reason: {REASON})" in err.value.message_en
    assert desk.events(meeting) == []
    assert len(desk.agenda(meeting)) == 1


def test_a_meeting_without_an_agenda_cannot_start(desk: Desk):
    _, (meeting,), _ = unit_with_meetings(desk, 1, items=False)
    with pytest.raises(DomainError) as err:
        desk.start_meeting(meeting)
    assert err.value.code == "AGENDA_EMPTY"
    assert err.value.message_zh == (
        "2026年第1次党委会的议程中还没有议题，不能开始。请先在“筹备会议”中添加议题。")
    assert "has no agenda item and cannot start" in err.value.message_en
    assert desk.events(meeting) == [] and desk.meeting_info(meeting).status == "preparing"


def test_list_shows_the_cancelled_meeting_and_its_reason(tmp_path: Path):
    db = tmp_path / "meetings.sqlite3"
    desk = Desk.open(str(db))
    try:
        _, (_, second), _ = unit_with_meetings(desk, 2)
        desk.cancel_meeting(second, REASON, "郑小玲")
    finally:
        desk.close()
    for lang, expected in (("zh", f"已取消：{REASON}"), ("en", f"cancelled: {REASON}")):
        listed = subprocess.run([sys.executable, "-m", "meetingdesk.cli", "list", "--db", str(db),
                                 "--lang", lang], capture_output=True, text=True, timeout=120)
        assert listed.returncode == 0, listed.stderr
        line = next(x for x in listed.stdout.splitlines() if x.startswith(f"{second}\t"))
        assert "2026年第2次党委会" in line and line.endswith(expected)


class SlowStart(Desk):
    """A window whose start is overtaken: another window cancels the meeting after this one has
    checked it may start and before it writes the start."""

    other_window: Desk

    def _startable(self, session, meeting_id):  # type: ignore[no-untyped-def]
        row = super()._startable(session, meeting_id)
        self.other_window.cancel_meeting(meeting_id, REASON, "郑小玲")
        return row


def test_a_start_overtaken_by_a_cancellation_is_refused(db_url: str):
    desk = SlowStart.open(db_url)
    desk.other_window = Desk.open(db_url)
    try:
        _, (meeting,), _ = unit_with_meetings(desk, 1)
        with pytest.raises(ServiceError) as err:
            desk.start_meeting(meeting)
        assert err.value.code == "MEETING_CANCELLED"
        assert desk.events(meeting) == [] and desk.meeting_info(meeting).status == "cancelled"
    finally:
        desk.other_window.close()
        desk.close()
