"""Completeness groups a unit's meetings by type code and year, whatever name each record
prints for the type: a type renamed within a year is one numbering, not two with false gaps."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from county_records import Rows, new_archive
from meetingdesk.county.completeness import completeness
from meetingdesk.county.models import FiledMeeting


def test_a_type_renamed_within_a_year_keeps_one_numbering(sqlite_url):
    archive = new_archive(sqlite_url)
    with archive.transaction(write=True) as conn:
        rows = Rows(conn)
        unit = rows.unit("东湖镇党委")
        first = rows.meeting(unit, date(2026, 1, 5))
        for month in (2, 3):
            rows.meeting(unit, date(2026, month, 5))
        conn.execute(update(FiledMeeting).where(FiledMeeting.id == first)
                     .values(meeting_type_name="党委会议"))
    [group] = completeness(archive)
    assert (group.numbers, group.missing) == ([1, 2, 3], [])
    archive.close()
