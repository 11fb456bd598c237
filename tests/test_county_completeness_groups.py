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


def test_days_to_receipt_read_as_one_number_when_every_record_took_as_long():
    from meetingdesk.county.completeness import Completeness, Filed

    group = Completeness("东湖镇党委", "party", "党委会", 2026,
                         [Filed(1, 1, "第1次", "2026-01-05", 3), Filed(2, 2, "第2次", "2026-02-05", 3)])
    assert group.days_span == "3" and "会后 3 天送达" in group.line()
    group.filed.append(Filed(3, 3, "第3次", "2026-03-05", 40))
    assert group.days_span == "3–40" and "days to receipt 3–40" in group.line("en")
    assert Completeness("东湖镇党委", "party", "党委会", 2026).days_span == ""
