"""Putting an item on an agenda the way R13 wants an appointment to get there, through the
services: submitted by its presenter, its checks done, approved by the chief, its materials
given days ahead, then taken onto the meeting's agenda."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from meetingdesk.services import Desk

GIVEN = "2026-01-05T10:00:00+08:00"  # before every meeting date the tests use


def schedule_submitted(desk: Desk, meeting_id: int, given: str = GIVEN, **fields: Any) -> int:
    """The agenda item's id; `fields` as for Desk.add_item, with a presenter."""
    unit = desk.meeting_info(meeting_id).unit_id
    chief = next(m.id for m in desk.members(unit) if m.is_chief)
    by = fields["presenter_id"]
    no = desk.submit(unit, by, **fields)
    for check in desk.submission(unit, no).required_checks:
        desk.mark_check_done(unit, no, check, by, "已完成。")
    desk.approve_submission(unit, no, chief)
    desk.record_materials_given(unit, no, by, given)
    return desk.schedule_submission(meeting_id, no)


class MinuteClock:
    """A desk's clock for the tests: from `start`, a minute on at every reading (and moved
    by hand through `now`)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now
