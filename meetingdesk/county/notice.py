"""Cancelled meetings in the archive: a filed cancellation notice (record/notice.py) accounts
for its meeting's number in the completeness view."""

from __future__ import annotations

import io

from sqlalchemy import Connection, insert

from meetingdesk.county.index import Filing, days_between
from meetingdesk.county.models import FiledMeeting, SearchText
from meetingdesk.record.notice import Cancellation
from meetingdesk.record.package import read_package


def read_notice(data: bytes) -> Cancellation:
    """The notice a filed (so already verified) cancellation package states."""
    notice = Cancellation.from_dict(read_package(io.BytesIO(data)).manifest["cancellation"])
    assert notice is not None, "a filed cancellation package states its notice"
    return notice


def index_notice(conn: Connection, package: Filing, notice: Cancellation) -> int:
    """The index rows of an accepted cancellation notice; returns the meeting's id."""
    meeting_id = conn.execute(insert(FiledMeeting).returning(FiledMeeting.id), dict(
        package_id=package.id, unit_id=package.unit_id, meeting_uid=notice.uid,
        meeting_type=notice.meeting_type, meeting_type_name=notice.meeting_type_name,
        year=notice.year, number=notice.number, title=notice.title,
        held_on=notice.planned_on.isoformat(), current=package.current,
        cancelled=True, cancel_reason=notice.reason, cancelled_by=notice.cancelled_by,
        cancelled_at=notice.cancelled_at, received_at=package.received_at,
        days_to_receipt=days_between(notice.planned_on, package.received_at))).scalar_one()
    conn.execute(insert(SearchText), [
        dict(meeting_id=meeting_id, item_id=None, field=field, text=text)
        for field, text in (("title", notice.title), ("decision", notice.reason),
                            ("name", notice.cancelled_by))])
    return meeting_id
