"""Cancelled meetings in the archive: a filed cancellation notice (record/notice.py) accounts
for its meeting's number in the completeness view."""

from __future__ import annotations

import io

from sqlalchemy.orm import Session

from meetingdesk.county.index import days_between
from meetingdesk.county.models import FiledMeeting, FiledPackage, SearchText
from meetingdesk.record.notice import Cancellation
from meetingdesk.record.package import read_package


def read_notice(data: bytes) -> Cancellation:
    """The notice a filed (so already verified) cancellation package states."""
    notice = Cancellation.from_dict(read_package(io.BytesIO(data)).manifest["cancellation"])
    assert notice is not None, "a filed cancellation package states its notice"
    return notice


def index_notice(session: Session, package: FiledPackage, notice: Cancellation) -> FiledMeeting:
    meeting = FiledMeeting(
        package_id=package.id, unit_id=package.unit_id, meeting_uid=notice.uid,
        meeting_type=notice.meeting_type, meeting_type_name=notice.meeting_type_name,
        year=notice.year, number=notice.number, title=notice.title,
        held_on=notice.planned_on.isoformat(), current=package.superseded_by_id is None,
        cancelled=True, cancel_reason=notice.reason, cancelled_by=notice.cancelled_by,
        cancelled_at=notice.cancelled_at, received_at=package.received_at,
        days_to_receipt=days_between(notice.planned_on, package.received_at))
    session.add(meeting)
    session.flush()
    session.add_all(SearchText(meeting_id=meeting.id, field=field, text=text)
                    for field, text in (("title", notice.title), ("decision", notice.reason),
                                        ("name", notice.cancelled_by)))
    session.flush()
    return meeting
